// Log-in, cookies, session storage, rate limiting, password reset and change, log out everywhere,
// profile, data export and account deletion — over HTTP against the built server.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { type Db } from '#lib/db.ts';
import { organisations, passwordResetTokens, sessions, users } from '#db/schema/index.ts';
import { latestMailTo } from '#lib/mail/outbox.ts';
import { sessionIdFromToken } from '#lib/auth/session.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs, TEST_PASSWORD } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;

// The test client connects from 127.0.0.1, configured here as the reverse proxy whose X-Forwarded-Proto counts.
useServer((ctx) => ({ server, db } = ctx), { env: { TRUSTED_PROXY: '127.0.0.1,::1' } });

async function logIn(client: Client, email: string, password = TEST_PASSWORD, next?: string) {
  return client.post('/logga-in?_action=auth.login', { email, password, ...(next ? { next } : {}) });
}

describe('log-in and session cookie', () => {
  it('sets an HttpOnly, SameSite=Lax cookie for 30 days; the database holds only its SHA-256', async () => {
    const user = createTestUser(db);
    const client = new Client(server.url);
    const res = await logIn(client, user.email);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/); // plain http here
    const expires = new Date(/Expires=([^;]+)/.exec(cookie)![1]!).getTime();
    expect(Math.abs(expires - (Date.now() + 30 * 24 * 3600 * 1000))).toBeLessThan(60_000);

    const token = client.cookie('session')!;
    const rows = db.select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sessionIdFromToken(token));
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    const dump = db.$client.prepare('select * from sessions').all();
    expect(JSON.stringify(dump)).not.toContain(token);
  });

  it('marks the cookie Secure behind an HTTPS proxy named in TRUSTED_PROXY', async () => {
    const user = createTestUser(db);
    const res = await fetch(`${server.url}/_actions/auth.login`, {
      method: 'POST',
      headers: { origin: server.url, 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/; Secure/);
  });

  it('redirects anonymous visitors to log-in and back, but never to another site', async () => {
    const anon = new Client(server.url);
    const res = await anon.get('/mina-sidor/profil?flik=1');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fmina-sidor%2Fprofil%3Fflik%3D1');
    const form = await (await anon.get('/logga-in?next=%2Fmina-sidor%2Fprofil%3Fflik%3D1')).text();
    expect(form).toContain('name="next" value="/mina-sidor/profil?flik=1"');
    const user = createTestUser(db);
    expect((await logIn(new Client(server.url), user.email, TEST_PASSWORD, '/mina-sidor/profil?flik=1')).headers.get('location')).toBe('/mina-sidor/profil?flik=1');
    for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      expect((await logIn(new Client(server.url), user.email, TEST_PASSWORD, evil)).headers.get('location')).toBe('/mina-sidor');
    }
  });

  it('rejects a cross-site form POST (CSRF origin check)', async () => {
    const user = createTestUser(db);
    const res = await fetch(`${server.url}/logga-in?_action=auth.login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });

  it('gives the same answer for a wrong password and an unknown address', async () => {
    const user = createTestUser(db);
    const wrong = await logIn(new Client(server.url), user.email, 'fel-losenord-99');
    const unknown = await logIn(new Client(server.url), 'finns-inte@exempel.se', 'fel-losenord-99');
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain('Fel e-postadress eller lösenord.');
    expect(b).toContain('Fel e-postadress eller lösenord.');
  });

  it('limits log-in after repeated failures, with a Swedish message saying when to try again', async () => {
    const user = createTestUser(db);
    const client = new Client(server.url);
    for (let i = 0; i < 5; i++) expect((await logIn(client, user.email, 'fel-losenord-99')).status).toBe(400);
    const limited = await logIn(client, user.email, TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/För många inloggningsförsök\. Försök igen om (\d+ sekunder|1 minut) \(kl\. \d\d:\d\d\)\./);
    expect(client.cookie('session')).toBeUndefined();
    // Another account from the same address is not affected.
    const other = createTestUser(db);
    expect((await logIn(new Client(server.url), other.email)).status).toBe(303);
  });

  it('refuses a deactivated account and ends its sessions', async () => {
    const admin = createTestUser(db, { role: 'admin' });
    const member = createTestUser(db);
    const memberClient = new Client(server.url);
    loginAs(memberClient, db, member.id);
    expect((await memberClient.get('/mina-sidor')).status).toBe(200);
    const adminClient = new Client(server.url);
    loginAs(adminClient, db, admin.id);
    const res = await adminClient.post(`/admin/medlemmar/${member.id}?_action=auth.setMemberStatus`, { userId: String(member.id), status: 'deactivated' });
    expect(res.status).toBe(303);
    expect((await memberClient.get('/mina-sidor')).status).toBe(302);
    const again = await logIn(new Client(server.url), member.email);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('Ditt konto är avstängt');
    // An admin cannot deactivate themselves.
    expect((await adminClient.post('/_actions/auth.setMemberStatus', { userId: String(admin.id), status: 'deactivated' })).status).toBe(403);
  });

  it('lets an admin change role and contact person', async () => {
    const org = db.insert(organisations).values({ name: 'Hjo kommun', slug: 'hjo-kommun', type: 'municipality', municipality: 'Hjo', emailDomains: ['hjo.se'] }).returning().get();
    const admin = createTestUser(db, { role: 'admin' });
    const member = createTestUser(db, { organisationId: org.id });
    const client = new Client(server.url);
    loginAs(client, db, admin.id);
    const res = await client.post(`/admin/medlemmar/${member.id}?_action=auth.setMemberRole`, { userId: String(member.id), role: 'coordinator', isContactPerson: 'true' });
    expect(res.status).toBe(303);
    expect(db.select().from(users).where(eq(users.id, member.id)).get()).toMatchObject({ role: 'coordinator', isContactPerson: true });
  });
});

describe('password reset', () => {
  it('mails a single-use link; using it ends every session; the old password stops working', async () => {
    const user = createTestUser(db, { email: `aterstall-${Date.now()}@exempel.se` });
    const otherDevice = new Client(server.url);
    loginAs(otherDevice, db, user.id);
    const client = new Client(server.url);
    const req = await client.post('/glomt-losenord?_action=auth.requestReset', { email: user.email });
    expect(req.status).toBe(303);
    expect(req.headers.get('location')).toBe('/glomt-losenord?skickad=1');
    const unknown = await client.post('/glomt-losenord?_action=auth.requestReset', { email: 'ingen-alls@exempel.se' });
    expect(unknown.headers.get('location')).toBe('/glomt-losenord?skickad=1');
    expect(latestMailTo(db, 'ingen-alls@exempel.se')).toBeUndefined();

    const mail = latestMailTo(db, user.email)!;
    expect(mail.subject).toBe('Välj ett nytt lösenord');
    const token = /\/nytt-losenord\?token=([a-z2-7]+)/.exec(mail.text)![1]!;
    expect(db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).get()!.id).not.toBe(token);
    const form = await client.get(`/nytt-losenord?token=${token}`);
    expect(form.headers.get('referrer-policy')).toBe('same-origin');
    expect(await form.text()).toContain(`name="token" value="${token}"`);

    const mismatch = await client.post('/nytt-losenord?_action=auth.resetPassword', { token, password: 'blå-kanot-på-vänern', passwordConfirm: 'något annat' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Lösenorden är inte lika.');

    const done = await client.post('/nytt-losenord?_action=auth.resetPassword', { token, password: 'blå-kanot-på-vänern', passwordConfirm: 'blå-kanot-på-vänern' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/logga-in?klart=losenord');
    expect((await otherDevice.get('/mina-sidor')).status).toBe(302);
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    expect(latestMailTo(db, user.email)!.subject).toBe('Ditt lösenord har ändrats');

    const reuse = await client.post('/nytt-losenord?_action=auth.resetPassword', { token, password: 'ännu-ett-lösenord', passwordConfirm: 'ännu-ett-lösenord' });
    expect(reuse.status).toBe(400);
    expect(await reuse.text()).toContain('Länken har redan använts eller gått ut.');
    expect((await logIn(new Client(server.url), user.email, TEST_PASSWORD)).status).toBe(400);
    expect((await logIn(new Client(server.url), user.email, 'blå-kanot-på-vänern')).status).toBe(303);
  });
});

describe('security page', () => {
  it('changing the password keeps this session and ends the others', async () => {
    const user = createTestUser(db);
    const here = new Client(server.url);
    const elsewhere = new Client(server.url);
    loginAs(here, db, user.id);
    loginAs(elsewhere, db, user.id);
    const wrong = await here.post('/mina-sidor/sakerhet?_action=auth.changePassword', { currentPassword: 'fel-losenord-99', newPassword: 'röd-stuga-i-hjo-1', newPasswordConfirm: 'röd-stuga-i-hjo-1' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Det nuvarande lösenordet stämmer inte.');
    const weak = await here.post('/mina-sidor/sakerhet?_action=auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'password123', newPasswordConfirm: 'password123' });
    expect(await weak.text()).toContain('Lösenordet är för vanligt');
    const ok = await here.post('/mina-sidor/sakerhet?_action=auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'röd-stuga-i-hjo-1', newPasswordConfirm: 'röd-stuga-i-hjo-1' });
    expect(ok.status).toBe(303);
    expect((await here.get('/mina-sidor/sakerhet?klart=losenord')).status).toBe(200);
    expect((await elsewhere.get('/mina-sidor')).status).toBe(302);
  });

  it('log out everywhere ends every session, this one too', async () => {
    const user = createTestUser(db);
    const a = new Client(server.url);
    const b = new Client(server.url);
    loginAs(a, db, user.id);
    loginAs(b, db, user.id);
    const res = await a.post('/mina-sidor/sakerhet?_action=auth.logoutEverywhere');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in?klart=overallt');
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    expect((await a.get('/mina-sidor')).status).toBe(302);
    expect((await b.get('/mina-sidor')).status).toBe(302);
  });
});

describe('profile, my data and deleting the account', () => {
  it('updates the profile', async () => {
    const org = db.insert(organisations).values({ name: 'Karlsborgs kommun', slug: 'karlsborgs-kommun', type: 'municipality', municipality: 'Karlsborg', emailDomains: ['karlsborg.se'] }).returning().get();
    const user = createTestUser(db);
    const client = new Client(server.url);
    loginAs(client, db, user.id);
    const bad = await client.post('/mina-sidor/profil?_action=auth.updateProfile', { name: '', roleTitle: 'Coach', phone: 'abc' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Fyll i ditt namn.');
    const res = await client.post('/mina-sidor/profil?_action=auth.updateProfile', { name: 'Sven Ny', organisationId: String(org.id), roleTitle: 'Studie- och yrkesvägledare', phone: '0505-123 45' });
    expect(res.status).toBe(303);
    // The organisation is not part of the profile: a posted organisationId changes nothing (issue 10).
    expect(db.select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ name: 'Sven Ny', organisationId: null, roleTitle: 'Studie- och yrkesvägledare', phone: '0505-123 45' });
    expect(await (await client.get('/mina-sidor/profil?klart=sparad')).text()).toContain('Dina uppgifter är sparade.');
  });

  it('downloads my data as JSON', async () => {
    const user = createTestUser(db, { name: 'Data Person' });
    const client = new Client(server.url);
    loginAs(client, db, user.id);
    const res = await client.get('/mina-sidor/mina-uppgifter/hamta');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="skaraborgsnatet-mina-uppgifter-\d{4}-\d\d-\d\d\.json"/);
    const data = await res.json();
    expect(data.profile).toMatchObject({ name: 'Data Person', email: user.email });
    expect(JSON.stringify(data)).not.toContain('argon2');
  });

  it('deletes the account only with the password and the confirmation', async () => {
    const user = createTestUser(db);
    const client = new Client(server.url);
    loginAs(client, db, user.id);
    const unconfirmed = await client.post('/mina-sidor/mina-uppgifter?_action=auth.deleteAccount', { password: TEST_PASSWORD });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Kryssa i rutan');
    const wrong = await client.post('/mina-sidor/mina-uppgifter?_action=auth.deleteAccount', { password: 'fel-losenord-99', confirm: 'true' });
    expect(await wrong.text()).toContain('Lösenordet stämmer inte.');
    expect(db.select().from(users).where(eq(users.id, user.id)).get()).toBeTruthy();
    const res = await client.post('/mina-sidor/mina-uppgifter?_action=auth.deleteAccount', { password: TEST_PASSWORD, confirm: 'true' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in?klart=borttaget');
    expect(db.select().from(users).where(eq(users.id, user.id)).get()).toBeUndefined();
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    expect(client.cookie('session')).toBeUndefined();
  });
});
