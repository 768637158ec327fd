import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema/index.ts';
import { loadDemoDataIfEmpty, type DemoLogin } from '../../db/seed/index.ts';

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

/** Opens a SQLite file with the pragmas the portal relies on and applies pending migrations. */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  cacheStatements(sqlite);
  const db = drizzle({ client: sqlite, schema }) as Db;
  // Resolved from the working directory, not the bundle: the server runs from the project root.
  migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations') });
  return db;
}

let instance: Db | undefined;

/** Demo data is for trying the portal out: never in production, and tests can turn it off. */
function demoDataWanted(): boolean {
  return process.env.NODE_ENV !== 'production' && process.env.DEMO_DATA !== 'off';
}

/** The process-wide connection (one writer; better-sqlite3 is synchronous). */
export function getDb(): Db {
  if (!instance) {
    instance = openDb(process.env.DATABASE_PATH ?? 'data/portal.db');
    // Closing checkpoints the WAL; runs on normal exit and after graceful shutdown.
    process.once('exit', closeDb);
    if (demoDataWanted()) printDemoLogins(loadDemoDataIfEmpty(instance));
  }
  return instance;
}

function printDemoLogins(logins: DemoLogin[] | null): void {
  if (!logins) return;
  console.log('Demodata inläst. Inloggningar:');
  for (const l of logins) console.log(`  ${l.role}: ${l.email}  lösenord: ${l.password}`);
}

export function closeDb(): void {
  instance?.$client.close();
  instance = undefined;
}
