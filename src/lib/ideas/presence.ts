// Who has an idea open right now, and where: one row per member and place (the idea page, or a section),
// so a member with two sections open (two tabs) is in both. Live connections (src/lib/collab) keep their
// rows fresh and remove them when the last connection at that place closes; pages without a socket send
// a heartbeat every HEARTBEAT_MS. A row older than PRESENCE_WINDOW_MS no longer counts.
import { and, eq, gt, sql } from 'drizzle-orm';
import { ideaPresence, users } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { preparedQuery } from '#lib/cache/statements.ts';
import { transaction } from '#lib/tx.ts';
import { SECTIONS } from './template.ts';

export const HEARTBEAT_MS = 10_000;
export const PRESENCE_WINDOW_MS = 30_000;

/** The idea page's place in the table (a section's is its key). */
const IDEA_PAGE = '';

/** The member is at this place (a section key, or null for the idea page) now. Other places of theirs are left as they are. */
export function heartbeat(db: Db, ideaId: number, userId: number, sectionKey: string | null, now = new Date()): void {
  db.insert(ideaPresence)
    .values({ ideaId, userId, sectionKey: sectionKey ?? IDEA_PAGE, lastSeenAt: now })
    .onConflictDoUpdate({ target: [ideaPresence.ideaId, ideaPresence.userId, ideaPresence.sectionKey], set: { lastSeenAt: now } })
    .run();
}

/**
 * Brings a member's rows in line with their live connections, in one transaction: every place in `places`
 * (section keys, null for the idea page; one per open connection) is refreshed, and each place in `left` (a
 * connection there just closed) is removed unless another connection is still there. With no places left
 * they leave the idea at once, every row of theirs removed. Other rows (heartbeats of a tab without a socket)
 * are left to expire on their own, so a live tab never wipes them.
 */
export function updatePlaces(db: Db, ideaId: number, userId: number, places: ReadonlySet<string | null>, left: ReadonlyArray<string | null> = [], now = new Date()): void {
  transaction(db, () => {
    if (places.size === 0) return leavePresence(db, ideaId, userId);
    for (const place of left) {
      if (places.has(place)) continue;
      db.delete(ideaPresence)
        .where(and(eq(ideaPresence.ideaId, ideaId), eq(ideaPresence.userId, userId), eq(ideaPresence.sectionKey, place ?? IDEA_PAGE)))
        .run();
    }
    for (const place of places) heartbeat(db, ideaId, userId, place, now);
  });
}

/** Someone left the idea (their last live connection closed): they no longer count at once, anywhere in it. */
export function leavePresence(db: Db, ideaId: number, userId: number): void {
  db.delete(ideaPresence).where(and(eq(ideaPresence.ideaId, ideaId), eq(ideaPresence.userId, userId))).run();
}

/** One member at one place: sectionKey null is the idea page. A member in several sections has one entry for each. */
export interface PresenceEntry {
  userId: number;
  name: string;
  sectionKey: string | null;
}

const byName = new Intl.Collator('sv');
const sectionOrder = new Map(SECTIONS.map((s, i) => [s.key, i]));

/**
 * Who is in the idea, by name, each member's sections in the template's order. A member with a section
 * open is listed there only (not also as reading the idea page).
 */
export function activePresence(db: Db, ideaId: number, now = new Date()): PresenceEntry[] {
  // Prepared once per connection: every idea page view reads it.
  const rows = preparedQuery(db, 'presence.active', (d) =>
    d
      .select({ userId: users.id, name: users.name, sectionKey: ideaPresence.sectionKey })
      .from(ideaPresence)
      .innerJoin(users, eq(ideaPresence.userId, users.id))
      .where(and(eq(ideaPresence.ideaId, sql.placeholder('ideaId')), gt(ideaPresence.lastSeenAt, sql.placeholder('since'))))
      .prepare(),
  ).all({ ideaId, since: now.getTime() - PRESENCE_WINDOW_MS });
  const inSection = new Set(rows.filter((r) => r.sectionKey !== IDEA_PAGE).map((r) => r.userId));
  return rows
    .filter((r) => r.sectionKey !== IDEA_PAGE || !inSection.has(r.userId))
    .map((r) => ({ userId: r.userId, name: r.name, sectionKey: r.sectionKey === IDEA_PAGE ? null : r.sectionKey }))
    .sort(
      (a, b) =>
        byName.compare(a.name, b.name) ||
        a.userId - b.userId ||
        (sectionOrder.get(a.sectionKey ?? '') ?? -1) - (sectionOrder.get(b.sectionKey ?? '') ?? -1),
    );
}
