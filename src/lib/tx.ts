// The one transaction helper of every domain. better-sqlite3 is synchronous, so a transaction is a plain
// function call: the whole check-then-write runs inside it and nothing else can interleave in this process.
import type { Db } from './db.ts';

/**
 * Runs fn in one write transaction and returns its result. BEGIN IMMEDIATE takes the write lock at the
 * start, so another process cannot slip a write in between our read and our write (and a reader never
 * has to be upgraded to a writer, which SQLite answers with SQLITE_BUSY). An exception rolls everything
 * back, including outbox rows (src/lib/mail/outbox.ts: mail leaves only after commit). Nested calls
 * become savepoints. fn uses the same `db` (one connection); it must not be async.
 */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.transaction(() => fn(), { behavior: 'immediate' });
}
