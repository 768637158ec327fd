// The report period: two local dates (Europe/Stockholm), both included. Default: this calendar year.
import { z } from 'astro/zod';
import { parseLocalDateTime, TIME_ZONE } from '#lib/time.ts';

export interface Period {
  /** "2026-01-01" */
  from: string;
  /** "2026-12-31" (included) */
  to: string;
  /** 00:00 Stockholm time on `from`. */
  start: Date;
  /** 00:00 Stockholm time on the day after `to` (excluded). */
  end: Date;
}

export interface PeriodResult {
  period: Period;
  /** Swedish messages for the form; the default period is used when there are any. */
  errors: { from?: string; to?: string };
}

const localDate = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-12-01" for an instant, in Stockholm time. */
export function localIsoDate(d: Date): string {
  return localDate.format(d);
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function makePeriod(from: string, to: string): Period {
  return { from, to, start: parseLocalDateTime(`${from}T00:00`)!, end: parseLocalDateTime(`${nextDay(to)}T00:00`)! };
}

export function defaultPeriod(now = new Date()): Period {
  const year = localIsoDate(now).slice(0, 4);
  return makePeriod(`${year}-01-01`, `${year}-12-31`);
}

const dateField = z.iso.date({ error: 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-01-31.' });

/** Reads ?from=&to= (a GET form); an empty or missing field falls back to the default period's date. */
export function parsePeriod(params: URLSearchParams, now = new Date()): PeriodResult {
  const fallback = defaultPeriod(now);
  const errors: PeriodResult['errors'] = {};
  const read = (name: 'from' | 'to'): string => {
    const raw = (params.get(name) ?? '').trim();
    if (!raw) return fallback[name];
    const parsed = dateField.safeParse(raw);
    if (!parsed.success) {
      errors[name] = parsed.error.issues[0]!.message;
      return fallback[name];
    }
    return parsed.data;
  };
  const from = read('from');
  const to = read('to');
  if (!errors.from && !errors.to && to < from) errors.to = 'Slutdatumet kan inte vara före startdatumet.';
  if (!errors.from && !errors.to && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) errors.to = 'Välj en period på högst tio år.';
  if (errors.from || errors.to) return { period: fallback, errors };
  return { period: makePeriod(from, to), errors };
}

const monthName = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The months a period touches: [{ key: "2026-01", label: "januari 2026" }, …]. */
export function periodMonths(period: Period): Array<{ key: string; label: string }> {
  const out: Array<{ key: string; label: string }> = [];
  let [y, m] = period.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ key, label: monthName.format(new Date(Date.UTC(y, m - 1, 15))) });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
