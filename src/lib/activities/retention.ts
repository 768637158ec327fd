// Special-needs answers are sensitive: deleted 30 days after the activity ends.
import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import { activities, registrations } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';

export const SPECIAL_NEEDS_RETENTION_DAYS = 30;

/** Clears special-needs answers of activities that ended more than 30 days ago. Returns how many were cleared. */
export function purgeSpecialNeeds(db: Db, now = new Date()): number {
  const cutoff = new Date(now.getTime() - SPECIAL_NEEDS_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const ended = db.select({ id: activities.id }).from(activities).where(lt(activities.endsAt, cutoff));
  return db
    .update(registrations)
    .set({ specialNeeds: null })
    .where(and(isNotNull(registrations.specialNeeds), inArray(registrations.activityId, ended)))
    .run().changes;
}
