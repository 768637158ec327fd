// `npm run backup -- <file>`: a consistent copy of the database taken with SQLite's online backup API,
// safe while the server is running and writing.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

const target = process.argv[2];
if (!target) {
  console.error('Ange målfil: npm run backup -- <fil>');
  process.exit(2);
}
const source = process.env.DATABASE_PATH ?? 'data/portal.db';
mkdirSync(dirname(resolve(target)), { recursive: true });
const db = new Database(source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const started = Date.now();
await db.backup(target);
db.close();
console.log(`Säkerhetskopia av ${source} sparad i ${target} (${Date.now() - started} ms).`);
