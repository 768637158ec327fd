// Issue 10, findings 8, 9, 12 (past dates) and 13 (no-store): bad input gets a Swedish 4xx, unexpected
// errors a Swedish page with the request id and nothing internal; who may call an action is checked
// before its input; private pages are never cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { input } from '../unit/activities-fixtures.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client, rawRequest } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

let coordinator: Client;
let member: Client;
let admin: Client;
let slug: string;
let coordinatorEmail: string;
beforeAll(() => {
  const c = createTestUser(db, { role: 'coordinator' });
  coordinatorEmail = c.email;
  coordinator = new Client(server.url);
  loginAs(coordinator, db, c.id);
  member = new Client(server.url);
  loginAs(member, db, createTestUser(db).id);
  admin = new Client(server.url);
  loginAs(admin, db, createTestUser(db, { role: 'admin' }).id);
  slug = publishActivity(db, createActivity(db, input({ title: 'Träff att redigera' }), c.id).id).slug;
});

const activityFields = (extra: Record<string, string> = {}) => ({
  title: 'Nätverksträff om felkoder', description: 'En träff om hur fel ska visas för användare.', kind: 'network_meeting',
  place: 'Skövde', municipality: 'Skövde', date: '2031-05-05', start: '09:00', end: '12:00', ...extra,
});

describe('bad input is a Swedish 4xx, not a 500 (finding 8)', () => {
  it('an unknown organiserId or hostId on activities.create and update', async () => {
    for (const extra of [{ organiserId: '9999' }, { hostId: '9999' }] as Array<Record<string, string>>) {
      const created = await coordinator.post('/_actions/activities.create', activityFields(extra));
      expect(created.status, JSON.stringify(extra)).toBe(400);
      const text = await created.text();
      expect(text).toContain('Välj en organisation i listan.');
      expect(text).not.toMatch(/FOREIGN KEY|constraint/i);
      const updated = await coordinator.post('/_actions/activities.update', { ...activityFields(extra), slug });
      expect(updated.status).toBe(400);
    }
  });

  it('/admin?sida=1e20 answers the first page', async () => {
    const res = await admin.get('/admin?sida=1e20');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Medlemmar');
  });

  it('TRACE on any route answers 405', async () => {
    for (const path of ['/', '/aktiviteter', '/mina-sidor']) {
      const res = await rawRequest(server.url, path, { method: 'TRACE' });
      expect(res.status, path).toBe(405);
      expect(res.headers.allow).toContain('GET');
    }
  });
});

describe('unexpected errors (finding 8)', () => {
  // Break the database under the running server so a page and an action fail for real.
  beforeAll(() => db.$client.exec('ALTER TABLE cluster_groups RENAME TO cluster_groups_borta'));
  afterAll(() => db.$client.exec('ALTER TABLE cluster_groups_borta RENAME TO cluster_groups'));

  it('a page shows a Swedish error page with the request id and nothing internal', async () => {
    const res = await member.get('/klustergrupper');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Något gick fel');
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(html).toContain(id!);
    expect(html).not.toMatch(/cluster_groups|SqliteError|no such table|at \w+ \(/);
  });

  it('an action answers a Swedish message with the request id, never the library’s text', async () => {
    const res = await coordinator.post('/_actions/clusters.createGroup', { name: 'Felgruppen', problemArea: 'Fel', description: 'En grupp som inte kan skapas just nu.', joinMode: 'open', leadEmails: coordinatorEmail });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain('Något gick fel hos oss');
    expect(body).toContain(res.headers.get('x-request-id')!);
    expect(body).not.toMatch(/cluster_groups|SqliteError|no such table|stack/);
  });
});

describe('who may call an action is checked before its input (finding 9)', () => {
  it('anonymous calls get 401 without a list of fields', async () => {
    for (const name of ['activities.create', 'auth.setMemberRole', 'clusters.saveSection', 'auth.updateProfile']) {
      const res = await new Client(server.url).post(`/_actions/${name}`, {});
      expect(res.status, name).toBe(401);
      const body = await res.text();
      expect(body, name).not.toContain('AstroActionInputError');
      expect(body).toContain('logga in');
    }
  });

  it('a member gets 403 for coordinator and admin actions, whatever the input', async () => {
    for (const name of ['activities.create', 'auth.setMemberRole', 'auth.approveMember', 'auth.saveOrganisation']) {
      const res = await member.post(`/_actions/${name}`, { nonsense: 'x' });
      expect(res.status, name).toBe(403);
      expect(await res.text(), name).not.toContain('AstroActionInputError');
    }
  });
});

describe('activities cannot be dated in the past (finding 12)', () => {
  it('refuses a past date with a Swedish message', async () => {
    const res = await coordinator.post('/_actions/activities.create', activityFields({ date: '2020-01-01' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Ett av datumen har redan passerat');
  });
});

describe('private pages are not cached (finding 13)', () => {
  it('sends Cache-Control: no-store on pages for a logged-in member', async () => {
    for (const path of ['/mina-sidor', '/mina-sidor/profil', '/admin', `/aktiviteter/${slug}`]) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toContain('no-store');
    }
    // A redirect for a logged-in member (immutable headers) too.
    const redirect = await member.get('/logga-in');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('cache-control')).toContain('no-store');
  });
});
