// Hot read queries as better-sqlite3 statements prepared once per connection (no query building and no
// re-preparing per request). The SQL texts are constants in the code, so the cache is bounded by them.
import type Database from 'better-sqlite3';
import type { Db } from '../db.ts';

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement<P extends unknown[] = unknown[], R = unknown>(db: Db, source: string): Database.Statement<P, R> {
  let byText = prepared.get(db.$client);
  if (!byText) prepared.set(db.$client, (byText = new Map()));
  let s = byText.get(source);
  if (!s) byText.set(source, (s = db.$client.prepare(source)));
  return s as Database.Statement<P, R>;
}
