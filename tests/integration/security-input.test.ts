// Issue 10, findings 10, 11 and 12: control characters in calendar feeds, group leads probing which
// addresses have accounts, invisible or direction-changing names, subdomains and public mail services
// as member domains.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, clusterMemberships, organisations, users } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { latestMailTo } from '#lib/mail/outbox.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { input } from '../unit/activities-fixtures.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));
beforeAll(() => {
  db.insert(organisations).values({ name: 'Tibro kommun', slug: 'tibro-kommun', type: 'municipality', emailDomains: ['tibro.se'] }).run();
});

describe('calendar feeds (finding 10)', () => {
  it('a title with a bare CR and "BEGIN:VEVENT" cannot add lines to kalender.ics', async () => {
    const organiser = createTestUser(db, { role: 'coordinator' });
    const activity = publishActivity(db, createActivity(db, input({ title: 'Träff om kalendrar' }), organiser.id).id);
    db.update(activities)
      .set({ title: 'Träff\rBEGIN:VEVENT\rSUMMARY:Falsk händelse\u0007', place: 'Skövde\rLOCATION:Någon annanstans' })
      .where(eq(activities.id, activity.id))
      .run();
    for (const path of [`/aktiviteter/${activity.slug}/kalender.ics`, '/aktiviteter/kalender.ics']) {
      const res = await new Client(server.url).get(path);
      expect(res.status, path).toBe(200);
      const ics = await res.text();
      expect(ics, path).not.toMatch(/\r(?!\n)/);
      expect(ics, path).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      const lines = ics.split('\r\n');
      expect(lines.filter((l) => l === 'BEGIN:VEVENT'), path).toHaveLength(1);
      expect(lines.some((l) => l.startsWith('SUMMARY:Falsk')), path).toBe(false);
      expect(lines.some((l) => l.startsWith('LOCATION:Någon')), path).toBe(false);
      if (path.includes(activity.slug)) {
        const calName = lines.find((l) => l.startsWith('X-WR-CALNAME:'))!;
        expect(calName).toContain('Träff BEGIN:VEVENT SUMMARY:Falsk händelse');
      }
    }
  });
});

describe('inviting to a cluster group (finding 11)', () => {
  it('answers the same whether or not the address has an account or is already in the group', async () => {
    const lead = createTestUser(db);
    const existing = createTestUser(db);
    const already = createTestUser(db);
    const group = createGroup(db, { name: `Inbjudningsgruppen ${Date.now()}`, problemArea: 'Inbjudan', description: 'Grupp för inbjudningstestet.', joinMode: 'closed', leadEmails: [lead.email], createdById: lead.id });
    db.insert(clusterMemberships).values({ groupId: group.id, userId: already.id, role: 'member', status: 'active' }).run();
    const client = new Client(server.url);
    loginAs(client, db, lead.id);
    const answers = [];
    for (const email of [existing.email, 'finns-inte-alls@exempel.se', already.email]) {
      const form = await client.post(`/klustergrupper/${group.slug}/hantera?_action=clusters.inviteMember`, { groupId: String(group.id), email });
      const rpc = await client.post('/_actions/clusters.inviteMember', { groupId: String(group.id), email });
      answers.push({ form: form.status, location: form.headers.get('location'), rpc: rpc.status, body: await rpc.text() });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]!.form).toBe(303);
    // Only the member with an account who was not in the group got an invitation.
    expect(latestMailTo(db, existing.email)?.subject).toContain('Inbjudan till klustergruppen');
    expect(latestMailTo(db, already.email)).toBeUndefined();
  });
});

describe('names and member domains (finding 12)', () => {
  it('refuses names of only zero-width characters or with a right-to-left override', async () => {
    const zeroWidth = await new Client(server.url).post('/skapa-konto?_action=auth.signup', { name: '\u200B\u200C\u200D\uFEFF', email: 'osynlig@tibro.se', password: 'grön-tallrik-vid-sjön' });
    expect(zeroWidth.status).toBe(400);
    expect(await zeroWidth.text()).toContain('Skriv ditt namn med bokstäver.');
    expect(db.select().from(users).where(eq(users.email, 'osynlig@tibro.se')).get()).toBeUndefined();

    const member = createTestUser(db, { name: 'Anna Berg' });
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    const override = await client.post('/mina-sidor/profil?_action=auth.updateProfile', { name: '\u202Egreb annA' });
    expect(override.status).toBe(400);
    expect(await override.text()).toContain('vänder textens riktning');
    expect(db.select().from(users).where(eq(users.id, member.id)).get()!.name).toBe('Anna Berg');
  });

  it('a subdomain of a member domain does not activate an account by itself', async () => {
    const email = 'person@elev.tibro.se';
    const client = new Client(server.url);
    await client.post('/skapa-konto?_action=auth.signup', { name: 'Sub Domän', email, password: 'grön-tallrik-vid-sjön' });
    const code = /\n([A-Z2-7]{8})\n/.exec(latestMailTo(db, email)!.text)![1]!;
    const verified = await client.post('/verifiera?_action=auth.verify', { email, code });
    expect(verified.headers.get('location')).toBe('/verifiera?klart=vantar');
    expect(db.select().from(users).where(eq(users.email, email)).get()).toMatchObject({ status: 'pending', organisationId: null });
  });

  it('an admin cannot add a public mail service such as gmail.com as a member domain', async () => {
    const admin = new Client(server.url);
    loginAs(admin, db, createTestUser(db, { role: 'admin' }).id);
    const res = await admin.post('/admin/organisationer?_action=auth.saveOrganisation', { name: 'Gmailföreningen', type: 'association', emailDomains: 'gmailforeningen.se, gmail.com' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('gmail.com är en allmän e-posttjänst');
    expect(db.select().from(organisations).where(eq(organisations.name, 'Gmailföreningen')).get()).toBeUndefined();
  });
});
