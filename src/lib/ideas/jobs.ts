// Background work of the ideas domain: the daily comment digest. Registered once at server start
// (src/lib/jobs.ts); every run is idempotent (one digest per member and Stockholm day).
import type { Db } from '#lib/db.ts';
import { siteUrl } from '#lib/activities/site.ts';
import { sendCommentDigests } from './notifications.ts';

/** How often the server runs them (registered once at start in src/lib/jobs.ts). */
export const IDEA_JOBS_INTERVAL_MS = 15 * 60_000;

export function runIdeaJobs(db: Db, now = new Date()): { digests: number } {
  return { digests: sendCommentDigests(db, now, siteUrl()) };
}
