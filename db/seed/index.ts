import { count } from 'drizzle-orm';
import { organisations } from '../schema/index.ts';
import type { Db } from '#lib/db.ts';
import { transaction } from '#lib/tx.ts';
import { seedOrganisations } from './organisations.ts';
import { seedUsers, type DemoLogin } from './users.ts';
import { seedActivities } from './activities.ts';
import { seedClusters } from './clusters.ts';
import { seedPastActivities } from './past-activities.ts';

export type { DemoLogin };

/**
 * Loads demo data into an empty database, in one transaction. Returns the demo log-ins when it
 * loaded anything, null when the database already had data. Each domain adds its step here.
 */
export function loadDemoDataIfEmpty(db: Db): DemoLogin[] | null {
  if (db.select({ n: count() }).from(organisations).get()!.n > 0) return null;
  return transaction(db, () => {
    seedOrganisations(db);
    const logins: DemoLogin[] = [];
    logins.push(...seedUsers(db));
    seedActivities(db);
    seedClusters(db);
    seedPastActivities(db);
    return logins;
  });
}
