// Migration 0008 keys presence per member and place. A database at the 0007 state (the migrations before
// 0008, from a temporary folder) holds presence rows the way the previous version wrote them (NULL for the
// idea page); opened by the portal, which applies 0008, they are kept, the idea page as ''.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { activePresence, heartbeat } from '#lib/ideas/presence.ts';

const dir = mkdtempSync(join(tmpdir(), 'migration-0008-'));
let db: Db | undefined;
afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function migrationsBefore0008(): string {
  const folder = join(dir, 'migrations-0007');
  cpSync(resolve('db/migrations'), folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag.startsWith('0008_'));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migration 0008 (presence per place)', () => {
  it('keeps every presence row, the idea page as the empty key, and then holds one row per place', () => {
    const file = join(dir, 'portal.db');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    migrate(drizzle({ client: sqlite }), { migrationsFolder: migrationsBefore0008() });
    const now = Date.now();
    sqlite.prepare("insert into organisations (name, slug, type, createdAt) values ('Skövde kommun', 'skovde', 'municipality', ?)").run(now);
    const user = sqlite.prepare("insert into users (email, name, passwordHash, organisationId, status, createdAt) values (?, ?, 'x', 1, 'active', ?)");
    user.run('anna@exempel.se', 'Anna Lind', now);
    user.run('bo@exempel.se', 'Bo Ek', now);
    sqlite.prepare("insert into cluster_groups (slug, name, problemArea, description, createdAt) values ('grupp', 'Grupp', 'Område', 'Beskrivning', ?)").run(now);
    sqlite.prepare("insert into ideas (groupId, title, createdAt, updatedAt) values (1, 'Idé', ?, ?)").run(now, now);
    const presence = sqlite.prepare('insert into idea_presence (ideaId, userId, sectionKey, lastSeenAt) values (1, ?, ?, ?)');
    presence.run(1, null, now);
    presence.run(2, 'budget', now);
    sqlite.close();

    db = openDb(file);
    expect(db.$client.prepare('select userId, sectionKey from idea_presence order by userId').all()).toEqual([
      { userId: 1, sectionKey: '' },
      { userId: 2, sectionKey: 'budget' },
    ]);
    heartbeat(db, 1, 2, 'malgrupp');
    expect(activePresence(db, 1).map((e) => `${e.name}@${e.sectionKey ?? ''}`)).toEqual(['Anna Lind@', 'Bo Ek@malgrupp', 'Bo Ek@budget']);
  });
});
