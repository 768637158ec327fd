import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { loadReportFacts } from '#lib/reports/facts.ts';
import { computeParticipation, NO_METHOD, OUTSIDE_SKARABORG, type ParticipationReport } from '#lib/reports/participation.ts';
import { defaultPeriod, makePeriod, parsePeriod, periodMonths } from '#lib/reports/period.ts';
import { cellValue, participationTables } from '#lib/reports/tables.ts';
import { buildReportWorld, GUIDE_7TJUGO, GUIDE_SE, NOW } from './reports-fixtures.ts';

let db: Db;
let report: ParticipationReport;

beforeAll(() => {
  db = openDb(':memory:');
  buildReportWorld(db);
  const period = defaultPeriod(NOW);
  report = computeParticipation(loadReportFacts(db, period, NOW), period);
});

const pick = <T extends { key: string }>(rows: T[], key: string) => rows.find((r) => r.key === key)!;

describe('report period', () => {
  it('defaults to this calendar year in Stockholm time', () => {
    const p = defaultPeriod(new Date('2026-12-31T23:30:00Z')); // already 1 January 2027 in Stockholm
    expect([p.from, p.to]).toEqual(['2027-01-01', '2027-12-31']);
    expect(p.start.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(p.end.toISOString()).toBe('2027-12-31T23:00:00.000Z');
  });

  it('reads from/to and rejects bad input with Swedish messages', () => {
    expect(parsePeriod(new URLSearchParams('from=2026-03-01&to=2026-03-31'), NOW).period).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    const bad = parsePeriod(new URLSearchParams('from=2026-13-01&to=2026-03-31'), NOW);
    expect(bad.errors.from).toMatch(/ÅÅÅÅ-MM-DD/);
    expect(bad.period.from).toBe('2026-01-01');
    expect(parsePeriod(new URLSearchParams('from=2026-04-01&to=2026-03-31'), NOW).errors.to).toBe('Slutdatumet kan inte vara före startdatumet.');
  });

  it('lists the months of a period', () => {
    expect(periodMonths(makePeriod('2025-11-15', '2026-02-01')).map((m) => `${m.key} ${m.label}`)).toEqual([
      '2025-11 november 2025',
      '2025-12 december 2025',
      '2026-01 januari 2026',
      '2026-02 februari 2026',
    ]);
  });
});

describe('participation figures', () => {
  it('counts held, published activities that started in the period', () => {
    expect(report.totals).toMatchObject({ activities: 3, registered: 16, attended: 13, noShows: 3, people: 10, hours: 62 });
  });

  it('per kind', () => {
    expect(pick(report.byKind, 'network_meeting')).toMatchObject({ activities: 1, registered: 9, attended: 7, noShows: 2, hours: 21 });
    expect(pick(report.byKind, 'course')).toMatchObject({ activities: 1, registered: 4, attended: 3, noShows: 1, hours: 35 });
    expect(pick(report.byKind, 'study_visit')).toMatchObject({ activities: 1, registered: 3, attended: 3, noShows: 0, hours: 6 });
    expect(pick(report.byKind, 'learning_conference')).toMatchObject({ activities: 0, registered: 0, hours: 0 });
    expect(report.byKind.map((r) => r.label)).toEqual(['Nätverksträff', 'Studiebesök', 'Auskultation', 'Kurs', 'Lärandekonferens']);
  });

  it('per method (a course with two methods counts under both)', () => {
    expect(report.byMethod.map((r) => r.label)).toEqual([GUIDE_7TJUGO.title, GUIDE_SE.title, NO_METHOD]);
    expect(pick(report.byMethod, GUIDE_7TJUGO.title)).toMatchObject({ activities: 2, registered: 13, attended: 10, noShows: 3, hours: 56 });
    expect(pick(report.byMethod, GUIDE_SE.title)).toMatchObject({ activities: 1, registered: 4, attended: 3, hours: 35 });
    expect(pick(report.byMethod, NO_METHOD)).toMatchObject({ activities: 1, registered: 3, attended: 3, hours: 6 });
  });

  it('per organisation: unique people present and their hours', () => {
    expect(report.byOrganisation.map((r) => [r.label, r.people, r.hours])).toEqual([
      ['Skövde kommun', 5, 38],
      ['Lidköpings kommun', 2, 17],
      ['Arbetsförmedlingen', 1, 3],
      ['Borås Stad', 1, 2],
      ['Utan organisation', 1, 2],
    ]);
  });

  it('per municipality: the 15 by SCB code, then everything outside Skaraborg', () => {
    expect(report.byMunicipality).toHaveLength(16);
    expect(report.byMunicipality.find((r) => r.code === '1496')).toMatchObject({ label: 'Skövde', people: 5, hours: 38 });
    expect(report.byMunicipality.find((r) => r.code === '1494')).toMatchObject({ label: 'Lidköping', people: 2, hours: 17 });
    expect(report.byMunicipality.find((r) => r.code === '1497')).toMatchObject({ label: 'Hjo', people: 0, hours: 0 });
    expect(report.byMunicipality.at(-1)).toMatchObject({ label: OUTSIDE_SKARABORG, people: 3, hours: 7 });
    expect(report.byMunicipality.reduce((s, r) => s + r.hours, 0)).toBe(report.totals.hours);
  });

  it('courses: seats, nominations and quota use per organisation', () => {
    expect(report.courses.map((c) => [c.organisation, c.seats, c.nominations, c.quota, c.quotaUse])).toEqual([
      ['Skövde kommun', 3, 2, 3, 1],
      ['Lidköpings kommun', 1, 0, 3, 1 / 3],
      ['Arbetsförmedlingen', 0, 1, null, null],
    ]);
  });

  it('per month, by the month each activity started', () => {
    expect(report.byMonth).toHaveLength(12);
    expect(pick(report.byMonth, '2026-03')).toMatchObject({ label: 'mars 2026', activities: 2, people: 8, hours: 56 });
    expect(pick(report.byMonth, '2026-04')).toMatchObject({ activities: 0, people: 0, hours: 0 });
    expect(pick(report.byMonth, '2026-05')).toMatchObject({ activities: 1, people: 3, hours: 6 });
  });

  it('a shorter period leaves out what started outside it', () => {
    const april = makePeriod('2026-04-01', '2026-05-31');
    const r = computeParticipation(loadReportFacts(db, april, NOW), april);
    expect(r.totals).toMatchObject({ activities: 1, registered: 3, attended: 3, people: 3, hours: 6 });
  });
});

describe('small-number suppression in the tables', () => {
  const text = (tableId: string, label: string) => {
    const t = participationTables(report).find((x) => x.id === tableId)!;
    const row = [...t.rows, ...(t.total ? [t.total] : [])].find((r) => r.label === label)!;
    return Object.fromEntries(t.columns.map((c) => [c.key, cellValue(row, c).text]));
  };

  it('shows 1–4 people (and hours derived from them) as "färre än 5", 0 and 5+ as numbers', () => {
    expect(text('per-organisation', 'Skövde kommun')).toMatchObject({ people: '5', hours: '38' });
    expect(text('per-organisation', 'Lidköpings kommun')).toMatchObject({ people: 'färre än 5', hours: 'färre än 5' });
    expect(text('per-kommun', 'Hjo')).toMatchObject({ people: '0', hours: '0' });
    expect(text('per-kommun', 'Utanför Skaraborg')).toMatchObject({ people: 'färre än 5', hours: 'färre än 5' });
    expect(text('per-typ', 'Kurs')).toMatchObject({ activities: '1', registered: 'färre än 5', attended: 'färre än 5', noShows: 'färre än 5', hours: 'färre än 5' });
    expect(text('per-typ', 'Nätverksträff')).toMatchObject({ registered: '9', attended: '7', noShows: 'färre än 5', hours: '21' });
    expect(text('per-typ', 'Totalt')).toMatchObject({ activities: '3', registered: '16', attended: '13', hours: '62' });
  });

  it('suppresses quota use with the seats it is computed from', () => {
    const t = participationTables(report).find((x) => x.id === 'kurser')!;
    const row = t.rows.find((r) => r.organisation === 'Skövde kommun')!;
    expect(t.columns.map((c) => cellValue(row, c).text)).toEqual(['Skövde kommun', 'färre än 5', 'färre än 5', '3', 'färre än 5']);
  });

  it('formats numbers the Swedish way', () => {
    const col = { key: 'v', label: 'v', kind: 'hours' as const };
    expect(cellValue({ v: 1234.5 }, col)).toMatchObject({ text: '1\u00a0234,5', csv: '1234,5', xlsx: 1234.5 });
    expect(cellValue({ v: '2026-03' }, { key: 'v', label: 'v', kind: 'month' })).toMatchObject({ text: 'mars 2026', csv: '2026-03' });
  });
});
