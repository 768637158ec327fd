// Hot read queries as better-sqlite3 statements prepared once per connection (no query building and no
// re-preparing per request). The SQL texts are constants in the code, so the cache is bounded by them.
import type Database from 'better-sqlite3';
import type { Db } from '#lib/db.ts';

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement<P extends unknown[] = unknown[], R = unknown>(db: Db, source: string): Database.Statement<P, R> {
  let byText = prepared.get(db.$client);
  if (!byText) prepared.set(db.$client, (byText = new Map()));
  let s = byText.get(source);
  if (!s) byText.set(source, (s = db.$client.prepare(source)));
  return s as Database.Statement<P, R>;
}

const queries = new WeakMap<Db, Map<string, unknown>>();

/**
 * A drizzle query built and prepared once per connection (`build` uses sql.placeholder() for its values),
 * so a page view only binds values and maps rows. `name` must be unique per query.
 */
export function preparedQuery<Q>(db: Db, name: string, build: (db: Db) => Q): Q {
  let byName = queries.get(db);
  if (!byName) queries.set(db, (byName = new Map()));
  let q = byName.get(name) as Q | undefined;
  if (q === undefined) byName.set(name, (q = build(db)));
  return q;
}
