// Times for test fixtures: a fixed Stockholm wall-clock time on a day counted from today, so a fixture
// never depends on the hour the suite runs at (an event "now + 3 h" crosses midnight late in the evening).
import { parseLocalDateTime, TIME_ZONE } from '#lib/time.ts';

const isoDate = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-12-11": the Stockholm calendar date `days` days after today's (Stockholm) date. */
export function stockholmDate(days: number, now = new Date()): string {
  const [y, m, d] = isoDate.format(now).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant of `time` ("10:00") Stockholm time, `days` days after today's Stockholm date. */
export function stockholmAt(days: number, time: string, now = new Date()): Date {
  return parseLocalDateTime(`${stockholmDate(days, now)}T${time}`)!;
}
