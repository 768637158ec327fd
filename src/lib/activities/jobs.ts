// Background work of the activities domain, run in the server process: expire offers (and pass them on),
// send reminders, purge sensitive answers. Every step is idempotent, so running it often or after a restart is safe.
import type { Db } from '../db.ts';
import { expireDueOffers } from './offers.ts';
import { sendDueReminders } from './reminders.ts';
import { purgeSpecialNeeds } from './retention.ts';

const SWEEP_INTERVAL_MS = 60_000;
let timer: ReturnType<typeof setInterval> | undefined;

export function runActivityJobs(db: Db, now = new Date()): { expiredOffers: number; reminders: number; purged: number } {
  return { expiredOffers: expireDueOffers(db, now), reminders: sendDueReminders(db, now), purged: purgeSpecialNeeds(db, now) };
}

/**
 * Starts the periodic sweep once per process (called lazily by the pages and actions that use activities).
 * The timer is unref'd so it never keeps the process alive. ACTIVITY_JOBS=off disables it.
 */
export function ensureActivityJobs(db: Db): void {
  if (timer || process.env.ACTIVITY_JOBS === 'off') return;
  const tick = () => {
    try {
      runActivityJobs(db);
    } catch (error) {
      console.error('Aktivitetsjobb misslyckades:', (error as Error).message);
    }
  };
  timer = setInterval(tick, SWEEP_INTERVAL_MS);
  timer.unref();
  setTimeout(tick, 0).unref();
}

export function stopActivityJobs(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
