// Runs the cluster rows of the authorization matrix (tests/integration/authz/clusters.ts) on their own,
// with the same outcome rules as the project-wide matrix: a quick check while working on this domain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/lib/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import domain from './authz/clusters.ts';
import type { AuthzFixture, Outcome } from './authz/types.ts';

let server: RunningServer;
let db: Db;
let params: Record<string, string> = {};
const actorIds: Record<string, number | null> = {};

beforeAll(async () => {
  server = await startServer();
  db = openDb(server.dbPath);
  const base = {
    medlem: createTestUser(db, { role: 'medlem' }),
    samordnare: createTestUser(db, { role: 'samordnare' }),
    admin: createTestUser(db, { role: 'admin' }),
  };
  const fixture: AuthzFixture = { db, users: base, createUser: (o) => createTestUser(db, o ?? {}) };
  const setup = domain.setup(fixture);
  params = setup.params;
  Object.assign(actorIds, { anonymous: null, medlem: base.medlem.id, samordnare: base.samordnare.id, admin: base.admin.id }, setup.actors);
});

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`);

function outcomeOf(res: Response, isAction: boolean): Outcome | string {
  if (isAction) return res.status === 401 ? 'login' : res.status === 403 ? 'forbidden' : res.status >= 500 ? `error ${res.status}` : 'ok';
  const location = res.headers.get('location') ?? '';
  if (res.status >= 300 && res.status < 400 && location.startsWith('/logga-in') || location.includes('/logga-in?')) return 'login';
  if (res.status === 403) return 'forbidden';
  return res.status < 400 ? 'ok' : `status ${res.status}`;
}

describe('authorization matrix: clusters', () => {
  for (const c of domain.cases) {
    it(`${c.method} ${c.path} (${c.route})`, async () => {
      const got: Record<string, string> = {};
      for (const actor of Object.keys(c.expect)) {
        const client = new Client(server.url);
        const id = actorIds[actor];
        if (id === undefined) throw new Error(`Okänd aktör ${actor}`);
        if (id !== null) loginAs(client, db, id);
        const fields = Object.fromEntries(Object.entries(c.fields ?? {}).map(([k, v]) => [k, fill(v)]));
        const res = c.method === 'GET' ? await client.get(fill(c.path)) : await client.post(fill(c.path), fields);
        got[actor] = outcomeOf(res, c.route.startsWith('action:'));
      }
      expect(got).toEqual(c.expect);
    });
  }
});
