import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from './db.ts';
import { config } from './config.ts';

/** Database reachable and every migration on disk applied. */
export function healthReport(db: Db): { ok: boolean; database: boolean; migrations: { applied: number; expected: number } } {
  try {
    db.$client.prepare('select 1').get();
    const applied = (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    const expected = readdirSync(resolve(config().migrationsDir)).filter((f) => f.endsWith('.sql')).length;
    return { ok: applied === expected, database: true, migrations: { applied, expected } };
  } catch {
    return { ok: false, database: false, migrations: { applied: 0, expected: 0 } };
  }
}
