import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
// The database lives in the test's own folder, so it outlives server restarts.
const dir = mkdtempSync(join(tmpdir(), 'skbn-backup-'));
const dbPath = join(dir, 'portal.db');
beforeAll(async () => {
  server = await startServer({ demoData: true, dbPath });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, [script, ...args], { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: 'utf8' });

function count(table: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backup and restore', () => {
  it('backs up while the server runs, and a restore undoes later changes but keeps the rest', async () => {
    const organisationsBefore = count('organisations');
    expect(organisationsBefore).toBeGreaterThan(20);
    const backupFile = join(dir, 'backup', 'portal-backup.db');
    expect(run('scripts/backup.mjs', backupFile)).toContain('Säkerhetskopia');

    // A change after the backup, made through the running server's database file.
    const db = new Database(dbPath);
    db.prepare("insert into organisations (name, slug, type, emailDomains, createdAt) values ('Efter backup AB', 'efter-backup-ab', 'company', '[]', 0)").run();
    db.close();
    expect(count('organisations')).toBe(organisationsBefore + 1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await server.stop();
    expect(run('scripts/restore.mjs', backupFile)).toContain('återställd');
    expect(count('organisations')).toBe(organisationsBefore);

    server = await startServer({ dbPath });
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health.ok).toBe(true);
    const check = new Database(dbPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
