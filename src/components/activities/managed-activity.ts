// The shared start of the organiser pages: log-in required, the activity must exist, and the page
// answers 403 (rendering its Swedish explanation) when the user may not manage it.
import type { AstroGlobal } from 'astro';
import type { User } from '../../../db/schema/index.ts';
import { getDb, type Db } from '../../lib/db.ts';
import { getActivityBySlug, type ActivityDetails } from '../../lib/activities/activities.ts';
import { can } from '../../lib/activities/permissions.ts';
import { loginUrlFor } from '../../lib/auth/redirect.ts';

export interface ManagedActivity {
  user: User;
  db: Db;
  found: ActivityDetails;
  allowed: boolean;
}

/** Returns the page's context, or the Response to return at once (log-in redirect or 404). */
export function loadManagedActivity(astro: AstroGlobal): ManagedActivity | Response {
  const user = astro.locals.user;
  if (!user) return astro.redirect(loginUrlFor(astro.url.pathname + astro.url.search));
  const db = getDb();
  const found = getActivityBySlug(db, astro.params.slug!);
  if (!found) return new Response(null, { status: 404 });
  const allowed = can(user, 'manage', found.activity);
  if (!allowed) astro.response.status = 403;
  return { user, db, found, allowed };
}
