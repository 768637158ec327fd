import type { Db } from '../db.ts';

/**
 * Runs fn in one synchronous write transaction (BEGIN IMMEDIATE, so another process cannot slip a write
 * in between our read and our write). Nested calls become savepoints. fn must not be async.
 */
export function write<T>(db: Db, fn: () => T): T {
  return db.transaction(() => fn(), { behavior: 'immediate' });
}
