// Background work of the ideas domain: the daily comment digest. Run like the activities' jobs
// (src/lib/activities/jobs.ts): one unref'd timer per process, started lazily by the pages and
// actions of cluster groups; every run is idempotent (one digest per member and Stockholm day).
import type { Db } from '../db.ts';
import { siteUrl } from '../activities/site.ts';
import { sendCommentDigests } from './notifications.ts';

const SWEEP_INTERVAL_MS = 15 * 60_000;
let timer: ReturnType<typeof setInterval> | undefined;

export function runIdeaJobs(db: Db, now = new Date()): { digests: number } {
  return { digests: sendCommentDigests(db, now, siteUrl()) };
}

/** Starts the sweep once per process. IDEA_JOBS=off disables it. */
export function ensureIdeaJobs(db: Db): void {
  if (timer || process.env.IDEA_JOBS === 'off') return;
  const tick = () => {
    try {
      runIdeaJobs(db);
    } catch (error) {
      console.error('Idéjobb misslyckades:', (error as Error).message);
    }
  };
  timer = setInterval(tick, SWEEP_INTERVAL_MS);
  timer.unref();
  setTimeout(tick, 0).unref();
}

export function stopIdeaJobs(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
