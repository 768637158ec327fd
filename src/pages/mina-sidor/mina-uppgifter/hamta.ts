import type { APIRoute } from 'astro';
import { endpointUser } from '#guards';
import { getDb } from '#lib/db.ts';
import { exportUserData } from '#lib/users/export.ts';

export const prerender = false;

/** "Ladda ner mina uppgifter": the member's own data as a JSON file. */
export const GET: APIRoute = (context) => {
  const user = endpointUser(context);
  if (user instanceof Response) return user;
  const data = exportUserData(getDb(), user.id);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="skaraborgsnatet-mina-uppgifter-${day}.json"`,
      'cache-control': 'no-store',
    },
  });
};
