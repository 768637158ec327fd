// Activity dates at a fixed local time of day (built on clock.ts): never "now + N hours".
import { stockholmAt, stockholmDate } from './clock.ts';

export { stockholmAt as localAt, stockholmDate as localDay };

/** One date row 10:00–13:00 Stockholm time, `days` days from today. */
export function morning(days: number): { startsAt: Date; endsAt: Date } {
  return { startsAt: stockholmAt(days, '10:00'), endsAt: stockholmAt(days, '13:00') };
}
