// View models cached per revision of the database: a write (by this connection or another) makes the
// next read compute afresh; databases never share entries; the cache is bounded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '#lib/db.ts';
import { dataVersion } from '#lib/cache/data-version.ts';
import { versionedCache } from '#lib/cache/versioned.ts';
import { organisations } from '#db/schema/index.ts';
import { defaultPeriod } from '#lib/reports/period.ts';
import { loadReport } from '#lib/reports/report.ts';
import { buildReportWorld, NOW } from './reports-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'skbn-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const addOrganisation = (db: ReturnType<typeof openDb>, slug: string) =>
  db.insert(organisations).values({ name: `Org ${slug}`, slug, type: 'municipality', municipality: 'Skövde' }).run();

describe('dataVersion', () => {
  it('stays the same while nothing is written and changes with a write on this connection or another', () => {
    const file = join(dir, 'version.db');
    const server = openDb(file);
    const other = openDb(file);
    const v1 = dataVersion(server);
    server.select().from(organisations).all();
    expect(dataVersion(server)).toBe(v1);
    addOrganisation(server, 'egen');
    const v2 = dataVersion(server);
    expect(v2).not.toBe(v1);
    addOrganisation(other, 'annan');
    expect(dataVersion(server)).not.toBe(v2);
    server.$client.close();
    other.$client.close();
  });

  it('differs between two databases in the same state', () => {
    const a = openDb(':memory:');
    const b = openDb(':memory:');
    expect(dataVersion(a)).not.toBe(dataVersion(b));
  });
});

describe('versionedCache', () => {
  it('computes once per key and revision', () => {
    const db = openDb(':memory:');
    const cache = versionedCache<number>({ max: 10 });
    let computed = 0;
    const read = () => cache.get(db, 'k', () => ++computed);
    expect([read(), read(), read()]).toEqual([1, 1, 1]);
    addOrganisation(db, 'ny');
    expect(read()).toBe(2);
    expect(read()).toBe(2);
  });

  it('keeps at most `max` entries and at most `maxSize` in size', () => {
    const db = openDb(':memory:');
    const byCount = versionedCache<string>({ max: 3 });
    for (let i = 0; i < 10; i++) byCount.get(db, `k${i}`, () => 'x');
    expect(byCount.size).toBe(3);
    const bySize = versionedCache<string>({ max: 100, maxSize: 1000, sizeOf: (s) => s.length });
    for (let i = 0; i < 10; i++) bySize.get(db, `k${i}`, () => 'x'.repeat(400));
    expect(bySize.size).toBe(2);
  });
});

describe('the report cache', () => {
  it('returns the same report until a write, then computes it afresh', () => {
    const db = openDb(':memory:');
    buildReportWorld(db);
    const period = defaultPeriod(NOW);
    const first = loadReport(db, period, NOW);
    expect(loadReport(db, period, NOW)).toBe(first);
    addOrganisation(db, 'efter-rapporten');
    const second = loadReport(db, period, NOW);
    expect(second).not.toBe(first);
    expect(second.tables.map((t) => t.id)).toEqual(first.tables.map((t) => t.id));
  });
});
