// Activities in Chromium: a coordinator creates and publishes a meeting with two seats through the UI; three
// members register (one with the keyboard only); the third is waitlisted; one cancels; the third accepts the
// offer from the mail link; the CSV export has the right rows. axe on every activities page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { activities, activityDates, organisations, outbox, registrations } from '#db/schema/index.ts';
import { morning } from '../helpers/local-time.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { launchBrowser, tempDir, newContextAs, expectAccessible } from '../helpers/browser.ts';
import { stockholmAt, stockholmDate } from '../helpers/clock.ts';
import { createTestUser } from '../helpers/users.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;
let orgId: number;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgId = db.insert(organisations).values({ name: 'Mariestads kommun', slug: 'mariestads-kommun', type: 'municipality', municipality: 'Mariestad' }).returning().get().id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const contextAs = (userId: number | null, options: Parameters<Browser['newContext']>[0] = {}) => newContextAs(browser, server, db, userId, options);

/** The Stockholm date `days` days ahead, as YYYY-MM-DD. */
const futureDate = (days: number): string => stockholmDate(days);

describe('activities in the browser', () => {
  it('create, publish, register ×3 (waitlist), cancel, offer accepted from the mail link, CSV export', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId, name: 'Stina Samordnare' });
    const members = ['Alva Ek', 'Bruno Lind', 'Cecilia Ås'].map((name) => createTestUser(db, { name, organisationId: orgId }));

    // --- the coordinator creates and publishes through the UI ---
    const coordCtx = await contextAs(coordinator.id, { acceptDownloads: true });
    const cp = await coordCtx.newPage();
    await cp.goto('/aktiviteter');
    await expectAccessible(cp, 'aktivitetslistan');
    await cp.getByRole('link', { name: 'Skapa ny aktivitet' }).click();
    await expectAccessible(cp, 'ny aktivitet');
    await cp.getByLabel('Rubrik').fill('Nätverksträff om KAA i Mariestad');
    await cp.getByLabel('Typ', { exact: true }).selectOption('network_meeting');
    await cp.getByLabel('Beskrivning').fill('Vi pratar om **det kommunala aktivitetsansvaret** och hur vi når fler unga.');
    await cp.locator('#f-date-1').fill(futureDate(60));
    await cp.locator('#f-start-1').fill('09:00');
    await cp.locator('#f-end-1').fill('12:00');
    await cp.getByLabel('Adress eller lokal').fill('Stadshuset, Mariestad');
    await cp.getByLabel('Kommun').selectOption('Mariestad');
    await cp.getByLabel('Antal platser (valfritt)').fill('2');
    await cp.getByRole('button', { name: 'Spara utkast' }).click();
    await cp.waitForURL(/\/redigera\?klart=skapad/);
    await expectAccessible(cp, 'redigera');
    await cp.getByRole('button', { name: 'Publicera aktiviteten' }).click();
    await cp.waitForURL(/klart=publicerad/);
    const slug = new URL(cp.url()).pathname.split('/')[2]!;
    expect(db.select().from(activities).where(eq(activities.slug, slug)).get()!.status).toBe('published');
    expect(await cp.getByRole('status').first().textContent()).toContain('Aktiviteten är publicerad');
    await expectAccessible(cp, 'aktivitetssidan (arrangör)');

    // --- member 1 registers with the keyboard only ---
    const m1 = await (await contextAs(members[0]!.id)).newPage();
    await m1.goto(`/aktiviteter/${slug}`);
    await expectAccessible(m1, 'aktivitetssidan (medlem)');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await m1.keyboard.press('Tab');
      reached = await m1.evaluate(() => document.activeElement?.textContent?.trim() === 'Anmäl mig');
    }
    expect(reached, 'the register button is reachable with Tab').toBe(true);
    await m1.keyboard.press('Enter');
    await m1.waitForURL(/klart=anmald/);
    expect(await m1.getByRole('status').first().textContent()).toContain('Du har en bekräftad plats');

    // --- member 2 registers, member 3 is waitlisted ---
    const m2 = await (await contextAs(members[1]!.id)).newPage();
    await m2.goto(`/aktiviteter/${slug}`);
    await m2.getByLabel('Särskilda behov eller kost (valfritt)').fill('Laktosfri kost');
    await m2.getByRole('button', { name: 'Anmäl mig' }).click();
    await m2.waitForURL(/klart=anmald/);
    const m3 = await (await contextAs(members[2]!.id)).newPage();
    await m3.goto(`/aktiviteter/${slug}`);
    await m3.getByRole('button', { name: 'Ställ mig på väntelistan' }).click();
    await m3.waitForURL(/klart=vantelista/);
    expect(await m3.locator('.registration-status').textContent()).toContain('Du står på väntelistan, plats 1');
    await expectAccessible(m3, 'aktivitetssidan (väntelista)');

    // --- member 2 cancels; member 3 gets the offer mail and accepts through its link ---
    await m2.getByRole('link', { name: 'Avboka min plats' }).click();
    await m2.waitForURL(/\/avboka$/);
    await expectAccessible(m2, 'avbokning (bekräftelsesteg)');
    await m2.getByRole('button', { name: 'Ja, avboka min plats' }).click();
    await m2.waitForURL(/klart=avbokad/);
    const offer = db.select().from(outbox).where(and(eq(outbox.to, members[2]!.email), like(outbox.subject, 'Ledig plats:%'))).get()!;
    expect(offer.subject).toBe('Ledig plats: Nätverksträff om KAA i Mariestad');
    const link = /(https?:\/\/\S+\/erbjudande)/.exec(offer.text)![1]!;
    await m3.goto(new URL(new URL(link).pathname, server.url).href);
    await expectAccessible(m3, 'erbjudande');
    await m3.getByRole('button', { name: 'Tacka ja till platsen' }).click();
    await m3.waitForURL(/klart=anmald/);
    expect(db.select().from(registrations).where(eq(registrations.userId, members[2]!.id)).get()!.status).toBe('confirmed');
    const confirmation = db.select().from(outbox).where(and(eq(outbox.to, members[2]!.email), like(outbox.subject, 'Bekräftelse:%'))).get()!;
    expect(confirmation.attachments[0]!.filename).toBe(`${slug}.ics`);

    // --- Mina sidor shows the registration ---
    await m3.goto('/mina-sidor');
    expect(await m3.locator('#mina-anmalningar').locator('xpath=..').textContent()).toContain('Nätverksträff om KAA i Mariestad');
    await expectAccessible(m3, 'mina sidor med anmälningar');

    // --- the organiser's participant list, CSV export, check-in ---
    await cp.goto(`/aktiviteter/${slug}/deltagare`);
    await expectAccessible(cp, 'deltagare');
    const downloads = tempDir();
    try {
      const [download] = await Promise.all([cp.waitForEvent('download'), cp.getByRole('link', { name: /Ladda ner som CSV/ }).click()]);
      const file = `${downloads.path}/deltagare.csv`;
      await download.saveAs(file);
      const bytes = readFileSync(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines[0]!.split(';').slice(0, 5)).toEqual(['Namn', 'E-post', 'Organisation', 'Kommun', 'Status']);
      const rows = lines.slice(1).map((l) => l.split(';'));
      expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
        ['Alva Ek', 'Mariestads kommun', 'Mariestad', 'Bekräftad'],
        ['Cecilia Ås', 'Mariestads kommun', 'Mariestad', 'Bekräftad'],
      ]);
    } finally {
      downloads.remove();
    }
    // Check-in opens when the day starts: the meeting is moved to yesterday 10:00–13:00 (it has been held).
    const id = db.select().from(activities).where(eq(activities.slug, slug)).get()!.id;
    const held = morning(-1);
    db.update(activityDates).set(held).where(eq(activityDates.activityId, id)).run();
    db.update(activities).set(held).where(eq(activities.id, id)).run();
    await cp.goto(`/aktiviteter/${slug}/incheckning`);
    await expectAccessible(cp, 'incheckning');
    await cp.getByRole('button', { name: 'Checka in Alva Ek' }).click();
    await cp.waitForURL(/incheckning\?datum=/);
    expect(await cp.getByRole('status').first().textContent()).toContain('1 av 2 bekräftade är incheckade');

    // Attended every date → certificate page.
    await m1.goto(`/aktiviteter/${slug}/intyg`);
    await expectAccessible(m1, 'intyg');
    expect(await m1.locator('h1').textContent()).toBe('Intyg om deltagande');
  }, 300_000);

  it('study visit request and course pages pass axe; the public list filters by kind and municipality', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const base = {
      description: 'Besök med **guidning**.', organiserOrganisationId: orgId, hostOrganisationId: orgId, place: 'Ung Arena, Mariestad', digitalLink: null,
      municipality: 'Mariestad', capacity: 5, organisationQuota: 2, registrationOpensAt: null, registrationClosesAt: null,
      guides: [{ slug: 'samverkan-en-vag-in', title: 'Samverkan kring unga: en väg in' }], questions: [],
      dates: [{ startsAt: stockholmAt(40, '10:00'), endsAt: stockholmAt(40, '13:00') }],
    };
    const visit = publishActivity(db, createActivity(db, { ...base, title: 'Studiebesök på Ung Arena Mariestad', kind: 'study_visit' }, coordinator.id).id);
    const course = publishActivity(db, createActivity(db, { ...base, title: 'Mentorskap – grundkurs', kind: 'course', dates: [40, 41].map((d) => ({ startsAt: stockholmAt(d, '09:00'), endsAt: stockholmAt(d, '15:00') })) }, coordinator.id).id);
    const member = createTestUser(db, { organisationId: orgId, name: 'Dana Medlem' });
    const contact = createTestUser(db, { organisationId: orgId, isContactPerson: true, name: 'Erik Kontakt' });

    const mp = await (await contextAs(member.id)).newPage();
    await mp.goto(`/aktiviteter/${visit.slug}`);
    // A blank motivation (spaces pass the browser's `required`) is refused by the server with a Swedish message.
    await mp.getByLabel('Motivering').fill('   ');
    await mp.getByRole('button', { name: 'Skicka förfrågan' }).click();
    await mp.waitForSelector('#felsammanfattning');
    expect(await mp.locator('#felsammanfattning').textContent()).toContain('Skriv en kort motivering');
    await expectAccessible(mp, 'förfrågan med fel');
    await mp.getByLabel('Motivering').fill('Vi ska starta en liknande mötesplats och vill lära oss av er.');
    await mp.getByRole('button', { name: 'Skicka förfrågan' }).click();
    await mp.waitForURL(/klart=forfragan/);

    const cp = await (await contextAs(coordinator.id)).newPage();
    await cp.goto(`/aktiviteter/${visit.slug}/deltagare`);
    await expectAccessible(cp, 'deltagare med förfrågan');
    await cp.getByLabel('Meddelande till Dana Medlem (valfritt)').fill('Välkommen! Vi möts i receptionen.');
    await cp.getByRole('button', { name: 'Godkänn' }).click();
    await cp.waitForURL(/klart=godkand/);
    const mail = db.select().from(outbox).where(eq(outbox.to, member.email)).all().at(-1)!;
    expect(mail.subject).toBe('Bekräftelse: Studiebesök på Ung Arena Mariestad');

    const kp = await (await contextAs(contact.id)).newPage();
    await kp.goto(`/aktiviteter/${course.slug}`);
    await expectAccessible(kp, 'kurs med nominering');
    await kp.getByLabel('Kollega', { exact: true }).selectOption({ label: `Dana Medlem (${member.email})` });
    await kp.getByRole('button', { name: 'Anmäl kollegan' }).click();
    await kp.waitForURL(/klart=kollega-anmald/);
    register(db, { activityId: course.id, userId: createTestUser(db).id });

    await cp.goto(`/aktiviteter/${course.slug}/redigera`);
    await expectAccessible(cp, 'redigera kurs');
    await cp.goto(`/aktiviteter/${course.slug}/incheckning`);
    await expectAccessible(cp, 'incheckning kurs');

    const anon = await (await contextAs(null)).newPage();
    await anon.goto('/aktiviteter?typ=kurs&kommun=Mariestad');
    await expectAccessible(anon, 'filtrerad lista');
    const titles = await anon.locator('.cards h3').allTextContents();
    expect(titles).toContain('Mentorskap – grundkurs');
    expect(titles).not.toContain('Studiebesök på Ung Arena Mariestad');
    await anon.goto(`/aktiviteter/${course.slug}`);
    await expectAccessible(anon, 'aktivitetssidan (utloggad)');
    expect(await anon.getByRole('link', { name: /Logga in för att anmäla dig/ }).count()).toBe(1);
  }, 300_000);
});
