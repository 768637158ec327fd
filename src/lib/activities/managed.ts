// The shared start of the organiser pages (edit, participants, check-in): the activity must exist (404
// otherwise) and the user must manage it (the gate then carries the 403 denial for the layout).
import type { Db } from '#lib/db.ts';
import type { User } from '#db/schema/index.ts';
import { getActivityBySlug, type ActivityDetails } from './activities.ts';
import { can } from './permissions.ts';

/** The activity behind `slug` and whether `user` may manage it; undefined when there is none. */
export function findManagedActivity(db: Db, user: User, slug: string): { found: ActivityDetails; allowed: boolean } | undefined {
  const found = getActivityBySlug(db, slug);
  if (!found) return undefined;
  return { found, allowed: can(user, 'manage', found.activity) };
}
