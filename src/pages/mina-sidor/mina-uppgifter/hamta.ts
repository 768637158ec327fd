import type { APIRoute } from 'astro';
import { loginUrlFor } from '../../../lib/auth/redirect.ts';
import { getDb } from '../../../lib/db.ts';
import { exportUserData } from '../../../lib/users/export.ts';

export const prerender = false;

/** "Ladda ner mina uppgifter": the member's own data as a JSON file. */
export const GET: APIRoute = ({ locals, url, redirect }) => {
  const user = locals.user;
  if (!user) return redirect(loginUrlFor(url.pathname), 302);
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
