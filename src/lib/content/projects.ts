import { formatDate } from '#lib/time.ts';

const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });

export function formatSek(amount: number): string {
  return sek.format(amount);
}

/** A project's period; a date no source gives is shown as unknown, never guessed. */
export function formatPeriod(start?: Date, end?: Date): string {
  if (!start && !end) return 'Okänd';
  return `${start ? formatDate(start) : 'okänt startdatum'} – ${end ? formatDate(end) : 'okänt slutdatum'}`;
}

/** Newest projects first; projects with no known start last. */
export function sortProjects<T extends { data: { periodStart?: Date } }>(projects: T[]): T[] {
  return [...projects].sort((a, b) => (b.data.periodStart?.getTime() ?? 0) - (a.data.periodStart?.getTime() ?? 0));
}
