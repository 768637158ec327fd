// Issue 10, finding 2: every absolute link (mail, calendar, redirects) comes from one configured origin
// (src/lib/config.ts: SITE_URL, or the server's own listen address), never from the request's Host
// header; X-Forwarded-* counts only from TRUSTED_PROXY; production refuses to start without SITE_URL.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { clusterGroups, outbox } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { input } from '../unit/activities-fixtures.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { BUILD_DIR, freePort, startServer, useServer, type RunningServer } from '../helpers/server.ts';
import { Client, rawRequest } from '../helpers/http.ts';
import { createTestUser, loginAs, TEST_PASSWORD } from '../helpers/users.ts';
import { SESSION_COOKIE } from '#lib/auth/session.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

const EVIL = 'evil.example';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const forged = (extra: Record<string, string> = {}) => ({
  host: EVIL,
  origin: `http://${EVIL}`,
  'content-type': 'application/x-www-form-urlencoded',
  ...extra,
});
const lastMailTo = (to: string) => db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.id)).get();

let activitySlug: string;
beforeAll(() => {
  const organiser = createTestUser(db, { role: 'coordinator' });
  const created = createActivity(db, { ...input({ title: 'Träff med länkar' }) }, organiser.id);
  activitySlug = publishActivity(db, created.id).slug;
});

describe('links in mail follow the configured origin, not the Host header', () => {
  it('a password reset requested with Host: evil.example links to the portal', async () => {
    const victim = createTestUser(db);
    const res = await rawRequest(server.url, '/glomt-losenord?_action=auth.requestReset', { method: 'POST', headers: forged(), body: form({ email: victim.email }) });
    expect(res.status).toBeLessThan(400);
    const mail = lastMailTo(victim.email);
    expect(mail?.subject).toBe('Välj ett nytt lösenord');
    expect(mail!.text).toContain(`${server.url}/nytt-losenord?token=`);
    expect(mail!.text + mail!.html).not.toContain(EVIL);
  });

  it('cluster-group mails (requestToJoin, inviteMember, decideRequest) ignore the Host header', async () => {
    const lead = createTestUser(db);
    const asker = createTestUser(db);
    const invitee = createTestUser(db);
    const group = createGroup(db, { name: `Länkgruppen ${Date.now()}`, problemArea: 'Länkar', description: 'Grupp för länktestet.', joinMode: 'request', leadEmails: [lead.email], createdById: lead.id });
    const askerClient = new Client(server.url);
    loginAs(askerClient, db, asker.id);
    const leadClient = new Client(server.url);
    loginAs(leadClient, db, lead.id);
    const cookie = (c: Client) => ({ cookie: `${SESSION_COOKIE}=${c.cookie(SESSION_COOKIE)}` });

    await rawRequest(server.url, '/_actions/clusters.requestToJoin', { method: 'POST', headers: forged(cookie(askerClient)), body: form({ groupId: String(group.id), message: 'Hej' }) });
    const toLead = lastMailTo(lead.email)!;
    expect(toLead.subject).toContain('Ny förfrågan');
    expect(toLead.text).toContain(`${server.url}/klustergrupper/${group.slug}/hantera`);

    await rawRequest(server.url, '/_actions/clusters.inviteMember', { method: 'POST', headers: forged(cookie(leadClient)), body: form({ groupId: String(group.id), email: invitee.email }) });
    expect(lastMailTo(invitee.email)!.text).toContain(`${server.url}/klustergrupper/${group.slug}`);

    const membership = db.$client.prepare('select id from cluster_memberships where groupId = ? and userId = ?').get(group.id, asker.id) as { id: number };
    await rawRequest(server.url, '/_actions/clusters.decideRequest', { method: 'POST', headers: forged(cookie(leadClient)), body: form({ groupId: String(group.id), membershipId: String(membership.id), decision: 'godkann' }) });
    expect(lastMailTo(asker.email)!.text).toContain(`${server.url}/klustergrupper/${group.slug}`);

    for (const to of [lead.email, invitee.email, asker.email]) {
      for (const mail of db.select().from(outbox).where(eq(outbox.to, to)).all()) expect(mail.text + mail.html).not.toContain(EVIL);
    }
    expect(db.select().from(clusterGroups).where(eq(clusterGroups.id, group.id)).get()).toBeTruthy();
  });
});

describe('calendar files and redirects', () => {
  it('both kalender.ics routes use the portal origin whatever the Host, and Host: a_b is no 500', async () => {
    for (const path of ['/aktiviteter/kalender.ics', `/aktiviteter/${activitySlug}/kalender.ics`]) {
      const res = await rawRequest(server.url, path, { headers: { host: EVIL } });
      expect(res.status, path).toBe(200);
      expect(res.text, path).toContain(`${server.url}/aktiviteter/${activitySlug}`);
      expect(res.text, path).not.toContain(EVIL);
      const odd = await rawRequest(server.url, path, { headers: { host: 'a_b' } });
      expect(odd.status, `${path} with Host: a_b`).toBe(200);
      expect(odd.text).toContain('BEGIN:VCALENDAR');
    }
  });

  it('the log-in redirect from export.docx points at the portal', async () => {
    const res = await rawRequest(server.url, '/klustergrupper/en-grupp/ideer/1/export.docx', { headers: { host: EVIL } });
    expect(res.status).toBe(302);
    expect(String(res.headers.location)).toMatch(new RegExp(`^(${server.url.replace(/[.]/g, '\\.')})?/logga-in\\?next=`));
    expect(String(res.headers.location)).not.toContain(EVIL);
  });
});

describe('X-Forwarded-* and production settings', () => {
  it('X-Forwarded-Proto from a client that is not a configured proxy does not make the cookie Secure', async () => {
    const user = createTestUser(db);
    const res = await rawRequest(server.url, '/logga-in?_action=auth.login', {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
      body: form({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(303);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeTruthy();
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('trusts X-Forwarded-Proto from the proxy named in TRUSTED_PROXY', async () => {
    const behindProxy = await startServer({ env: { TRUSTED_PROXY: '127.0.0.1, ::1' } });
    try {
      const res = await rawRequest(behindProxy.url, '/logga-in', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.status).toBe(200);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await behindProxy.stop();
    }
  });

  it('refuses to start with NODE_ENV=production and no SITE_URL, with a clear message', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve('scripts/serve.mjs')], {
      env: { ...process.env, NODE_ENV: 'production', SITE_URL: '', HOST: '127.0.0.1', PORT: String(port), BUILD_DIR, DATABASE_PATH: ':memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done(null);
      }, 20_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        done(c);
      });
    });
    expect(code).toBe(1);
    expect(output).toContain('SITE_URL måste vara satt när NODE_ENV=production');
  });
});
