// No GET request writes to the database, the session's sliding expiry aside (issue 15). Every GET row of the
// authorization tables (tests/integration/authz/*.ts) is requested as anonymous, member, coordinator, admin,
// cluster lead and each domain's own actors. Triggers on every table count the rows each request inserts,
// updates or deletes (whichever connection does it); a failure names the route, the actor and the tables.
// The periodic jobs are off (they write on their own clock); a page that sweeps offers itself is caught by
// an offer that expired on the published activity, set up again before every request.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, registrations } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import type { AuthzDomain, AuthzFixture } from './authz/types.ts';

const LOG = 'test_get_crawl_writes';

async function loadDomains(): Promise<AuthzDomain[]> {
  const dir = join(import.meta.dirname, 'authz');
  const files = readdirSync(dir).filter((f) => /\.ts$/.test(f) && f !== 'types.ts').sort();
  return Promise.all(files.map(async (f) => ((await import(pathToFileURL(join(dir, f)).href)) as { default: AuthzDomain }).default));
}

/**
 * AFTER INSERT/UPDATE/DELETE triggers on every table, each logging (table, operation) into LOG. An update of
 * a session that changes nothing but its expiry (the sliding expiry) is not logged.
 */
function installWriteLog(db: Db): void {
  const sqlite = db.$client;
  sqlite.exec(`CREATE TABLE ${LOG} (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL)`);
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?`)
    .pluck()
    .all(LOG) as string[];
  for (const table of tables) {
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `"${c}"`);
    const q = `'${table.replace(/'/g, "''")}'`;
    const name = (op: string) => `"${LOG}_${table}_${op}"`;
    const changed = table === 'sessions' ? columns.filter((c) => !/expires/i.test(c)) : columns;
    const when = changed.length ? `WHEN ${changed.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}` : '';
    sqlite.exec(`CREATE TRIGGER ${name('insert')} AFTER INSERT ON "${table}" BEGIN INSERT INTO ${LOG} (tbl, op) VALUES (${q}, 'insert'); END`);
    sqlite.exec(`CREATE TRIGGER ${name('update')} AFTER UPDATE ON "${table}" ${when} BEGIN INSERT INTO ${LOG} (tbl, op) VALUES (${q}, 'update'); END`);
    sqlite.exec(`CREATE TRIGGER ${name('delete')} AFTER DELETE ON "${table}" BEGIN INSERT INTO ${LOG} (tbl, op) VALUES (${q}, 'delete'); END`);
  }
}

function lastLogId(db: Db): number {
  return (db.$client.prepare(`SELECT coalesce(max(id), 0) FROM ${LOG}`).pluck().get() as number) ?? 0;
}

/** "activity_registrations update ×2, outbox insert" for the log rows after `since`. */
function writesSince(db: Db, since: number): string {
  const rows = db.$client.prepare(`SELECT tbl, op, count(*) AS n FROM ${LOG} WHERE id > ? GROUP BY tbl, op ORDER BY tbl, op`).all(since) as Array<{ tbl: string; op: string; n: number }>;
  return rows.map((r) => `${r.tbl} ${r.op}${r.n > 1 ? ` ×${r.n}` : ''}`).join(', ');
}

const domains = await loadDomains();
let server: RunningServer;
let db: Db;
const state = new Map<string, { params: Record<string, string>; actors: Record<string, number> }>();
let armOffer = () => {};

useServer((ctx) => ({ server, db } = ctx), { env: { ACTIVITY_JOBS: 'off', IDEA_JOBS: 'off' } });
beforeAll(() => {
  const base = {
    medlem: createTestUser(db, { role: 'member' }),
    samordnare: createTestUser(db, { role: 'coordinator' }),
    admin: createTestUser(db, { role: 'admin' }),
  };
  // A cluster lead for every domain (the clusters domain also has its own, `gruppledare`).
  const lead = createTestUser(db, { role: 'member' });
  createGroup(db, { name: `Crawlgrupp ${Date.now()}`, problemArea: 'Skrivningar', description: 'Grupp för testet utan skrivningar vid GET.', joinMode: 'open', leadEmails: [lead.email], createdById: lead.id });
  const fixture: AuthzFixture = { db, users: base, createUser: (options = {}) => createTestUser(db, options) };
  for (const domain of domains) {
    const { params, actors = {} } = domain.setup(fixture);
    state.set(domain.name, { params, actors: { medlem: base.medlem.id, samordnare: base.samordnare.id, admin: base.admin.id, klusterledare: lead.id, ...actors } });
  }
  // An offer on the published activity whose answer time has run out: a view that sweeps offers expires it.
  const published = db.select().from(activities).where(eq(activities.slug, state.get('activities')!.params.pub!)).get()!;
  const offered = db
    .insert(registrations)
    .values({ activityId: published.id, userId: createTestUser(db).id, status: 'offered', offerCount: 1, offerExpiresAt: new Date(Date.now() - 60_000) })
    .returning()
    .get();
  armOffer = () => db.update(registrations).set({ status: 'offered', offerExpiresAt: new Date(Date.now() - 60_000) }).where(eq(registrations.id, offered.id)).run();
  installWriteLog(db);
});

const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`);

describe('no writes on GET', () => {
  it('logs writes: a row inserted by the test shows up', () => {
    const before = lastLogId(db);
    createTestUser(db);
    expect(writesSince(db, before)).toBe('users insert');
  });

  for (const domain of domains) {
    describe(domain.name, () => {
      for (const c of domain.cases.filter((x) => x.method === 'GET')) {
        it(`GET ${c.route} (${c.path})`, async () => {
          const { params, actors } = state.get(domain.name)!;
          const path = fill(c.path, params);
          const offenders: string[] = [];
          for (const actor of ['anonymous', ...Object.keys(actors)]) {
            const client = new Client(server.url);
            if (actor !== 'anonymous') loginAs(client, db, actors[actor]!);
            armOffer();
            const before = lastLogId(db);
            const res = await client.get(path);
            await res.arrayBuffer();
            const writes = writesSince(db, before);
            if (writes) offenders.push(`${actor} (${res.status}): ${writes}`);
          }
          expect(offenders.join('\n'), `GET ${path} wrote to the database (actor (status): table operation)`).toBe('');
        });
      }
    });
  }
});

// Not about writes, but this file has a server of the normal build: the benchmark's own routes
// (bench/routes/, only in the bench's build) must not exist in it.
describe('benchmark-only routes', () => {
  it('are not in a normal build', async () => {
    for (const path of ['/_bench/floor', '/_bench/memory']) {
      const res = await fetch(server.url + path, { redirect: 'manual' });
      await res.arrayBuffer();
      expect(res.status, path).toBe(404);
    }
  });
});
