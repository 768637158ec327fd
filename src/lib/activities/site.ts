import { siteUrl } from '#lib/config.ts';

export { siteUrl };

export function activityUrl(slug: string, base = siteUrl()): string {
  return `${base}/aktiviteter/${slug}`;
}

/**
 * Subscription links for the calendar feed with the list's filters: https for Google Calendar and for pasting,
 * webcal: for calendar programs that subscribe on a click (Outlook, Apple Calendar).
 */
export function feedLinks(filters: URLSearchParams, origin = siteUrl()): { https: string; webcal: string } {
  const https = `${origin}/aktiviteter/kalender.ics${filters.size ? `?${filters}` : ''}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
