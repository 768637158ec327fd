// Background work of the activities domain, run in the server process: expire offers (and pass them on),
// send reminders, purge sensitive answers. Every step is idempotent, so running it often or after a restart is safe.
// Registered once at server start (src/lib/jobs.ts), never from a page.
import type { Db } from '#lib/db.ts';
import { expireDueOffers } from './offers.ts';
import { sendDueReminders } from './reminders.ts';
import { purgeSpecialNeeds } from './retention.ts';

/** How often the server runs them (registered once at start in src/lib/jobs.ts). */
export const ACTIVITY_JOBS_INTERVAL_MS = 60_000;

export function runActivityJobs(db: Db, now = new Date()): { expiredOffers: number; reminders: number; purged: number } {
  return { expiredOffers: expireDueOffers(db, now), reminders: sendDueReminders(db, now), purged: purgeSpecialNeeds(db, now) };
}
