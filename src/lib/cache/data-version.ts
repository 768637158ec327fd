// A cheap fingerprint of the database's contents: it changes with every committed write, whoever made it.
// total_changes() counts the rows this connection (the server's one connection) changed; PRAGMA data_version
// changes when another connection (a backup restore, a script) commits. Two prepared statements, microseconds.
import type Database from 'better-sqlite3';
import type { Db } from '#lib/db.ts';

const statements = new WeakMap<Database.Database, { id: number; changes: Database.Statement; version: Database.Statement }>();
let connections = 0;

export function dataVersion(db: Db): string {
  const sqlite = db.$client;
  let s = statements.get(sqlite);
  if (!s) {
    s = { id: ++connections, changes: sqlite.prepare('SELECT total_changes()').pluck(), version: sqlite.prepare('PRAGMA data_version').pluck() };
    statements.set(sqlite, s);
  }
  // The connection's own number first: two databases (tests) never share a version.
  return `${s.id}.${s.version.get() as number}.${s.changes.get() as number}`;
}
