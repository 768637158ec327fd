// The month view of /aktiviteter: a Monday-first grid of Stockholm calendar days for one month, with every
// activity date placed on the day it starts (a three-day course shows on three days).
import { TIME_ZONE, parseLocalDateTime } from '#lib/time.ts';

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

export interface MonthEntry<T> {
  startsAt: Date;
  item: T;
}

export interface MonthDay<T> {
  /** YYYY-MM-DD (Stockholm) */
  iso: string;
  day: number;
  inMonth: boolean;
  isToday: boolean;
  entries: Array<MonthEntry<T>>;
}

const dayFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const monthNameFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const longDayFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });

export const WEEKDAYS = [
  { short: 'mån', long: 'måndag' },
  { short: 'tis', long: 'tisdag' },
  { short: 'ons', long: 'onsdag' },
  { short: 'tor', long: 'torsdag' },
  { short: 'fre', long: 'fredag' },
  { short: 'lör', long: 'lördag' },
  { short: 'sön', long: 'söndag' },
] as const;

/** The Stockholm calendar date of an instant, YYYY-MM-DD. */
export function stockholmDay(d: Date): string {
  return dayFmt.format(d);
}

export function formatYearMonth({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** "2027-01" → { year: 2027, month: 1 }; anything else (or a year outside 2000–2100) → the month of `now` in Stockholm. */
export function parseYearMonth(value: string | null | undefined, now = new Date()): YearMonth {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year >= 2000 && year <= 2100 && month >= 1 && month <= 12) return { year, month };
  }
  return currentMonth(now);
}

// The month of "now" is asked for on every view of the list (its link to the month view); it can only
// change at a Stockholm midnight, which is a whole minute, so it is worked out once a minute.
let current: { minute: number; month: YearMonth } | null = null;
function currentMonth(now: Date): YearMonth {
  const minute = Math.floor(now.getTime() / 60_000);
  if (current?.minute !== minute) {
    const [year, month] = stockholmDay(now).split('-').map(Number) as [number, number];
    current = { minute, month: Object.freeze({ year, month }) };
  }
  return current.month;
}

export function addMonths({ year, month }: YearMonth, delta: number): YearMonth {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** "januari 2027" */
export function monthLabel({ year, month }: YearMonth): string {
  return monthNameFmt.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** "torsdag 14 januari" for a YYYY-MM-DD day. */
export function dayLabel(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return longDayFmt.format(new Date(Date.UTC(y, m - 1, d)));
}

/** The instants where the month starts and the next one starts, at midnight Stockholm time. */
export function monthBounds(ym: YearMonth): { start: Date; end: Date } {
  const next = addMonths(ym, 1);
  return { start: parseLocalDateTime(`${formatYearMonth(ym)}-01T00:00`)!, end: parseLocalDateTime(`${formatYearMonth(next)}-01T00:00`)! };
}

/** Weeks (Monday first) covering the month; days of the neighbouring months fill the first and last week. */
export function monthGrid<T>(ym: YearMonth, entries: Array<MonthEntry<T>>, now = new Date()): Array<Array<MonthDay<T>>> {
  const today = stockholmDay(now);
  const byDay = new Map<string, Array<MonthEntry<T>>>();
  for (const e of [...entries].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const key = stockholmDay(e.startsAt);
    byDay.set(key, [...(byDay.get(key) ?? []), e]);
  }
  const first = new Date(Date.UTC(ym.year, ym.month - 1, 1));
  const daysInMonth = new Date(Date.UTC(ym.year, ym.month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells = Math.ceil((lead + daysInMonth) / 7) * 7;
  const weeks: Array<Array<MonthDay<T>>> = [];
  for (let i = 0; i < cells; i++) {
    const date = new Date(Date.UTC(ym.year, ym.month - 1, 1 - lead + i));
    const iso = date.toISOString().slice(0, 10);
    const day: MonthDay<T> = { iso, day: date.getUTCDate(), inMonth: date.getUTCMonth() === ym.month - 1, isToday: iso === today, entries: byDay.get(iso) ?? [] };
    if (i % 7 === 0) weeks.push([]);
    weeks.at(-1)!.push(day);
  }
  return weeks;
}
