import type { APIRoute } from 'astro';
import { getDb } from '#lib/db.ts';
import { siteUrl } from '#lib/config.ts';
import { getDates, listPublishedUpcoming } from '#lib/activities/activities.ts';
import { buildCalendar } from '#lib/activities/calendar.ts';
import { kindFromSlug } from '#lib/activities/kinds.ts';

export const prerender = false;

/** Public iCalendar feed of upcoming published activities; takes the same filters as the list (typ, kommun, guide). */
export const GET: APIRoute = ({ url }) => {
  const db = getDb();
  const kind = url.searchParams.get('typ') ?? '';
  const items = listPublishedUpcoming(db, {
    kind: kindFromSlug(kind),
    municipality: url.searchParams.get('kommun') || undefined,
    guideSlug: url.searchParams.get('guide') || undefined,
  }).map((activity) => ({ activity, dates: getDates(db, activity.id) }));
  const body = buildCalendar(items, { calName: 'Skaraborgsnätet – aktiviteter', base: siteUrl() });
  return new Response(body, {
    headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="skaraborgsnatet-aktiviteter.ics"', 'cache-control': 'public, max-age=300' },
  });
};
