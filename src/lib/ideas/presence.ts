// Who has an idea open right now. Live connections (src/lib/collab) keep their row fresh and remove it
// when the last one closes; pages without a socket send a heartbeat every HEARTBEAT_MS. An entry older
// than PRESENCE_WINDOW_MS no longer counts.
import { and, eq, gt, sql } from 'drizzle-orm';
import { ideaPresence, users } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { preparedQuery } from '#lib/cache/statements.ts';

export const HEARTBEAT_MS = 10_000;
export const PRESENCE_WINDOW_MS = 30_000;

export function heartbeat(db: Db, ideaId: number, userId: number, sectionKey: string | null, now = new Date()): void {
  db.insert(ideaPresence)
    .values({ ideaId, userId, sectionKey, lastSeenAt: now })
    .onConflictDoUpdate({ target: [ideaPresence.ideaId, ideaPresence.userId], set: { sectionKey, lastSeenAt: now } })
    .run();
}

/** Someone left the idea (their last live connection closed): they no longer count at once. */
export function leavePresence(db: Db, ideaId: number, userId: number): void {
  db.delete(ideaPresence).where(and(eq(ideaPresence.ideaId, ideaId), eq(ideaPresence.userId, userId))).run();
}

export interface PresenceEntry {
  userId: number;
  name: string;
  sectionKey: string | null;
}

const byName = new Intl.Collator('sv');

export function activePresence(db: Db, ideaId: number, now = new Date()): PresenceEntry[] {
  // Prepared once per connection: every idea page view reads it.
  return preparedQuery(db, 'presence.active', (d) =>
    d
      .select({ userId: users.id, name: users.name, sectionKey: ideaPresence.sectionKey })
      .from(ideaPresence)
      .innerJoin(users, eq(ideaPresence.userId, users.id))
      .where(and(eq(ideaPresence.ideaId, sql.placeholder('ideaId')), gt(ideaPresence.lastSeenAt, sql.placeholder('since'))))
      .prepare(),
  )
    .all({ ideaId, since: now.getTime() - PRESENCE_WINDOW_MS })
    .sort((a, b) => byName.compare(a.name, b.name));
}
