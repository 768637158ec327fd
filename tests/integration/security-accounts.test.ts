// Issue 10, findings 6, 7 and 13: account takeover before verification, targeted lock-out, and the
// verification code in the mail subject.
import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { organisations, outbox, users } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, TEST_PASSWORD } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));
beforeAll(() => {
  db.insert(organisations).values({ name: 'Offerkommunen', slug: 'offerkommunen', type: 'municipality', emailDomains: ['offer.se'] }).run();
});

const VICTIM_PASSWORD = 'offrets-eget-lösenord-7';
const ATTACKER_PASSWORD = 'angriparens-lösenord-9';

const signUp = (email: string, name: string, password: string) => new Client(server.url).post('/skapa-konto?_action=auth.signup', { name, email, password });
/** The codes mailed to an address, oldest first (the code is in the body only). */
const codesTo = (email: string) =>
  db
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .orderBy(asc(outbox.id))
    .all()
    .map((m) => /\n([A-Z2-7]{8})\n/.exec(m.text)?.[1])
    .filter((c): c is string => Boolean(c));
const logIn = (client: Client, email: string, password: string) => client.post('/logga-in?_action=auth.login', { email, password });

describe('pre-verification takeover (finding 6)', () => {
  it('a second sign-up with the same unverified address changes neither name nor password', async () => {
    const email = 'offer.ett@offer.se';
    await signUp(email, 'Offer Ett', VICTIM_PASSWORD);
    const [victimCode] = codesTo(email);
    const before = db.select().from(users).where(eq(users.email, email)).get()!;
    await signUp(email, 'Angripare', ATTACKER_PASSWORD);
    expect(db.select().from(users).where(eq(users.email, email)).get()).toEqual(before);

    // The owner verifies with the code from their own mail: their name and password hold.
    const verified = await new Client(server.url).post('/verifiera?_action=auth.verify', { email, code: victimCode! });
    expect(verified.status).toBe(303);
    expect(db.select().from(users).where(eq(users.email, email)).get()!.name).toBe('Offer Ett');
    expect((await logIn(new Client(server.url), email, ATTACKER_PASSWORD)).status).toBe(400);
    expect((await logIn(new Client(server.url), email, VICTIM_PASSWORD)).status).toBe(303);
  });

  it('an attacker who signed up first gets nothing when the owner signs up and verifies with their code', async () => {
    const email = 'offer.tva@offer.se';
    await signUp(email, 'Angripare', ATTACKER_PASSWORD);
    await signUp(email, 'Offer Två', VICTIM_PASSWORD);
    const codes = codesTo(email);
    expect(codes).toHaveLength(2);
    // Repeated sign-ups did not cancel the owner's code; the owner uses the code of their own sign-up.
    const verified = await new Client(server.url).post('/verifiera?_action=auth.verify', { email, code: codes[1]! });
    expect(verified.status).toBe(303);
    expect(db.select().from(users).where(eq(users.email, email)).get()!.name).toBe('Offer Två');
    expect((await logIn(new Client(server.url), email, ATTACKER_PASSWORD)).status).toBe(400);
    expect((await logIn(new Client(server.url), email, VICTIM_PASSWORD)).status).toBe(303);
  });
});

describe('pre-verification takeover through a code sent again (finding 6)', () => {
  it('a resent code cannot hand the first sign-up’s password to the owner who verifies with it', async () => {
    const email = 'offer.tre@offer.se';
    await signUp(email, 'Angripare', ATTACKER_PASSWORD);
    await signUp(email, 'Offer Tre', VICTIM_PASSWORD);
    // The attacker asks for a new code: it goes to the owner's mailbox and names no sign-up.
    await new Client(server.url).post('/verifiera?_action=auth.resendCode', { email });
    const codes = codesTo(email);
    expect(codes).toHaveLength(3);
    const verified = await new Client(server.url).post('/verifiera?_action=auth.verify', { email, code: codes[2]! });
    expect(verified.status).toBe(303);
    // Neither password works now; the owner, who reads the mail, chooses one with "Glömt lösenord".
    expect((await logIn(new Client(server.url), email, ATTACKER_PASSWORD)).status).toBe(400);
    expect((await logIn(new Client(server.url), email, VICTIM_PASSWORD)).status).toBe(400);
  });
});

describe('targeted lock-out (finding 7)', () => {
  it('five wrong passwords from someone else do not keep the owner’s browser out', async () => {
    const owner = createTestUser(db);
    const ownerBrowser = new Client(server.url);
    expect((await logIn(ownerBrowser, owner.email, TEST_PASSWORD)).status).toBe(303);
    expect(ownerBrowser.cookie('enhet')).toBeTruthy();
    await ownerBrowser.post('/logga-ut');

    const attacker = new Client(server.url);
    for (let i = 0; i < 6; i++) await logIn(attacker, owner.email, 'fel-lösenord-123');
    // The attacker stays limited, even with the right password…
    expect((await logIn(attacker, owner.email, TEST_PASSWORD)).status).toBe(429);
    // …but the owner's own browser gets in with the right password.
    const back = await logIn(ownerBrowser, owner.email, TEST_PASSWORD);
    expect(back.status).toBe(303);
    expect(ownerBrowser.cookie('session')).toBeTruthy();
  });

  it('a trusted browser is still limited for wrong passwords (no unlimited guessing through it)', async () => {
    const owner = createTestUser(db);
    const browser = new Client(server.url);
    await logIn(browser, owner.email, TEST_PASSWORD);
    await browser.post('/logga-ut');
    for (let i = 0; i < 5; i++) await logIn(new Client(server.url), owner.email, 'fel-lösenord-123');
    for (let i = 0; i < 5; i++) expect((await logIn(browser, owner.email, 'fel-lösenord-456')).status).toBe(400);
    expect((await logIn(browser, owner.email, TEST_PASSWORD)).status).toBe(429);
  });
});

describe('verification mail (finding 13)', () => {
  it('keeps the code out of the subject', async () => {
    const email = 'amne@exempel.se';
    await signUp(email, 'Ämne Person', VICTIM_PASSWORD);
    const mail = db.select().from(outbox).where(eq(outbox.to, email)).get()!;
    const code = codesTo(email)[0]!;
    expect(mail.subject).not.toContain(code);
    expect(mail.subject).toBe('Bekräfta din e-postadress till Skaraborgsnätet');
    expect(mail.text).toContain(code);
  });
});
