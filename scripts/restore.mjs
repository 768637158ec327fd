// `npm run restore -- <file>`: replaces the database with a backup. Stop the server first.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

const backup = process.argv[2];
if (!backup || !existsSync(backup)) {
  console.error('Ange en befintlig säkerhetskopia: npm run restore -- <fil>');
  process.exit(2);
}
const target = process.env.DATABASE_PATH ?? 'data/portal.db';

const check = new Database(backup, { readonly: true, fileMustExist: true });
const integrity = check.pragma('integrity_check', { simple: true });
check.close();
if (integrity !== 'ok') {
  console.error(`Säkerhetskopian är skadad (${integrity}); ingenting återställdes.`);
  process.exit(1);
}

// The old WAL and shared-memory files belong to the database being replaced: remove them too,
// or SQLite would replay the old WAL on top of the restored file.
for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
copyFileSync(backup, target);
console.log(`Databasen ${target} återställd från ${backup}.`);
