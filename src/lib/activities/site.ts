import { siteUrl } from '../config.ts';

export { siteUrl };

export function activityUrl(slug: string, base = siteUrl()): string {
  return `${base}/aktiviteter/${slug}`;
}

/**
 * The public origin for absolute links built while answering a request: SITE_URL when set, else the request's
 * own origin. The one place to switch to `siteUrl()` from `src/lib/config.ts` (issue 10) once that exists.
 */
export function publicOrigin(requestOrigin: string): string {
  return (process.env.SITE_URL ?? requestOrigin).replace(/\/$/, '');
}

/**
 * Subscription links for the calendar feed with the list's filters: https for Google Calendar and for pasting,
 * webcal: for calendar programs that subscribe on a click (Outlook, Apple Calendar).
 */
export function feedLinks(origin: string, filters: URLSearchParams): { https: string; webcal: string } {
  const https = `${origin}/aktiviteter/kalender.ics${filters.size ? `?${filters}` : ''}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
