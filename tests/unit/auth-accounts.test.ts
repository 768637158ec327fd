import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb } from '#lib/db.ts';
import { emailVerificationRequests, organisations, outbox, sessions, users } from '#db/schema/index.ts';
import { logIn, requestPasswordReset, signUp } from '#lib/auth/accounts.ts';
import { createSession, generateSessionToken } from '#lib/auth/session.ts';
import { organisationForEmail, parseDomains, saveOrganisation } from '#lib/organisations/index.ts';
import { exportUserData } from '#lib/users/export.ts';
import { deleteAccount } from '#lib/users/delete.ts';
import { loadDemoDataIfEmpty } from '#db/seed/index.ts';
import { createTestUser, TEST_PASSWORD } from '../helpers/users.ts';

let ipCounter = 0;
const ctx = () => ({ baseUrl: 'http://portal.test', ip: `10.0.0.${++ipCounter}` });

describe('sign-up', () => {
  it('gives the same answer for an existing address and mails its owner instead', async () => {
    const db = openDb(':memory:');
    const existing = createTestUser(db, { email: 'finns@skara.se' });
    const fresh = await signUp(db, { name: 'Ny Person', email: 'ny@skara.se', password: 'kaffe-vid-vänern' }, ctx());
    const again = await signUp(db, { name: 'Annan Person', email: 'finns@skara.se', password: 'kaffe-vid-vänern' }, ctx());
    expect(fresh).toEqual({ ok: true });
    expect(again).toEqual(fresh);
    // The existing account is untouched; its owner got a warning, not a code.
    expect(db.select().from(users).where(eq(users.id, existing.id)).get()!.name).toBe(existing.name);
    const toOwner = db.select().from(outbox).where(eq(outbox.to, 'finns@skara.se')).all();
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]!.subject).toMatch(/Försök att skapa konto/);
    const toNew = db.select().from(outbox).where(eq(outbox.to, 'ny@skara.se')).get()!;
    expect(toNew.subject).toBe('Bekräfta din e-postadress till Skaraborgsnätet');
    expect(db.select().from(emailVerificationRequests).all()).toHaveLength(1);
  });

  it('enforces the password policy', async () => {
    const db = openDb(':memory:');
    const result = await signUp(db, { name: 'Ny Person', email: 'ny@skara.se', password: 'password123' }, ctx());
    expect(result).toMatchObject({ ok: false, reason: 'field', field: 'password' });
    expect(db.select().from(users).all()).toHaveLength(0);
  });
});

describe('log-in', () => {
  it('limits failures per address and says when to retry', async () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { email: 'begransad@skara.se' });
    const c = ctx();
    for (let i = 0; i < 5; i++) expect(await logIn(db, user.email, 'fel-losenord-1', c)).toEqual({ ok: false, reason: 'invalid' });
    const limited = await logIn(db, user.email, TEST_PASSWORD, c);
    expect(limited).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((limited as { retryAt: Date }).retryAt.getTime()).toBeGreaterThan(Date.now());
    // Unknown addresses are limited the same way, so the limit reveals nothing.
    for (let i = 0; i < 5; i++) await logIn(db, 'ingen@skara.se', 'fel-losenord-1', c);
    expect(await logIn(db, 'ingen@skara.se', 'fel-losenord-1', c)).toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('reports pending accounts only after a correct password', async () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { email: 'vantar@foretag.se', status: 'pending' });
    expect(await logIn(db, user.email, 'fel-losenord-1', ctx())).toEqual({ ok: false, reason: 'invalid' });
    expect(await logIn(db, user.email, TEST_PASSWORD, ctx())).toEqual({ ok: false, reason: 'pending' });
  });
});

describe('password reset request', () => {
  it('mails only existing accounts but answers the same', () => {
    const db = openDb(':memory:');
    createTestUser(db, { email: 'glomsk@skara.se' });
    expect(requestPasswordReset(db, 'glomsk@skara.se', ctx())).toEqual({ ok: true });
    expect(requestPasswordReset(db, 'okand@skara.se', ctx())).toEqual({ ok: true });
    const mails = db.select().from(outbox).all();
    expect(mails.map((m) => m.to)).toEqual(['glomsk@skara.se']);
    expect(mails[0]!.text).toMatch(/\/nytt-losenord\?token=[a-z2-7]{32}/);
  });
});

describe('organisations', () => {
  it('matches exact e-mail domains only, refuses public mail services and keeps domains unique', () => {
    const db = openDb(':memory:');
    const first = saveOrganisation(db, { name: 'Hjo kommun', type: 'municipality', municipality: 'Hjo', emailDomains: ['hjo.se'] });
    expect(first.ok).toBe(true);
    expect(organisationForEmail(db, 'a@hjo.se')?.name).toBe('Hjo kommun');
    // A subdomain is not the organisation's domain (issue 10, finding 12).
    expect(organisationForEmail(db, 'a@skola.hjo.se')).toBeUndefined();
    expect(saveOrganisation(db, { name: 'Gmailföreningen', type: 'association', municipality: null, emailDomains: ['gmail.com'] })).toMatchObject({ ok: false, field: 'emailDomains' });
    expect(organisationForEmail(db, 'a@nothjo.se')).toBeUndefined();
    expect(saveOrganisation(db, { name: 'Annan', type: 'other', municipality: null, emailDomains: ['hjo.se'] })).toMatchObject({ ok: false, field: 'emailDomains' });
    expect(saveOrganisation(db, { name: 'hjo kommun', type: 'municipality', municipality: null, emailDomains: [] })).toMatchObject({ ok: false, field: 'name' });
    expect(parseDomains('hjo.se, @Skara.SE\nfel_domän')).toEqual({ domains: ['hjo.se', 'skara.se'], invalid: ['fel_domän'] });
  });
});

describe('my data', () => {
  it('exports the profile and rows of every table that refers to the user, without secrets', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { email: 'export@skara.se' });
    db.$client.exec('create table test_notes (id integer primary key, user_id integer references users(id) on delete cascade, body text, token text)');
    db.$client.prepare('insert into test_notes (user_id, body, token) values (?, ?, ?)').run(user.id, 'min anteckning', 'hemligt');
    db.$client.exec('create table test_texts (id integer primary key, author_id integer references users(id) on delete set null, body text)');
    db.$client.exec('create table test_marks (id integer primary key, marked_by integer references users(id) on delete set null, other_person text)');
    db.$client.prepare('insert into test_texts (author_id, body) values (?, ?)').run(user.id, 'skrivet av mig');
    db.$client.prepare('insert into test_marks (marked_by, other_person) values (?, ?)').run(user.id, 'någon annans uppgift');
    createSession(db, generateSessionToken(), user.id);
    const data = exportUserData(db, user.id)!;
    expect(data.related.testTexts).toEqual([{ id: 1, author_id: user.id, body: 'skrivet av mig' }]);
    expect(data.related.testMarks).toBeUndefined();
    expect(JSON.stringify(data)).not.toContain('någon annans uppgift');
    expect(data.profile).toMatchObject({ email: 'export@skara.se', status: 'active' });
    expect(JSON.stringify(data)).not.toMatch(/argon2|hemligt/);
    expect(data.sessions).toHaveLength(1);
    expect(data.related.testNotes).toEqual([{ id: 1, user_id: user.id, body: 'min anteckning' }]);
  });

  it('deleting the account removes it, its sessions and cascading rows, and keeps set-null rows', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    db.$client.exec('create table test_regs (id integer primary key, user_id integer not null references users(id) on delete cascade)');
    db.$client.exec('create table test_texts (id integer primary key, author_id integer references users(id) on delete set null, body text)');
    db.$client.prepare('insert into test_regs (user_id) values (?)').run(user.id);
    db.$client.prepare('insert into test_texts (author_id, body) values (?, ?)').run(user.id, 'gemensam text');
    createSession(db, generateSessionToken(), user.id);
    deleteAccount(db, user);
    expect(db.select().from(users).all()).toHaveLength(0);
    expect(db.select().from(sessions).all()).toHaveLength(0);
    expect(db.$client.prepare('select count(*) as n from test_regs').get()).toEqual({ n: 0 });
    expect(db.$client.prepare('select author_id, body from test_texts').get()).toEqual({ author_id: null, body: 'gemensam text' });
    expect(db.select().from(outbox).where(eq(outbox.to, user.email)).get()!.subject).toMatch(/borttaget/);
  });
});

describe('demo data', () => {
  it('creates one active user per role plus a contact person, with working passwords', async () => {
    const db = openDb(':memory:');
    const logins = loadDemoDataIfEmpty(db)!;
    expect(logins.map((l) => l.role)).toEqual(expect.arrayContaining(['medlem', 'kontaktperson', 'samordnare', 'admin']));
    for (const login of logins) {
      const result = await logIn(db, login.email, login.password, ctx());
      expect(result.ok, login.email).toBe(true);
    }
    const contact = db.select().from(users).where(eq(users.isContactPerson, true)).get()!;
    expect(contact.organisationId).not.toBeNull();
    expect(db.select().from(organisations).all().length).toBeGreaterThanOrEqual(25);
    expect(loadDemoDataIfEmpty(db)).toBeNull();
  });
});
