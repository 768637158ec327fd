import type { APIRoute } from 'astro';
import { logInRedirect, textResponse } from '#guards';
import { getDb } from '#lib/db.ts';
import { siteUrl } from '#lib/config.ts';
import { getActivityBySlug } from '#lib/activities/activities.ts';
import { buildCalendar } from '#lib/activities/calendar.ts';
import { can } from '#lib/activities/permissions.ts';

export const prerender = false;

/** One activity as an .ics file (published and cancelled ones publicly; drafts for those who manage them). */
export const GET: APIRoute = (context) => {
  const { params, locals } = context;
  const found = getActivityBySlug(getDb(), params.slug!);
  if (!found) return new Response('Aktiviteten finns inte.', { status: 404 });
  if (!can(locals.user, 'view', found.activity)) {
    return locals.user ? textResponse({ status: 403, message: 'Åtkomst nekad.' }) : logInRedirect(context);
  }
  const body = buildCalendar([{ activity: found.activity, dates: found.dates }], { calName: found.activity.title, base: siteUrl() });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${found.activity.slug}.ics"` } });
};
