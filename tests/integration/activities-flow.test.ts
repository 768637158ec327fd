// End-to-end flows over HTTP against the built server (forms posted like a browser without JavaScript).
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import ical, { type VEvent } from 'node-ical';
import { activities, activityDates, organisations, outbox, registrations } from '#db/schema/index.ts';
import { morning } from '../helpers/local-time.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, getDates, publishActivity } from '#lib/activities/activities.ts';
import { parseLocalDateTime } from '#lib/time.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { input } from '../unit/activities-fixtures.ts';

let server: RunningServer;
let db: Db;
let orgId: number;
let otherOrgId: number;

function clientFor(userId: number): Client {
  const c = new Client(server.url);
  loginAs(c, db, userId);
  return c;
}

function published(overrides: Parameters<typeof input>[0] = {}, createdBy?: number) {
  const by = createdBy ?? createTestUser(db, { role: 'coordinator' }).id;
  return publishActivity(db, createActivity(db, input(overrides), by).id);
}

const post = (c: Client, slug: string, action: string, fields: Record<string, string | string[]> = {}) =>
  c.post(`/aktiviteter/${slug}?_action=activities.${action}`, { slug, ...fields });

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgId = db.insert(organisations).values({ name: 'Lidköpings kommun', slug: 'lidkopings-kommun', type: 'municipality', municipality: 'Lidköping' }).returning().get().id;
  otherOrgId = db.insert(organisations).values({ name: 'Hjo kommun', slug: 'hjo-kommun', type: 'municipality', municipality: 'Hjo' }).returning().get().id;
});

describe('activities over HTTP', () => {
  it('a coordinator creates a multi-date course through the form, publishes it, and it appears in the list, the feed and the filters', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const c = clientFor(coordinator.id);
    const res = await c.post('/aktiviteter/ny?_action=activities.create', {
      title: '7TJUGO handledarutbildning',
      description: 'Fyra dagar om **handledning** enligt 7TJUGO.\n\n<script>alert(1)</script>',
      kind: 'course',
      organiserId: String(orgId),
      hostId: '',
      place: 'Stadshuset, Lidköping',
      digitalLink: '',
      municipality: 'Lidköping',
      capacity: '12',
      quota: '3',
      opensAt: '',
      closesAt: '',
      guides: ['7tjugo'],
      qText: ['Vilken verksamhet arbetar du i?'],
      qType: ['text'],
      qRequired: ['nej'],
      qOptions: [''],
      date: ['2027-03-26', '2027-03-29', '', ''],
      start: ['09:00', '09:00', '', ''],
      end: ['16:00', '16:00', '', ''],
    });
    expect(res.status).toBe(303);
    const slug = res.headers.get('location')!.match(/^\/aktiviteter\/([^/]+)\/redigera/)![1]!;
    const stored = db.select().from(activities).where(eq(activities.slug, slug)).get()!;
    expect(stored.status).toBe('draft');
    expect(stored.guides).toEqual([{ slug: '7tjugo', title: expect.any(String) }]);
    const dates = getDates(db, stored.id);
    expect(dates.map((d) => d.startsAt.toISOString())).toEqual(['2027-03-26T08:00:00.000Z', '2027-03-29T07:00:00.000Z']);

    // Drafts are hidden from members and the public list.
    const member = clientFor(createTestUser(db).id);
    expect((await member.get(`/aktiviteter/${slug}`)).status).toBe(403);
    expect((await c.post(`/aktiviteter/${slug}/redigera?_action=activities.publish`, { slug })).status).toBe(303);
    const page = await (await member.get(`/aktiviteter/${slug}`)).text();
    expect(page).toContain('<strong>handledning</strong>');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('fredag 26 mars 2027, 09:00–16:00');
    expect(page).toContain('måndag 29 mars 2027, 09:00–16:00');

    const listed = await (await new Client(server.url).get('/aktiviteter?typ=kurs&kommun=Lidk%C3%B6ping')).text();
    expect(listed).toContain('7TJUGO handledarutbildning');
    expect(await (await new Client(server.url).get('/aktiviteter?guide=7tjugo')).text()).toContain('7TJUGO handledarutbildning');
  });

  it('filters by kind and municipality, and the ICS feed has the right times', async () => {
    const start = parseLocalDateTime('2027-10-31T09:00')!; // the day summer time ends in 2027: 09:00 is CET
    const meeting = published({ title: 'Nätverksträff i Hjo', kind: 'network_meeting', municipality: 'Hjo', dates: [{ startsAt: start, endsAt: parseLocalDateTime('2027-10-31T12:30')! }] });
    published({ title: 'Studiebesök i Skövde', kind: 'study_visit', municipality: 'Skövde' });
    const anon = new Client(server.url);
    const hjo = await (await anon.get('/aktiviteter?kommun=Hjo')).text();
    expect(hjo).toContain('Nätverksträff i Hjo');
    expect(hjo).not.toContain('Studiebesök i Skövde');
    const visits = await (await anon.get('/aktiviteter?typ=studiebes%C3%B6k')).text();
    expect(visits).toContain('Studiebesök i Skövde');
    expect(visits).not.toContain('Nätverksträff i Hjo');

    const feed = await anon.get('/aktiviteter/kalender.ics');
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(await feed.text())).filter((e): e is VEvent => e?.type === 'VEVENT');
    const event = events.find((e) => e.summary === 'Nätverksträff i Hjo')!;
    expect(event.start.toISOString()).toBe('2027-10-31T08:00:00.000Z');
    expect(event.end!.toISOString()).toBe('2027-10-31T11:30:00.000Z');
    expect(event.url).toContain(`/aktiviteter/${meeting.slug}`);

    // The feed's ?typ= takes the same Swedish slug as the list; the stored value is not a URL value.
    const summaries = async (query: string) =>
      Object.values(ical.sync.parseICS(await (await anon.get(`/aktiviteter/kalender.ics${query}`)).text()))
        .filter((e): e is VEvent => e?.type === 'VEVENT')
        .map((e) => e.summary);
    const visitFeed = await summaries('?typ=studiebes%C3%B6k');
    expect(visitFeed).toContain('Studiebesök i Skövde');
    expect(visitFeed).not.toContain('Nätverksträff i Hjo');
    expect(await summaries('?typ=study_visit')).toContain('Nätverksträff i Hjo');
    expect(visits).toMatch(/<option value="studiebesök" selected[^>]*>Studiebesök<\/option>/);
  });

  it('confirmation mail has an .ics attachment that an independent parser reads with the right times, plus guide links', async () => {
    const start = parseLocalDateTime('2027-03-28T13:00')!; // the day DST starts in 2027
    const a = published({ title: 'Supported Employment – introduktion', capacity: 5, dates: [{ startsAt: start, endsAt: parseLocalDateTime('2027-03-28T15:30')! }] });
    const member = createTestUser(db);
    expect((await post(clientFor(member.id), a.slug, 'register', { specialNeeds: 'Vegetarisk kost' })).status).toBe(303);
    const mail = db.select().from(outbox).where(eq(outbox.to, member.email)).get()!;
    expect(mail.subject).toBe('Bekräftelse: Supported Employment – introduktion');
    expect(mail.text).toContain('söndag 28 mars 2027, 13:00–15:30');
    expect(mail.text).toContain('/guider/7tjugo');
    const ics = Buffer.from(mail.attachments[0]!.content, 'base64').toString('utf8');
    expect(mail.attachments[0]!.contentType).toContain('text/calendar');
    const [event] = Object.values(ical.sync.parseICS(ics)).filter((e): e is VEvent => e?.type === 'VEVENT');
    expect(event!.summary).toBe('Supported Employment – introduktion');
    expect(event!.start.toISOString()).toBe('2027-03-28T11:00:00.000Z');
    expect(event!.end!.toISOString()).toBe('2027-03-28T13:30:00.000Z');
  });

  it('special needs are visible to the organiser only; CSV has BOM, semicolons and the right rows', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const a = published({ title: 'Lärandekonferens 2027', kind: 'learning_conference', capacity: 1, questions: [{ text: 'Vilken workshop väljer du?', type: 'text', required: false, options: [] }] }, coordinator.id);
    const anna = createTestUser(db, { name: 'Anna Andersson', organisationId: orgId });
    const bo = createTestUser(db, { name: 'Bo Berg', organisationId: otherOrgId });
    await post(clientFor(anna.id), a.slug, 'register', { specialNeeds: 'Nötallergi', svar0: 'Mentorskap' });
    await post(clientFor(bo.id), a.slug, 'register', { svar0: 'Tjänstedesign' });

    const organiser = clientFor(coordinator.id);
    const list = await (await organiser.get(`/aktiviteter/${a.slug}/deltagare`)).text();
    expect(list).toContain('Nötallergi');
    expect(list).toContain('Anna Andersson');
    const otherCoordinator = clientFor(createTestUser(db, { role: 'coordinator' }).id);
    expect((await otherCoordinator.get(`/aktiviteter/${a.slug}/deltagare`)).status).toBe(403);
    const publicPage = await (await clientFor(bo.id).get(`/aktiviteter/${a.slug}`)).text();
    expect(publicPage).not.toContain('Nötallergi');
    expect(publicPage).toContain('Du står på väntelistan, plats 1');

    const csv = await organiser.get(`/aktiviteter/${a.slug}/deltagare.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('Namn;E-post;Organisation;Kommun;Status;Plats på väntelistan;Anmäld;Anmäld av;Närvarotillfällen;Vilken workshop väljer du?');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^Anna Andersson;[^;]+;Lidköpings kommun;Lidköping;Bekräftad;;[^;]+;;0;Mentorskap$/);
    expect(lines[2]).toMatch(/^Bo Berg;[^;]+;Hjo kommun;Hjo;Väntelista;1;[^;]+;;0;Tjänstedesign$/);
    expect((await clientFor(anna.id).get(`/aktiviteter/${a.slug}/deltagare.csv`)).status).toBe(403);
  });

  it('lowering capacity below the registered count warns and removes nobody', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const a = published({ title: 'Nätverksträff med föreläsning', capacity: 3 }, coordinator.id);
    for (let i = 0; i < 3; i++) await post(clientFor(createTestUser(db).id), a.slug, 'register');
    const c = clientFor(coordinator.id);
    const edit = await (await c.get(`/aktiviteter/${a.slug}/redigera`)).text();
    expect(edit).toContain('name="capacity"');
    const dates = getDates(db, a.id);
    const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    const time = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(d);
    const fields = {
      title: a.title, description: a.description, kind: a.kind, place: a.place!, municipality: 'Skövde', capacity: '1',
      date: [local(dates[0]!.startsAt)], start: [time(dates[0]!.startsAt)], end: [time(dates[0]!.endsAt)],
    };
    const warned = await c.post(`/aktiviteter/${a.slug}/redigera?_action=activities.update`, { slug: a.slug, ...fields });
    const warnedHtml = await warned.text();
    expect(warned.status, warnedHtml.match(/felsammanfattning[\s\S]{0,600}/)?.[0]).toBe(409);
    expect(warnedHtml).toContain('Ingen tas bort från aktiviteten');
    expect(warnedHtml).toContain('name="confirmLowerCapacity"');
    expect(db.select().from(activities).where(eq(activities.id, a.id)).get()!.capacity).toBe(3);
    const saved = await c.post(`/aktiviteter/${a.slug}/redigera?_action=activities.update`, { slug: a.slug, ...fields, confirmLowerCapacity: 'on' });
    expect(saved.status).toBe(303);
    expect(db.select().from(activities).where(eq(activities.id, a.id)).get()!.capacity).toBe(1);
    expect(db.select().from(registrations).where(eq(registrations.activityId, a.id)).all().filter((r) => r.status === 'confirmed')).toHaveLength(3);
  });

  it('study visit: a request with motivation, the host coordinator approves or declines, mail either way', async () => {
    const hostCoordinator = createTestUser(db, { role: 'coordinator', organisationId: otherOrgId });
    const creator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const a = publishActivity(db, createActivity(db, input({ title: 'Studiebesök på Ung Arena', kind: 'study_visit', capacity: 4, hostOrganisationId: otherOrgId }), creator.id).id);
    const m1 = createTestUser(db);
    const m2 = createTestUser(db);
    const missing = await post(clientFor(m1.id), a.slug, 'register', { motivation: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Skriv en kort motivering');
    expect((await post(clientFor(m1.id), a.slug, 'register', { motivation: 'Vi bygger en mötesplats i Lidköping.' })).status).toBe(303);
    expect((await post(clientFor(m2.id), a.slug, 'register', { motivation: 'Vill se arbetssättet.' })).status).toBe(303);
    const host = clientFor(hostCoordinator.id);
    const page = await (await host.get(`/aktiviteter/${a.slug}/deltagare`)).text();
    expect(page).toContain('Vi bygger en mötesplats i Lidköping.');
    const regs = db.select().from(registrations).where(eq(registrations.activityId, a.id)).all();
    const r1 = regs.find((r) => r.userId === m1.id)!;
    const r2 = regs.find((r) => r.userId === m2.id)!;
    // A member cannot decide.
    expect((await post(clientFor(m2.id), a.slug, 'decideRequest', { registrationId: String(r2.id), decision: 'approve' })).status).toBe(403);
    expect((await host.post(`/aktiviteter/${a.slug}/deltagare?_action=activities.decideRequest`, { slug: a.slug, registrationId: String(r1.id), decision: 'approve', message: 'Välkommen, vi ses i entrén.' })).status).toBe(303);
    expect((await host.post(`/aktiviteter/${a.slug}/deltagare?_action=activities.decideRequest`, { slug: a.slug, registrationId: String(r2.id), decision: 'decline', message: 'Tyvärr är gruppen full.' })).status).toBe(303);
    const m1Mail = db.select().from(outbox).where(eq(outbox.to, m1.email)).all().at(-1)!;
    expect(m1Mail.subject).toBe('Bekräftelse: Studiebesök på Ung Arena');
    expect(m1Mail.text).toContain('Välkommen, vi ses i entrén.');
    const m2Mail = db.select().from(outbox).where(eq(outbox.to, m2.email)).all().at(-1)!;
    expect(m2Mail.subject).toBe('Svar på din förfrågan: Studiebesök på Ung Arena');
    expect(m2Mail.text).toContain('Tyvärr är gruppen full.');
  });

  it('course: a contact person nominates colleagues within the quota, attendance per date, certificate after all dates', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const a = published({ title: 'Supported Employment grundkurs', kind: 'course', capacity: 10, organisationQuota: 1 }, coordinator.id);
    const contact = createTestUser(db, { organisationId: orgId, isContactPerson: true, name: 'Kim Kontakt' });
    const colleague = createTestUser(db, { organisationId: orgId, name: 'Cia Kollega' });
    const colleague2 = createTestUser(db, { organisationId: orgId, name: 'Dan Kollega' });
    const outsider = createTestUser(db, { organisationId: otherOrgId });
    const cc = clientFor(contact.id);
    const detail = await (await cc.get(`/aktiviteter/${a.slug}`)).text();
    expect(detail).toContain('Anmäl en kollega');
    expect((await post(cc, a.slug, 'nominate', { colleagueId: String(colleague.id) })).status).toBe(303);
    expect((await post(cc, a.slug, 'nominate', { colleagueId: String(colleague2.id) })).status).toBe(303);
    const forbidden = await post(cc, a.slug, 'nominate', { colleagueId: String(outsider.id) });
    expect(forbidden.status).toBe(403);
    const regs = db.select().from(registrations).where(eq(registrations.activityId, a.id)).all();
    expect(regs.find((r) => r.userId === colleague.id)!.status).toBe('confirmed');
    expect(regs.find((r) => r.userId === colleague2.id)!.status).toBe('waitlisted');
    // Non-contact members cannot nominate.
    expect((await post(clientFor(colleague.id), a.slug, 'nominate', { colleagueId: String(colleague2.id) })).status).toBe(403);

    // Attendance on every date → certificate.
    const reg = regs.find((r) => r.userId === colleague.id)!;
    const organiser = clientFor(coordinator.id);
    const cert = clientFor(colleague.id);
    expect((await cert.get(`/aktiviteter/${a.slug}/intyg`)).status).toBe(403);
    // Check-in before the day has started is refused (issue 16.1).
    const early = await organiser.post(`/aktiviteter/${a.slug}/incheckning?_action=activities.markAttendance`, { slug: a.slug, registrationId: String(reg.id), dateId: String(getDates(db, a.id)[0]!.id), present: 'true' });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Incheckningen öppnar när tillfället börjar');
    // The course is held: its day moves to yesterday 10:00–13:00.
    const held = morning(-1);
    db.update(activityDates).set(held).where(eq(activityDates.activityId, a.id)).run();
    db.update(activities).set(held).where(eq(activities.id, a.id)).run();
    for (const d of getDates(db, a.id)) {
      const r = await organiser.post(`/aktiviteter/${a.slug}/incheckning?_action=activities.markAttendance`, { slug: a.slug, registrationId: String(reg.id), dateId: String(d.id), present: 'true' });
      expect(r.status).toBe(303);
    }
    expect(await (await organiser.get(`/aktiviteter/${a.slug}/incheckning`)).text()).toContain('1 av 1 bekräftade är incheckade');
    const certificate = await cert.get(`/aktiviteter/${a.slug}/intyg`);
    expect(certificate.status).toBe(200);
    const html = await certificate.text();
    expect(html).toContain('Kursintyg');
    expect(html).toContain('Cia Kollega');
  });

  it('cancelling an activity mails every registrant in Swedish', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const a = published({ title: 'Nätverksträff om mentorskap', capacity: 1 }, coordinator.id);
    const m1 = createTestUser(db);
    const m2 = createTestUser(db);
    await post(clientFor(m1.id), a.slug, 'register');
    await post(clientFor(m2.id), a.slug, 'register');
    const c = clientFor(coordinator.id);
    const noConfirm = await c.post(`/aktiviteter/${a.slug}/redigera?_action=activities.cancelActivity`, { slug: a.slug, message: 'Lokalen är inte tillgänglig.' });
    expect(noConfirm.status).toBe(400);
    expect(await noConfirm.text()).toContain('Kryssa i att du vill ställa in aktiviteten');
    const res = await c.post(`/aktiviteter/${a.slug}/redigera?_action=activities.cancelActivity`, { slug: a.slug, message: 'Lokalen är inte tillgänglig.', confirm: 'on' });
    expect(res.status).toBe(303);
    for (const m of [m1, m2]) {
      const mail = db.select().from(outbox).where(eq(outbox.to, m.email)).all().find((x) => x.subject === 'Inställd: Nätverksträff om mentorskap')!;
      expect(mail.text).toContain('Lokalen är inte tillgänglig.');
    }
    expect(db.select().from(outbox).where(like(outbox.subject, 'Inställd: Nätverksträff om mentorskap')).all()).toHaveLength(2);
  });

  it('Mina sidor lists my registrations and I can leave the waitlist from there', async () => {
    const a = published({ title: 'Nätverksträff om tjänstedesign', capacity: 1 });
    const first = createTestUser(db);
    const me = createTestUser(db);
    await post(clientFor(first.id), a.slug, 'register');
    const c = clientFor(me.id);
    await post(c, a.slug, 'register');
    const page = await (await c.get('/mina-sidor')).text();
    expect(page).toContain('Nätverksträff om tjänstedesign');
    expect(page).toContain('plats 1 på väntelistan');
    const res = await c.post(`/aktiviteter/${a.slug}/avboka?tillbaka=mina-sidor&_action=activities.cancelRegistration`, { slug: a.slug, confirm: 'true' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/mina-sidor?anmalan=lamnat-vantelistan');
    expect(db.select().from(registrations).where(eq(registrations.userId, me.id)).get()!.status).toBe('cancelled');
  });
});
