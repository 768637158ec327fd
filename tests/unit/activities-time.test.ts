import { describe, expect, it } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import { buildCalendar } from '#lib/activities/calendar.ts';
import { formatRange, formatTime, parseLocalDateTime, toLocalInputValue } from '#lib/time.ts';
import { createActivity, getDates } from '#lib/activities/activities.ts';
import { freshDb, input, user } from './activities-fixtures.ts';

describe('time zones across the daylight-saving switch', () => {
  it('2026-03-29 (CET→CEST): 09:00–16:00 local is stored as 07:00Z and 14:00Z and shown as 09:00–16:00', () => {
    const start = parseLocalDateTime('2026-03-29T09:00')!;
    const end = parseLocalDateTime('2026-03-29T16:00')!;
    expect(start.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-29T14:00:00.000Z');
    expect(formatRange(start, end)).toBe('söndag 29 mars 2026, 09:00–16:00');
    // The day before is still winter time.
    expect(parseLocalDateTime('2026-03-28T09:00')!.toISOString()).toBe('2026-03-28T08:00:00.000Z');
  });

  it('2026-10-25 (CEST→CET): times before and after the switch keep their wall-clock hours', () => {
    const start = parseLocalDateTime('2026-10-25T09:00')!;
    expect(start.toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(parseLocalDateTime('2026-10-24T09:00')!.toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(formatTime(start)).toBe('09:00');
    expect(toLocalInputValue(start)).toBe('2026-10-25T09:00');
  });

  it('a multi-date course across the switch keeps 09:00 local on every day, in the DB and in the .ics', () => {
    const db = freshDb();
    const days = ['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26'];
    const a = createActivity(
      db,
      input({ kind: 'course', dates: days.map((d) => ({ startsAt: parseLocalDateTime(`${d}T09:00`)!, endsAt: parseLocalDateTime(`${d}T16:00`)! })) }),
      user(db, { role: 'coordinator' }).id,
    );
    const dates = getDates(db, a.id);
    expect(dates.map((d) => formatTime(d.startsAt))).toEqual(['09:00', '09:00', '09:00', '09:00']);
    expect(dates.map((d) => d.startsAt.getUTCHours())).toEqual([7, 7, 8, 8]);
    const parsed = ical.sync.parseICS(buildCalendar([{ activity: a, dates }]));
    const events = Object.values(parsed).filter((e): e is VEvent => e?.type === 'VEVENT');
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.start.toISOString()).sort()).toEqual(dates.map((d) => d.startsAt.toISOString()));
    expect(events.map((e) => e.end!.toISOString()).sort()).toEqual(dates.map((d) => d.endsAt.toISOString()));
  });
});
