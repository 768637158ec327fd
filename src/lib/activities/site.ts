/** Absolute base URL for links in mails and calendar files (no trailing slash). */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? 'http://localhost:4321').replace(/\/$/, '');
}

export function activityUrl(slug: string, base = siteUrl()): string {
  return `${base}/aktiviteter/${slug}`;
}
