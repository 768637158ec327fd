import type { APIRoute } from 'astro';
import { endpointUser } from '#guards';
import { getDb } from '#lib/db.ts';
import { getActivityBySlug } from '#lib/activities/activities.ts';
import { participantsCsv } from '#lib/activities/export.ts';
import { can } from '#lib/activities/permissions.ts';

export const prerender = false;

/** Participant list as CSV for Excel (UTF-8 with BOM, semicolons). Organisers only. */
export const GET: APIRoute = (context) => {
  const { params } = context;
  const user = endpointUser(context);
  if (user instanceof Response) return user;
  const db = getDb();
  const found = getActivityBySlug(db, params.slug!);
  if (!found) return new Response('Aktiviteten finns inte.', { status: 404 });
  if (!can(user, 'manage', found.activity)) return new Response('Åtkomst nekad: deltagarlistan visas bara för arrangörer.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(participantsCsv(db, found.activity.id), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="deltagare-${found.activity.slug}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
