// Migration 0006 turns the Swedish enum values stored by earlier versions into English ones.
// A database is built at the 0005 state (the migrations before 0006, from a temporary folder), filled with
// rows the way the previous version wrote them, and then opened by the portal, which applies 0006.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, IDEA_STATUSES, ORGANISATION_TYPES, ROLES } from '#db/schema/index.ts';
import { openDb, type Db } from '#lib/db.ts';

const MIGRATIONS = resolve('db/migrations');
const OLD_KINDS = ['nätverksträff', 'studiebesök', 'auskultation', 'kurs', 'lärandekonferens'];
const OLD_ACTIVITY_STATUSES = ['utkast', 'publicerad', 'inställd', 'publicerad', 'publicerad'];
const OLD_ROLES = ['medlem', 'samordnare', 'admin'];
const OLD_IDEA_STATUSES = ['ide', 'utkast', 'redo', 'inskickad', 'avslutad'];
const OLD_ORGANISATION_TYPES = ['kommun', 'myndighet', 'region', 'samordningsförbund', 'folkhögskola', 'studieförbund', 'förening', 'företag', 'övrig'];

/** A copy of the migrations folder whose journal stops before 0006. */
function migrationsBefore0006(dir: string): string {
  const folder = join(dir, 'migrations-0005');
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag.startsWith('0006_'));
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/** Rows as the previous version stored them, with child rows that must survive the migration. */
function fillAtVersion0005(file: string, migrationsFolder: string): void {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  migrate(drizzle({ client: sqlite }), { migrationsFolder });
  const now = Date.now();
  const org = sqlite.prepare('insert into organisations (name, slug, type, emailDomains, createdAt) values (?, ?, ?, ?, ?)');
  OLD_ORGANISATION_TYPES.forEach((type, i) => org.run(`Organisation ${i}`, `organisation-${i}`, type, '[]', now));
  const user = sqlite.prepare('insert into users (email, name, passwordHash, organisationId, role, status, createdAt) values (?, ?, ?, 1, ?, ?, ?)');
  OLD_ROLES.forEach((role, i) => user.run(`person${i}@exempel.se`, `Person ${i}`, 'x', role, 'active', now));
  // The old default role, as sign-ups stored it.
  sqlite.prepare("insert into users (email, name, passwordHash, createdAt) values ('ny@exempel.se', 'Ny', 'x', ?)").run(now);
  sqlite.prepare("insert into sessions (id, userId, expiresAt) values ('session-1', 1, ?)").run(now + 86_400_000);
  const activity = sqlite.prepare(
    'insert into activities (slug, title, description, kind, status, organiserOrganisationId, startsAt, endsAt, createdBy, createdAt, updatedAt) values (?, ?, ?, ?, ?, 1, ?, ?, 2, ?, ?)',
  );
  OLD_KINDS.forEach((kind, i) => activity.run(`aktivitet-${i}`, `Aktivitet ${i}`, 'Beskrivning', kind, OLD_ACTIVITY_STATUSES[i], now + i, now + i + 3_600_000, now, now));
  sqlite.prepare("insert into activities (slug, title, description, kind, startsAt, endsAt, createdAt, updatedAt) values ('standard', 'Standard', 'B', 'kurs', ?, ?, ?, ?)").run(now, now, now, now);
  sqlite.prepare('insert into activity_dates (activityId, startsAt, endsAt) values (2, ?, ?)').run(now, now + 3_600_000);
  sqlite.prepare("insert into activity_registrations (activityId, userId, status, createdAt, updatedAt) values (2, 1, 'confirmed', ?, ?)").run(now, now);
  sqlite.prepare("insert into cluster_groups (slug, name, problemArea, description, createdById, createdAt) values ('grupp', 'Grupp', 'Område', 'Beskrivning', 2, ?)").run(now);
  sqlite.prepare("insert into cluster_memberships (groupId, userId, role, status, createdAt) values (1, 1, 'member', 'active', ?)").run(now);
  const idea = sqlite.prepare('insert into ideas (groupId, title, status, createdById, createdAt, updatedAt) values (1, ?, ?, 1, ?, ?)');
  OLD_IDEA_STATUSES.forEach((status, i) => idea.run(`Idé ${i}`, status, now, now));
  sqlite.prepare("insert into ideas (groupId, title, createdAt, updatedAt) values (1, 'Standardidé', ?, ?)").run(now, now);
  sqlite.prepare("insert into idea_sections (ideaId, key) values (1, 'bakgrund')").run();
  sqlite.prepare("insert into idea_organisations (ideaId, organisationId, role) values (1, 1, 'Projektägare')").run();
  sqlite.close();
}

describe('migration 0006: English enum values', () => {
  let dir: string;
  let db: Db;
  let counts: Record<string, number>;
  const childTables = ['sessions', 'activity_dates', 'activity_registrations', 'cluster_memberships', 'idea_sections', 'idea_organisations'];
  const countRows = (client: Database.Database, table: string) => (client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'migration-0006-'));
    const file = join(dir, 'portal.db');
    fillAtVersion0005(file, migrationsBefore0006(dir));
    const before = new Database(file, { readonly: true });
    expect(before.prepare("select role from users where email = 'ny@exempel.se'").pluck().get()).toBe('medlem');
    counts = Object.fromEntries(childTables.map((t) => [t, countRows(before, t)]));
    before.close();
    db = openDb(file);
  });

  afterAll(() => {
    db?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const column = (sql: string) => db.$client.prepare(sql).pluck().all();

  it('converts every stored value to its English counterpart', () => {
    expect(column('select type from organisations order by id')).toEqual([...ORGANISATION_TYPES]);
    expect(column('select role from users order by id')).toEqual([...ROLES, 'member']);
    expect(column("select kind from activities where slug like 'aktivitet-%' order by id")).toEqual([...ACTIVITY_KINDS]);
    expect(column("select status from activities where slug like 'aktivitet-%' order by id")).toEqual(['draft', 'published', 'cancelled', 'published', 'published']);
    expect(column("select kind || ' ' || status from activities where slug = 'standard'")).toEqual(['course draft']);
    expect(column('select status from ideas order by id')).toEqual([...IDEA_STATUSES, 'idea']);
  });

  it("leaves no value outside the schema's lists", () => {
    const outside = (sql: string, allowed: readonly string[]) => column(sql).filter((v) => !allowed.includes(v as string));
    expect(outside('select distinct kind from activities', ACTIVITY_KINDS)).toEqual([]);
    expect(outside('select distinct status from activities', ACTIVITY_STATUSES)).toEqual([]);
    expect(outside('select distinct role from users', ROLES)).toEqual([]);
    expect(outside('select distinct status from ideas', IDEA_STATUSES)).toEqual([]);
    expect(outside('select distinct type from organisations', ORGANISATION_TYPES)).toEqual([]);
  });

  it('keeps every row that points at the changed tables (no cascade from a table rebuild)', () => {
    for (const table of childTables) expect(countRows(db.$client, table), table).toBe(counts[table]);
    expect(column('select id from sessions')).toEqual(['session-1']);
    expect(column('select createdBy from activities where id = 1')).toEqual([2]);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('gives new rows the English defaults and keeps the status index', () => {
    const now = Date.now();
    db.$client.prepare("insert into users (email, name, passwordHash, createdAt) values ('senare@exempel.se', 'Senare', 'x', ?)").run(now);
    db.$client.prepare("insert into activities (slug, title, description, kind, startsAt, endsAt, createdAt, updatedAt) values ('senare', 'S', 'B', 'course', ?, ?, ?, ?)").run(now, now, now, now);
    db.$client.prepare("insert into ideas (groupId, title, createdAt, updatedAt) values (1, 'Senare idé', ?, ?)").run(now, now);
    expect(column("select role from users where email = 'senare@exempel.se'")).toEqual(['member']);
    expect(column("select status from activities where slug = 'senare'")).toEqual(['draft']);
    expect(column("select status from ideas where title = 'Senare idé'")).toEqual(['idea']);
    expect(column("select name from pragma_index_info('activities_status_start_idx') order by seqno")).toEqual(['status', 'startsAt']);
  });
});
