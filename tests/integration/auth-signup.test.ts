// Sign-up → verification mail in the outbox → verify → log in → log out, the approval flow for
// unknown domains and the limits on wrong codes — all as plain form posts, like a browser without JS.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { type Db } from '#lib/db.ts';
import { emailVerificationRequests, organisations, outbox, users } from '#db/schema/index.ts';
import { latestMailTo } from '#lib/mail/outbox.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
let orgId: number;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgId = db.insert(organisations).values({ name: 'Tibro kommun', slug: 'tibro-kommun', type: 'municipality', municipality: 'Tibro', emailDomains: ['tibro.se'] }).returning().get().id;
});

function codeFrom(email: string): string {
  const mail = latestMailTo(db, email);
  expect(mail, `no mail to ${email}`).toBeTruthy();
  // The code is in the body only: subjects show in notification previews (issue 10, finding 13).
  expect(mail!.subject).toBe('Bekräfta din e-postadress till Skaraborgsnätet');
  const match = /\n([A-Z2-7]{8})\n/.exec(mail!.text);
  expect(match, mail!.text).toBeTruthy();
  expect(mail!.text).toContain(match![1]);
  expect(mail!.html).toContain(match![1]);
  return match![1]!;
}

async function signUp(client: Client, email: string, _organisationId: number | 0, name = 'Maja Ek') {
  return client.post('/skapa-konto?_action=auth.signup', { name, email, password: 'grön-tallrik-vid-sjön' });
}

describe('sign-up with a member organisation’s domain', () => {
  it('goes sign-up → mail → verify → logged in → log out → log in', async () => {
    const client = new Client(server.url);
    const email = 'maja.ek@tibro.se';
    const res = await signUp(client, 'Maja.Ek@Tibro.se', orgId);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/verifiera?e=${encodeURIComponent(email)}&skickad=1`);
    expect(db.select().from(users).where(eq(users.email, email)).get()!.status).toBe('unverified');

    const code = codeFrom(email);
    const mail = latestMailTo(db, email)!;
    const link = /(http:\/\/[^\s]+\/verifiera\?[^\s]+)/.exec(mail.text)![1]!;
    const linkPage = await client.get(new URL(link).pathname + new URL(link).search);
    expect(linkPage.status).toBe(200);
    const html = await linkPage.text();
    expect(html).toContain(`value="${code}"`); // the link fills in the form; it does not verify on GET
    expect(db.select().from(users).where(eq(users.email, email)).get()!.status).toBe('unverified');

    const verified = await client.post('/verifiera?_action=auth.verify', { email, code });
    expect(verified.status).toBe(303);
    expect(verified.headers.get('location')).toBe('/mina-sidor?klart=verifierad');
    expect(client.cookie('session')).toBeTruthy();
    const mine = await client.get('/mina-sidor');
    expect(mine.status).toBe(200);
    const page = await mine.text();
    expect(page).toContain('Maja Ek');
    expect(page).toContain('Mina anmälningar');
    expect(page).toContain('Mina klustergrupper');
    expect(db.select().from(users).where(eq(users.email, email)).get()).toMatchObject({ status: 'active', organisationId: orgId });

    const out = await client.post('/logga-ut');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/logga-in?klart=utloggad');
    expect(client.cookie('session')).toBeUndefined();
    expect((await client.get('/mina-sidor')).headers.get('location')).toBe('/logga-in?next=%2Fmina-sidor');

    const login = await client.post('/logga-in?_action=auth.login', { email, password: 'grön-tallrik-vid-sjön', next: '/mina-sidor/profil' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/mina-sidor/profil');
    expect((await client.get('/mina-sidor/profil')).status).toBe(200);
  });

  it('answers a sign-up with a registered address exactly like a new one, and mails the owner', async () => {
    const owner = createTestUser(db, { email: 'finns.redan@tibro.se', name: 'Olle Redan' });
    const before = db.select().from(users).where(eq(users.id, owner.id)).get()!;
    const existing = await signUp(new Client(server.url), owner.email, orgId, 'Inkräktare');
    const fresh = await signUp(new Client(server.url), 'helt.ny@tibro.se', orgId);
    expect(existing.status).toBe(fresh.status);
    expect(existing.headers.get('location')).toBe(`/verifiera?e=${encodeURIComponent(owner.email)}&skickad=1`);
    expect(db.select().from(users).where(eq(users.id, owner.id)).get()).toEqual(before);
    expect(latestMailTo(db, owner.email)!.subject).toBe('Försök att skapa konto med din e-postadress');
    // Verifying "something" for the existing address just fails like any wrong code.
    const attempt = await new Client(server.url).post('/_actions/auth.verify', { email: owner.email, code: 'ABCDEFGH' });
    expect(attempt.status).toBe(400);
  });

  it('shows Swedish field errors and keeps the input (except the password)', async () => {
    const res = await new Client(server.url).post('/skapa-konto?_action=auth.signup', { name: 'Kim Berg', email: 'inte-en-adress', password: 'qwertyuiop' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Skriv en giltig e-postadress');
    expect(html).toContain('href="#konto-epost"');
    expect(html).toContain('value="Kim Berg"');
    expect(html).not.toContain('qwertyuiop');
  });
});

describe('sign-up with an unknown domain', () => {
  it('waits for a coordinator after verification, then the member can log in', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', email: 'samordnare@tibro.se' });
    const client = new Client(server.url);
    const email = 'lisa@friskolan-exempel.se';
    await signUp(client, email, 0, 'Lisa Åberg');
    const verified = await client.post('/verifiera?_action=auth.verify', { email, code: codeFrom(email) });
    expect(verified.status).toBe(303);
    expect(verified.headers.get('location')).toBe('/verifiera?klart=vantar');
    expect(client.cookie('session')).toBeUndefined();
    const shown = await (await client.get('/verifiera?klart=vantar')).text();
    expect(shown).toContain('en samordnare behöver godkänna ditt konto');
    expect(db.select().from(users).where(eq(users.email, email)).get()!.status).toBe('pending');
    expect(latestMailTo(db, email)!.subject).toBe('Ditt konto väntar på godkännande');
    expect(latestMailTo(db, coordinator.email)!.subject).toBe('Nytt konto att godkänna: Lisa Åberg');

    const early = await client.post('/logga-in?_action=auth.login', { email, password: 'grön-tallrik-vid-sjön' });
    expect(early.status).toBe(403);
    expect(await early.text()).toContain('väntar på att en samordnare godkänner det');

    const approver = new Client(server.url);
    loginAs(approver, db, coordinator.id);
    const list = await (await approver.get('/admin?status=pending')).text();
    expect(list).toContain('Lisa Åberg');
    const applicant = db.select().from(users).where(eq(users.email, email)).get()!;
    const approved = await approver.post('/admin?_action=auth.approveMember', { userId: String(applicant.id), back: 'status=pending' });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe('/admin?status=pending&godkand=Lisa+%C3%85berg');
    expect(db.select().from(users).where(eq(users.id, applicant.id)).get()!.status).toBe('active');
    expect(latestMailTo(db, email)!.subject).toBe('Ditt konto är godkänt');

    const login = await client.post('/logga-in?_action=auth.login', { email, password: 'grön-tallrik-vid-sjön' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/mina-sidor');
  });

  it('filters the member list by role with the Swedish ?roll= slug, as links did before roles were stored in English', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', name: 'Rut Rollfilter' });
    createTestUser(db, { role: 'member', name: 'Max Rollfilter' });
    const client = new Client(server.url);
    loginAs(client, db, coordinator.id);
    // The result table only: the header names the logged-in coordinator on every page.
    const listed = async (query: string) => {
      const html = await (await client.get(`/admin?${query}&q=Rollfilter`)).text();
      return { html, table: html.slice(html.indexOf('<table'), html.indexOf('</table>')) };
    };
    const coordinators = await listed('roll=samordnare');
    expect(coordinators.table).toContain('Rut Rollfilter');
    expect(coordinators.table).not.toContain('Max Rollfilter');
    expect(coordinators.html).toMatch(/<option value="samordnare" selected[^>]*>Samordnare<\/option>/);
    const members = await listed('roll=medlem');
    expect(members.table).toContain('Max Rollfilter');
    expect(members.table).not.toContain('Rut Rollfilter');
    // The stored value is not a URL value: the filter is ignored.
    const ignored = await listed('roll=coordinator');
    expect(ignored.table).toContain('Max Rollfilter');
    expect(ignored.table).toContain('Rut Rollfilter');
  });

  it('does not let a member approve accounts', async () => {
    const member = createTestUser(db);
    const pending = createTestUser(db, { status: 'pending' });
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    expect((await client.post('/_actions/auth.approveMember', { userId: String(pending.id) })).status).toBe(403);
    expect(db.select().from(users).where(eq(users.id, pending.id)).get()!.status).toBe('pending');
  });
});

describe('wrong verification codes', () => {
  it('allow five tries; then the code is dead until a new one is sent', async () => {
    const client = new Client(server.url);
    const email = 'gissare@tibro.se';
    await signUp(client, email, orgId);
    const code = codeFrom(email);
    const wrong = code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
    for (let i = 0; i < 4; i++) {
      const res = await client.post('/verifiera?_action=auth.verify', { email, code: wrong });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Koden stämmer inte');
    }
    const fifth = await client.post('/verifiera?_action=auth.verify', { email, code: wrong });
    expect(await fifth.text()).toContain('För många felaktiga försök med den här koden');
    expect(db.select().from(emailVerificationRequests).all().filter((r) => r.email === email)).toHaveLength(0);
    const late = await client.post('/verifiera?_action=auth.verify', { email, code });
    expect(late.status).toBe(400);
    expect(db.select().from(users).where(eq(users.email, email)).get()!.status).toBe('unverified');

    const resend = await client.post('/verifiera?_action=auth.resendCode', { email });
    expect(resend.status).toBe(303);
    const fresh = codeFrom(email);
    const ok = await client.post('/verifiera?_action=auth.verify', { email, code: fresh });
    expect(ok.headers.get('location')).toBe('/mina-sidor?klart=verifierad');
  });

  it('limits new codes per address with a Swedish message saying when to try again', async () => {
    const client = new Client(server.url);
    const email = 'manga.koder@tibro.se';
    await signUp(client, email, orgId); // 1 of 3 mails
    await client.post('/verifiera?_action=auth.resendCode', { email });
    await client.post('/verifiera?_action=auth.resendCode', { email });
    const before = db.select().from(outbox).where(eq(outbox.to, email)).all().length;
    const limited = await client.post('/verifiera?_action=auth.resendCode', { email });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/Du har begärt många koder på kort tid\. Försök igen om \d+ (minut|minuter) \(kl\. \d\d:\d\d\)\./);
    expect(db.select().from(outbox).where(eq(outbox.to, email)).all()).toHaveLength(before);
  });
});
