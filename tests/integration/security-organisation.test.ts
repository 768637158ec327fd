// Issue 10, finding 1: organisation is a permission (participant lists, special-needs answers,
// nominations, quotas), so a member can no longer choose it. It follows the verified e-mail domain;
// another organisation (or none) is a request that a samordnare/admin approves, and until then nothing changes.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationChangeRequests, organisations, users } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { latestMailTo } from '#lib/mail/outbox.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { input } from '../unit/activities-fixtures.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

let tibro: number;
let forbundet: number;
let lidkoping: number;
let forbundetActivity: string;
beforeAll(() => {
  const org = (name: string, domain: string) =>
    db.insert(organisations).values({ name, slug: domain.replace('.', '-'), type: 'municipality', emailDomains: [domain] }).returning().get().id;
  tibro = org('Tibro kommun', 'tibro.se');
  forbundet = org('Skaraborgs Kommunalförbund', 'skaraborg.se');
  lidkoping = org('Lidköpings kommun', 'lidkoping.se');
  const someone = createTestUser(db, { role: 'coordinator', organisationId: forbundet, email: 'arrangor@skaraborg.se' });
  const activity = createActivity(db, input({ title: 'Förbundets träff', organiserOrganisationId: forbundet }), someone.id);
  forbundetActivity = publishActivity(db, activity.id).slug;
});

const orgOf = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!.organisationId;

describe('a member cannot choose their own organisation', () => {
  it('updateProfile with organisationId=<another organisation> moves nobody and opens no participant list', async () => {
    const samordnare = createTestUser(db, { role: 'coordinator', organisationId: tibro, email: 'samordnare@tibro.se' });
    const client = new Client(server.url);
    loginAs(client, db, samordnare.id);
    expect((await client.get(`/aktiviteter/${forbundetActivity}/deltagare`)).status).toBe(403);
    for (const organisationId of [String(forbundet), '0']) {
      await client.post('/_actions/auth.updateProfile', { name: 'Flyttar Mig', organisationId });
      expect(orgOf(samordnare.id)).toBe(tibro);
    }
    expect((await client.get(`/aktiviteter/${forbundetActivity}/deltagare`)).status).toBe(403);
    expect((await client.get(`/aktiviteter/${forbundetActivity}/deltagare.csv`)).status).toBe(403);
  });

  it('sign-up ignores a posted organisationId: the organisation follows the verified domain', async () => {
    const email = 'ny.person@lidkoping.se';
    const client = new Client(server.url);
    const res = await client.post('/skapa-konto?_action=auth.signup', { name: 'Ny Person', email, organisationId: String(forbundet), password: 'grön-tallrik-vid-sjön' });
    expect(res.status).toBe(303);
    const code = /\n([A-Z2-7]{8})\n/.exec(latestMailTo(db, email)!.text)![1]!;
    const verified = await client.post('/verifiera?_action=auth.verify', { email, code });
    expect(verified.headers.get('location')).toBe('/mina-sidor?klart=verifierad');
    expect(db.select().from(users).where(eq(users.email, email)).get()).toMatchObject({ status: 'active', organisationId: lidkoping });
  });
});

describe('organisation change requests', () => {
  it('a request changes nothing until a samordnare approves it; nobody approves their own', async () => {
    const member = createTestUser(db, { organisationId: tibro, isContactPerson: true, name: 'Byt Organisation' });
    const memberClient = new Client(server.url);
    loginAs(memberClient, db, member.id);
    const asked = await memberClient.post('/mina-sidor/profil?_action=auth.requestOrganisationChange', { organisationId: String(forbundet), message: 'Jag har bytt arbetsgivare.' });
    expect(asked.status).toBe(303);
    expect(orgOf(member.id)).toBe(tibro);
    const profile = await (await memberClient.get('/mina-sidor/profil')).text();
    expect(profile).toContain('Begäran väntar på beslut');
    expect(profile).toContain('Skaraborgs Kommunalförbund');

    // A member cannot decide; a samordnare cannot decide their own request.
    const request = db.select().from(organisationChangeRequests).where(eq(organisationChangeRequests.userId, member.id)).get()!;
    expect((await memberClient.post('/_actions/auth.decideOrganisationChange', { requestId: String(request.id), decision: 'approve' })).status).toBe(403);
    const samordnare = createTestUser(db, { role: 'coordinator', organisationId: tibro });
    const selfClient = new Client(server.url);
    loginAs(selfClient, db, samordnare.id);
    await selfClient.post('/_actions/auth.requestOrganisationChange', { organisationId: String(forbundet) });
    const own = db.select().from(organisationChangeRequests).where(eq(organisationChangeRequests.userId, samordnare.id)).get()!;
    expect((await selfClient.post('/_actions/auth.decideOrganisationChange', { requestId: String(own.id), decision: 'approve' })).status).toBe(403);
    expect(orgOf(samordnare.id)).toBe(tibro);

    // Another samordnare sees both on /admin and approves the member's.
    const approver = new Client(server.url);
    loginAs(approver, db, createTestUser(db, { role: 'coordinator', organisationId: lidkoping }).id);
    const admin = await (await approver.get('/admin')).text();
    expect(admin).toContain('Begärda byten av organisation');
    expect(admin).toContain('Byt Organisation');
    expect(admin).toContain('Jag har bytt arbetsgivare.');
    const decided = await approver.post('/admin?_action=auth.decideOrganisationChange', { requestId: String(request.id), decision: 'approve' });
    expect(decided.status).toBe(303);
    expect(db.select().from(users).where(eq(users.id, member.id)).get()).toMatchObject({ organisationId: forbundet, isContactPerson: false });
    expect(latestMailTo(db, member.email)!.subject).toBe('Din organisation är ändrad');
    // Decided once: a second decision is a conflict, not a change.
    expect((await approver.post('/_actions/auth.decideOrganisationChange', { requestId: String(request.id), decision: 'deny' })).status).toBe(409);
  });

  it('a denied request (e.g. to none, which would dodge quotas) leaves the organisation as it was', async () => {
    const member = createTestUser(db, { organisationId: tibro });
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    await client.post('/_actions/auth.requestOrganisationChange', { organisationId: '0' });
    expect(orgOf(member.id)).toBe(tibro);
    const request = db.select().from(organisationChangeRequests).where(eq(organisationChangeRequests.userId, member.id)).get()!;
    const approver = new Client(server.url);
    loginAs(approver, db, createTestUser(db, { role: 'admin' }).id);
    expect((await approver.post('/_actions/auth.decideOrganisationChange', { requestId: String(request.id), decision: 'deny' })).status).toBe(200);
    expect(orgOf(member.id)).toBe(tibro);
    expect(latestMailTo(db, member.email)!.subject).toBe('Din begäran om att byta organisation');
  });

  it('refuses a request for an organisation that does not exist or is already the member’s', async () => {
    const member = createTestUser(db, { organisationId: tibro });
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    const missing = await client.post('/mina-sidor/profil?_action=auth.requestOrganisationChange', { organisationId: '99999' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Välj en organisation i listan.');
    const same = await client.post('/mina-sidor/profil?_action=auth.requestOrganisationChange', { organisationId: String(tibro) });
    expect(await same.text()).toContain('Du hör redan till den organisationen.');
    expect(db.select().from(organisationChangeRequests).where(eq(organisationChangeRequests.userId, member.id)).all()).toHaveLength(0);
  });
});
