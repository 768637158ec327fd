// SQLite persistence of live section documents: Yjs updates are appended one per transaction before
// they are passed on (so an acknowledged update is on disk), and compacted into one snapshot row.
import type { Db } from '#lib/db.ts';
import { transaction } from '#lib/tx.ts';

export interface StoredState {
  updates: Uint8Array[];
  syncedRevisionId: number | null;
  writers: number[];
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  const c = db.$client;
  return {
    updates: c.prepare('SELECT data FROM idea_section_updates WHERE sectionId = ? ORDER BY id'),
    append: c.prepare('INSERT INTO idea_section_updates (sectionId, data, snapshot, createdAt) VALUES (?, ?, 0, ?)'),
    snapshot: c.prepare('INSERT INTO idea_section_updates (sectionId, data, snapshot, createdAt) VALUES (?, ?, 1, ?)'),
    dropUpTo: c.prepare('DELETE FROM idea_section_updates WHERE sectionId = ? AND id <= ?'),
    lastId: c.prepare('SELECT max(id) AS id FROM idea_section_updates WHERE sectionId = ?'),
    live: c.prepare('SELECT syncedRevisionId FROM idea_section_live WHERE sectionId = ?'),
    setSynced: c.prepare(
      'INSERT INTO idea_section_live (sectionId, syncedRevisionId) VALUES (?, ?) ON CONFLICT(sectionId) DO UPDATE SET syncedRevisionId = excluded.syncedRevisionId',
    ),
    writers: c.prepare('SELECT userId FROM idea_section_live_writers WHERE sectionId = ?'),
    addWriter: c.prepare('INSERT OR IGNORE INTO idea_section_live_writers (sectionId, userId) VALUES (?, ?)'),
    clearWriters: c.prepare('DELETE FROM idea_section_live_writers WHERE sectionId = ?'),
    addContributor: c.prepare('INSERT OR IGNORE INTO idea_revision_contributors (revisionId, userId) VALUES (?, ?)'),
    contributors: c.prepare(
      'SELECT u.name AS name FROM idea_revision_contributors c JOIN users u ON u.id = c.userId WHERE c.revisionId = ? ORDER BY u.name',
    ),
  };
}

function st(db: Db) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  return s;
}

export function loadState(db: Db, sectionId: number): StoredState {
  const s = st(db);
  const updates = (s.updates.all(sectionId) as Array<{ data: Buffer }>).map((r) => new Uint8Array(r.data));
  const live = s.live.get(sectionId) as { syncedRevisionId: number | null } | undefined;
  const writers = (s.writers.all(sectionId) as Array<{ userId: number }>).map((r) => r.userId);
  return { updates, syncedRevisionId: live?.syncedRevisionId ?? null, writers };
}

/** Stores one update (and its writer) in one transaction. */
export function appendUpdate(db: Db, sectionId: number, update: Uint8Array, userId: number | null, now = Date.now()): void {
  const s = st(db);
  transaction(db, () => {
    s.append.run(sectionId, Buffer.from(update.buffer, update.byteOffset, update.byteLength), now);
    if (userId !== null) s.addWriter.run(sectionId, userId);
  });
}

/** Replaces every stored update of the section by one snapshot of the whole document. */
export function compact(db: Db, sectionId: number, snapshot: Uint8Array, now = Date.now()): void {
  const s = st(db);
  transaction(db, () => {
    const last = (s.lastId.get(sectionId) as { id: number | null }).id;
    if (last !== null) s.dropUpTo.run(sectionId, last);
    s.snapshot.run(sectionId, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), now);
  });
}

export function setSyncedRevision(db: Db, sectionId: number, revisionId: number | null): void {
  st(db).setSynced.run(sectionId, revisionId);
}

/** After a revision is written from the live document: record its contributors and start a new list. */
export function recordContributors(db: Db, sectionId: number, revisionId: number, userIds: number[]): void {
  const s = st(db);
  for (const id of userIds) s.addContributor.run(revisionId, id);
  s.clearWriters.run(sectionId);
}

export function clearWriters(db: Db, sectionId: number): void {
  st(db).clearWriters.run(sectionId);
}

/** Names of everyone who wrote a live revision (empty for revisions saved with the form). */
export function revisionContributors(db: Db, revisionId: number): string[] {
  return (st(db).contributors.all(revisionId) as Array<{ name: string }>).map((r) => r.name);
}
