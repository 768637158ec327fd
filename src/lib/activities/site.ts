import { siteUrl } from '../config.ts';

export { siteUrl };

export function activityUrl(slug: string, base = siteUrl()): string {
  return `${base}/aktiviteter/${slug}`;
}
