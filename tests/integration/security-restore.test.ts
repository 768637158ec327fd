// Issue 10, finding 4: `npm run restore` overwrote a live database (the server kept writing into a
// deleted WAL) and accepted any SQLite file. It now refuses while the database is open, refuses files
// that are not portal databases, and keeps the replaced file aside.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'skbn-restore-'));
const dbPath = join(dir, 'portal.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (script: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [script, ...args], { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: 'utf8' });
  return { code: result.status, output: result.stdout + result.stderr };
};
const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('npm run restore', () => {
  it('refuses while the server has the database open, and changes nothing', async () => {
    const server = await startServer({ demoData: true, dbPath });
    try {
      const backupFile = join(dir, 'backup.db');
      expect(run('scripts/backup.mjs', backupFile).code).toBe(0);
      const before = count(dbPath, 'organisations');
      const restore = run('scripts/restore.mjs', backupFile);
      expect(restore.code).toBe(1);
      expect(restore.output).toContain('används (kör servern?)');
      expect(count(dbPath, 'organisations')).toBe(before);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(readdirSync(dir).filter((f) => f.includes('fore-aterstallning'))).toHaveLength(0);
    } finally {
      await server.stop();
    }
  });

  it('refuses a SQLite file that is not a portal database', () => {
    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('create table x(a)');
    db.close();
    const restore = run('scripts/restore.mjs', foreign);
    expect(restore.code).toBe(1);
    expect(restore.output).toContain('ingen databas från portalen');
    expect(count(dbPath, 'organisations')).toBeGreaterThan(20);
  });

  it('with the server stopped, restores and keeps the replaced database aside', () => {
    const backupFile = join(dir, 'backup.db');
    const live = new Database(dbPath);
    live.prepare("insert into organisations (name, slug, type, emailDomains, createdAt) values ('Efter backup AB', 'efter-backup-ab', 'company', '[]', 0)").run();
    live.close();
    const withChange = count(dbPath, 'organisations');
    const restore = run('scripts/restore.mjs', backupFile);
    expect(restore.code, restore.output).toBe(0);
    expect(count(dbPath, 'organisations')).toBe(withChange - 1);
    const aside = readdirSync(dir).find((f) => f.startsWith('portal.db.fore-aterstallning-'));
    expect(aside, readdirSync(dir).join(', ')).toBeTruthy();
    expect(restore.output).toContain(aside!);
    expect(count(join(dir, aside!), 'organisations')).toBe(withChange);
    const restored = new Database(dbPath, { readonly: true });
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
  });
});
