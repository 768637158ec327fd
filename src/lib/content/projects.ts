import { formatDate } from '../time.ts';

const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });

export function formatSek(amount: number): string {
  return sek.format(amount);
}

export function formatPeriod(start: Date, end: Date): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** Newest projects first. */
export function sortProjects<T extends { data: { periodStart: Date } }>(projects: T[]): T[] {
  return [...projects].sort((a, b) => b.data.periodStart.getTime() - a.data.periodStart.getTime());
}
