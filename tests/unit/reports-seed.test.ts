// The demo data must give every report chart something real to show, and the same data on every load.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '#db/schema/index.ts';
import { loadDemoDataIfEmpty } from '#db/seed/index.ts';
import { openDb, type Db } from '#lib/db.ts';
import { makePeriod, localIsoDate } from '#lib/reports/period.ts';
import { loadReport } from '#lib/reports/report.ts';
import { formatTime } from '#lib/time.ts';


function lastTwelveMonths() {
  const today = localIsoDate(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return makePeriod(d.toISOString().slice(0, 10), today);
}

function demo(): Db {
  const db = openDb(':memory:');
  loadDemoDataIfEmpty(db);
  return db;
}

describe('demo history for the reports', () => {
  const db = demo();
  const report = loadReport(db, lastTwelveMonths());
  const p = report.participation;

  it('has held activities of every kind with attendance', () => {
    expect(p.totals.activities).toBeGreaterThanOrEqual(20);
    for (const kind of ACTIVITY_KINDS) {
      const row = p.byKind.find((r) => r.key === kind)!;
      expect(row.activities, kind).toBeGreaterThan(0);
      expect(row.attended, kind).toBeGreaterThan(0);
    }
    expect(p.totals.noShows).toBeGreaterThan(0);
    expect(p.totals.people).toBeGreaterThanOrEqual(50);
  });

  it('reaches people in every municipality, some above the suppression limit', () => {
    const inSkaraborg = p.byMunicipality.slice(0, 15);
    expect(inSkaraborg.every((r) => r.people > 0)).toBe(true);
    expect(inSkaraborg.filter((r) => r.people >= 5).length).toBeGreaterThanOrEqual(5);
    expect(p.byMunicipality.at(-1)!.people).toBeGreaterThanOrEqual(5);
  });

  it('fills methods, courses, months and cluster tables', () => {
    expect(p.byMethod.length).toBeGreaterThanOrEqual(7);
    expect(p.courses.some((c) => c.seats >= 5 && c.nominations > 0 && c.quotaUse !== null)).toBe(true);
    expect(p.byMonth.filter((m) => m.activities > 0).length).toBeGreaterThanOrEqual(10);
    const status = report.tables.find((t) => t.id === 'ideer-per-status')!;
    expect(status.rows.some((r) => (r.ideas as number) > 0)).toBe(true);
  });

  it('uses fixed local times and gives the same figures on every load', () => {
    const starts = (db.$client.prepare('select startsAt as s from activity_dates').all() as Array<{ s: number }>).map((r) => formatTime(new Date(r.s)));
    expect(starts.length).toBeGreaterThan(24);
    expect(new Set(starts)).toEqual(new Set(['08:30', '09:00', '10:00', '12:30', '13:00']));
    const again = loadReport(demo(), lastTwelveMonths());
    expect(again.tables).toEqual(report.tables);
  });
});
