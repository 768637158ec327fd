import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '#db/schema/index.ts';
import { config } from './config.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * drizzle asks better-sqlite3 to prepare every query anew, which was the largest single cost of a page
 * view. Statements are reusable, so recent ones are kept by their SQL text (least recently used out).
 */
function cacheStatements(sqlite: Database.Database, max = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      // drizzle switches raw (array) rows on per call; start each use from the default.
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as Database.Database['prepare'];
}

/** Opens a SQLite file with the pragmas the portal relies on and applies pending migrations. Nothing else. */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's page cache, per connection: 4 MB instead of better-sqlite3's 16 MB. It fills up with use and
  // never shrinks, and the server's resident memory is bounded (issue 15: ≤ 150 MB); pages it drops are read
  // again from the operating system's file cache, which keeps the whole file (README "Prestanda").
  sqlite.pragma('cache_size = -4000');
  cacheStatements(sqlite);
  const db = drizzle({ client: sqlite, schema }) as Db;
  // Resolved from the working directory, not the bundle: the server runs from the project root.
  migrate(db, { migrationsFolder: resolve(config().migrationsDir) });
  return db;
}

let instance: Db | undefined;

/** The process-wide connection (one writer; better-sqlite3 is synchronous). Demo data is the start script's job. */
export function getDb(): Db {
  if (!instance) {
    instance = openDb(config().databasePath);
    // Closing checkpoints the WAL; runs on normal exit and after graceful shutdown.
    process.once('exit', closeDb);
  }
  return instance;
}

export function closeDb(): void {
  instance?.$client.close();
  instance = undefined;
}
