// The one place that knows the portal's time zone. Store UTC, show Europe/Stockholm.
import { TZDate } from '@date-fns/tz';
import { LRUCache } from 'lru-cache';

export const TIME_ZONE = 'Europe/Stockholm';

const dateFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const weekdayDateFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const isoLocalFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

// Intl formatting is slow next to everything else on a page listing hundreds of dates, and the same
// instants come back on every request, so results are remembered (bounded; least recently used out).
function memoized(format: Intl.DateTimeFormat, max = 5000): (d: Date) => string {
  const cache = new LRUCache<number, string>({ max });
  return (d) => {
    const key = d.getTime();
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = format.format(d)));
    return text;
  };
}

/** "23 november 2026" */
export const formatDate = memoized(dateFmt);

/** "måndag 23 november 2026" */
export const formatWeekdayDate = memoized(weekdayDateFmt);

/** "09:30" */
export const formatTime = memoized(timeFmt);

/** "23 november 2026 kl. 09:30" */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)} kl. ${formatTime(d)}`;
}

/** "måndag 23 november 2026, 09:00–16:00" (or across days when the end is on another date). */
export function formatRange(start: Date, end: Date): string {
  if (formatDate(start) === formatDate(end)) return `${formatWeekdayDate(start)}, ${formatTime(start)}–${formatTime(end)}`;
  return `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

/** Value for <input type="datetime-local"> in Stockholm time: "2026-11-23T09:30". */
export function toLocalInputValue(d: Date): string {
  return isoLocalFmt.format(d).replace(' ', 'T');
}

/** Parses "2026-11-23T09:30" as Stockholm wall-clock time; returns null for invalid input. */
export function parseLocalDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, 0, TIME_ZONE);
  if (date.getDate() !== d || date.getMonth() !== mo - 1) return null;
  return new Date(date.getTime());
}

const dayKeyFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/** The Stockholm calendar day of an instant, "2026-12-01" (for once-a-day work such as digests). */
export function stockholmDay(d: Date): string {
  return dayKeyFmt.format(d);
}
