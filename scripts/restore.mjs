// `npm run restore -- <file>`: replaces the database with a backup. Stop the server first: the restore
// refuses while any process has the database open. The replaced file is kept beside it.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Tables every portal database has; a file without them is not a backup of the portal. */
const PORTAL_TABLES = ['__drizzle_migrations', 'users', 'sessions', 'organisations', 'outbox'];

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

const backup = process.argv[2];
if (!backup || !existsSync(backup)) fail('Ange en befintlig säkerhetskopia: npm run restore -- <fil>', 2);
const target = process.env.DATABASE_PATH ?? 'data/portal.db';

// 1. The backup must be an intact portal database.
let check;
try {
  check = new Database(backup, { readonly: true, fileMustExist: true });
  const integrity = check.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') fail(`Säkerhetskopian är skadad (${integrity}); ingenting återställdes.`);
  const tables = new Set(check.prepare("select name from sqlite_master where type = 'table'").pluck().all());
  const missing = PORTAL_TABLES.filter((t) => !tables.has(t));
  if (missing.length) fail(`${backup} är ingen databas från portalen (tabeller saknas: ${missing.join(', ')}); ingenting återställdes.`);
  const applied = check.prepare('select count(*) from __drizzle_migrations').pluck().get();
  if (applied < 1) fail(`${backup} har inga genomförda migreringar och är ingen databas från portalen; ingenting återställdes.`);
} catch (error) {
  if (error?.code?.startsWith?.('SQLITE_')) fail(`${backup} går inte att läsa som en SQLite-databas (${error.message}); ingenting återställdes.`);
  throw error;
} finally {
  check?.close();
}

// 2. Nobody may have the live database open: a running server keeps a connection (and its WAL) open,
//    and an idle WAL connection already stops an exclusive lock. Holding that lock, fold the WAL into
//    the file so the copy kept aside is complete.
let aside = null;
if (existsSync(target)) {
  const live = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    live.pragma('locking_mode = EXCLUSIVE');
    live.exec('BEGIN EXCLUSIVE');
    live.exec('COMMIT');
    live.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    live.close();
    if (error?.code === 'SQLITE_BUSY' || error?.code === 'SQLITE_LOCKED') {
      fail(`Databasen ${target} används (kör servern?). Stoppa servern först och kör sedan återställningen igen; ingenting återställdes.`);
    }
    throw error;
  }
  live.close();
  // 3. Keep the replaced database beside the restored one.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  aside = `${target}.fore-aterstallning-${stamp}`;
  renameSync(target, aside);
}
// The old WAL and shared-memory files belong to the replaced database (normally gone after the
// checkpoint above): SQLite would otherwise replay the old WAL on top of the restored file.
for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
copyFileSync(backup, `${target}.aterstaller`);
renameSync(`${target}.aterstaller`, target);
console.log(`Databasen ${target} återställd från ${backup}.` + (aside ? ` Den ersatta databasen finns kvar i ${aside}.` : ''));
