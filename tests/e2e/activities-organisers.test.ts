// Issue 16, points 1, 2, 6, 7 and 8 in Chromium, with axe on every page that is new or changed:
// check-in closed before the day starts; the host hears about a request and sees it on Mina sidor; the nomination
// form lists only colleagues not yet nominated with the quota use; the activity form grows date and question rows
// without JavaScript; typed registration questions are answered and land in the CSV.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { activities, organisations, outbox, registrations } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, getDates, publishActivity, type ActivityInput } from '#lib/activities/activities.ts';
import { nominate, register } from '#lib/activities/registration.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { expectAccessible, launchBrowser, newContextAs, tempDir } from '../helpers/browser.ts';
import { createTestUser } from '../helpers/users.ts';
import { localDay, morning } from '../helpers/local-time.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;
let hostOrg: number;
let orgId: number;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgId = db.insert(organisations).values({ name: 'Götene kommun', slug: 'gotene-kommun', type: 'municipality', municipality: 'Götene' }).returning().get().id;
  hostOrg = db.insert(organisations).values({ name: 'Ung Arena Skövde', slug: 'ung-arena-skovde', type: 'municipality', municipality: 'Skövde' }).returning().get().id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const contextAs = (userId: number | null, options: Parameters<Browser['newContext']>[0] = {}) => newContextAs(browser, server, db, userId, options);

function activity(title: string, createdBy: number, overrides: Partial<ActivityInput> = {}) {
  const a = createActivity(db, {
    title, description: 'En träff för alla som arbetar med unga i Skaraborg.', kind: 'network_meeting', organiserOrganisationId: orgId, hostOrganisationId: null,
    place: 'Stadshuset, Götene', digitalLink: null, municipality: 'Götene', capacity: 10, organisationQuota: null, registrationOpensAt: null,
    registrationClosesAt: null, guides: [], questions: [], dates: [morning(30)], ...overrides,
  }, createdBy);
  return publishActivity(db, a.id);
}

// Long browser flows on a shared 2-core machine: generous time, never a timing assertion.
const SLOW = 300_000;

describe('organisers and hosts in the browser', () => {
  it('check-in is closed before the day starts (1) and a study-visit request reaches the host’s Mina sidor (2)', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId, name: 'Greta Arrangör' });
    const course = activity('Kurs i motiverande samtal', coordinator.id, { kind: 'course', dates: [morning(30), morning(31)] });
    register(db, { activityId: course.id, userId: createTestUser(db, { name: 'Pia Deltagare' }).id });
    const cp = await (await contextAs(coordinator.id)).newPage();
    await cp.goto(`/aktiviteter/${course.slug}/incheckning`);
    await expectAccessible(cp, 'incheckning före kursen');
    expect(await cp.locator('.notice.warn').textContent()).toContain('Incheckningen för det här tillfället öppnar när det börjar');
    expect(await cp.getByRole('button', { name: 'Checka in Pia Deltagare' }).count()).toBe(0);

    const hostContact = createTestUser(db, { organisationId: hostOrg, isContactPerson: true, name: 'Hedda Värd' });
    const visit = activity('Studiebesök på Ung Arena Skövde', coordinator.id, { kind: 'study_visit', hostOrganisationId: hostOrg, capacity: 3 });
    const member = createTestUser(db, { organisationId: orgId, name: 'Rasmus Sökande' });
    const mp = await (await contextAs(member.id)).newPage();
    await mp.goto(`/aktiviteter/${visit.slug}`);
    await mp.getByLabel('Motivering').fill('Vi vill se hur ni tar emot unga utan sysselsättning.');
    await mp.getByRole('button', { name: 'Skicka förfrågan' }).click();
    await mp.waitForURL(/klart=forfragan/);
    for (const person of [hostContact, coordinator]) {
      const mail = db.select().from(outbox).where(and(eq(outbox.to, person.email), eq(outbox.subject, 'Ny förfrågan: Studiebesök på Ung Arena Skövde'))).get();
      expect(mail?.text, person.name).toContain('Rasmus Sökande (Götene kommun) har skickat en förfrågan');
    }
    for (const [person, label] of [[hostContact, 'värdens kontaktperson'], [coordinator, 'arrangören']] as const) {
      const page = await (await contextAs(person.id)).newPage();
      await page.goto('/mina-sidor');
      await expectAccessible(page, `mina sidor (${label}) med förfrågningar`);
      expect(await page.getByRole('link', { name: '1 förfrågan väntar på svar' }).count()).toBe(1);
      const section = page.locator('section[aria-labelledby="forfragningar-att-besvara"]');
      expect(await section.locator('h2').textContent()).toBe('Förfrågningar att besvara 1');
      expect(await section.textContent()).toContain('Rasmus Sökande, Götene kommun');
    }
    // The organiser answers from the link; the count is gone afterwards.
    await cp.goto('/mina-sidor');
    await cp.getByRole('link', { name: 'Studiebesök på Ung Arena Skövde' }).click();
    await cp.waitForURL(/deltagare#forfragningar$/);
    await cp.getByRole('button', { name: 'Godkänn' }).click();
    await cp.waitForURL(/klart=godkand/);
    await cp.goto('/mina-sidor');
    expect(await cp.locator('#forfragningar-att-besvara').count()).toBe(0);
  }, SLOW);

  it('the nomination form lists only colleagues not yet nominated and shows the quota use (6)', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const course = activity('Handledarutbildning 7TJUGO', coordinator.id, { kind: 'course', capacity: 2, organisationQuota: 3, dates: [morning(40), morning(41)] });
    const contact = createTestUser(db, { organisationId: orgId, isContactPerson: true, name: 'Karin Kontakt' });
    const [ada, bo, cia] = ['Ada Ahl', 'Bo Berg', 'Cia Cronholm'].map((name) => createTestUser(db, { organisationId: orgId, name }));
    const by = { id: contact.id, organisationId: orgId, isContactPerson: true };
    nominate(db, course.id, by, ada!.id);
    nominate(db, course.id, by, bo!.id);
    register(db, { activityId: course.id, userId: createTestUser(db).id }); // someone without an organisation: waitlisted, not counted
    nominate(db, course.id, by, cia!.id);
    const kp = await (await contextAs(contact.id)).newPage();
    await kp.goto(`/aktiviteter/${course.slug}`);
    await expectAccessible(kp, 'kurs med nominering och kvot');
    expect(await kp.locator('.quota-use').textContent()).toBe('Din organisation: 2 av 3 platser använda, 1 på väntelista.');
    const options = await kp.getByLabel('Kollega', { exact: true }).locator('option').allTextContents();
    expect(options.some((o) => o.startsWith('Ada Ahl') || o.startsWith('Bo Berg') || o.startsWith('Cia Cronholm'))).toBe(false);
    expect(options.some((o) => o.startsWith('Karin Kontakt'))).toBe(true);
  }, SLOW);

  it('the activity form adds date and question rows without JavaScript (7) and typed questions are answered and exported (8)', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    // axe needs JavaScript: scan the re-rendered form once with it on (the button is a plain submit either way).
    const withJs = await (await contextAs(coordinator.id, { acceptDownloads: true })).newPage();
    await withJs.goto('/aktiviteter/ny');
    await withJs.getByRole('button', { name: 'Lägg till dag' }).click();
    await withJs.waitForSelector('#f-date-2');
    await expectAccessible(withJs, 'ny aktivitet efter Lägg till dag');

    const cp = await (await contextAs(coordinator.id, { javaScriptEnabled: false })).newPage();
    await cp.goto('/aktiviteter/ny');
    expect(await cp.locator('input[name="date"]').count()).toBe(1);
    await cp.getByLabel('Rubrik').fill('Tredagarskurs i Supported Employment');
    await cp.getByLabel('Typ', { exact: true }).selectOption('course');
    await cp.getByLabel('Beskrivning').fill('Tre dagar om **Supported Employment** i praktiken.');
    const days = [50, 51, 52].map((n) => localDay(n));
    await cp.locator('#f-date-1').fill(days[0]!);
    await cp.locator('#f-start-1').fill('09:00');
    await cp.locator('#f-end-1').fill('16:00');
    await cp.getByRole('button', { name: 'Lägg till dag' }).click();
    await cp.waitForSelector('#f-date-2');
    expect(await cp.locator('#f-date-1').inputValue()).toBe(days[0]);
    expect(await cp.evaluate(() => document.activeElement?.id)).toBe('f-date-2');
    await cp.locator('#f-date-2').fill(days[1]!);
    await cp.locator('#f-start-2').fill('09:00');
    await cp.locator('#f-end-2').fill('16:00');
    await cp.getByRole('button', { name: 'Lägg till dag' }).click();
    await cp.waitForSelector('#f-date-3');
    await cp.locator('#f-date-3').fill(days[2]!);
    await cp.locator('#f-start-3').fill('09:00');
    await cp.locator('#f-end-3').fill('15:00');
    await cp.locator('#f-q-text-1').fill('Vilket pass väljer du dag 2?');
    await cp.locator('#f-q-type-1').selectOption('choice');
    await cp.locator('#f-q-required-1').selectOption('ja');
    await cp.locator('#f-q-options-1').fill('Förmiddag\nEftermiddag');
    await cp.getByRole('button', { name: 'Lägg till fråga' }).click();
    await cp.waitForSelector('#f-q-text-2');
    expect(await cp.locator('#f-q-options-1').inputValue()).toBe('Förmiddag\nEftermiddag');
    await cp.locator('#f-q-text-2').fill('Vilka teman vill du fördjupa?');
    await cp.locator('#f-q-type-2').selectOption('multi');
    await cp.locator('#f-q-options-2').fill('Arbetsgivarkontakt\nUppföljning\nMatchning');
    await cp.getByRole('button', { name: 'Lägg till fråga' }).click();
    await cp.locator('#f-q-text-3').fill('Har du arbetat som jobbcoach tidigare?');
    await cp.locator('#f-q-type-3').selectOption('yesno');
    await cp.getByLabel('Adress eller lokal').fill('Folkets hus, Götene');
    await cp.getByLabel('Antal platser (valfritt)').fill('12');
    await cp.getByRole('button', { name: 'Spara utkast' }).click();
    await cp.waitForURL(/\/redigera\?klart=skapad/);
    const slug = new URL(cp.url()).pathname.split('/')[2]!;
    const stored = db.select().from(activities).where(eq(activities.slug, slug)).get()!;
    expect(getDates(db, stored.id)).toHaveLength(3);
    expect(stored.questions).toEqual([
      { text: 'Vilket pass väljer du dag 2?', type: 'choice', required: true, options: ['Förmiddag', 'Eftermiddag'] },
      { text: 'Vilka teman vill du fördjupa?', type: 'multi', required: false, options: ['Arbetsgivarkontakt', 'Uppföljning', 'Matchning'] },
      { text: 'Har du arbetat som jobbcoach tidigare?', type: 'yesno', required: false, options: [] },
    ]);
    expect(await cp.locator('input[name="date"]').count()).toBe(3);
    await withJs.goto(`/aktiviteter/${slug}/redigera`);
    await expectAccessible(withJs, 'redigera med tre dagar och tre frågor');
    await cp.getByRole('button', { name: 'Publicera aktiviteten' }).click();
    await cp.waitForURL(/klart=publicerad/);

    // A member registers: the required choice is checked by the server, then answered.
    const member = createTestUser(db, { organisationId: orgId, name: 'Lina Jobbcoach' });
    const mp = await (await contextAs(member.id)).newPage();
    await mp.goto(`/aktiviteter/${slug}`);
    await expectAccessible(mp, 'anmälan med frågor');
    await mp.evaluate(() => document.querySelectorAll('[required]').forEach((el) => el.removeAttribute('required')));
    await mp.getByRole('button', { name: 'Anmäl mig' }).click();
    await mp.waitForSelector('#felsammanfattning');
    expect(await mp.locator('#felsammanfattning').textContent()).toContain('Välj ett svar på frågan ”Vilket pass väljer du dag 2?”');
    await expectAccessible(mp, 'anmälan med obesvarad fråga');
    await mp.getByRole('radio', { name: 'Eftermiddag' }).check();
    await mp.getByRole('checkbox', { name: 'Matchning' }).check();
    await mp.getByRole('checkbox', { name: 'Arbetsgivarkontakt' }).check();
    await mp.getByRole('group', { name: /Har du arbetat som jobbcoach tidigare/ }).getByRole('radio', { name: 'Ja' }).check();
    await mp.getByRole('button', { name: 'Anmäl mig' }).click();
    await mp.waitForURL(/klart=anmald/);
    expect(db.select().from(registrations).where(eq(registrations.userId, member.id)).get()!.answers).toEqual([
      { question: 'Vilket pass väljer du dag 2?', answer: 'Eftermiddag' },
      { question: 'Vilka teman vill du fördjupa?', answer: 'Arbetsgivarkontakt, Matchning' },
      { question: 'Har du arbetat som jobbcoach tidigare?', answer: 'Ja' },
    ]);

    // The organiser's CSV has a column per question.
    await withJs.goto(`/aktiviteter/${slug}/deltagare`);
    await expectAccessible(withJs, 'deltagare med svar');
    const downloads = tempDir();
    try {
      const [download] = await Promise.all([withJs.waitForEvent('download'), withJs.getByRole('link', { name: /Ladda ner som CSV/ }).click()]);
      await download.saveAs(`${downloads.path}/d.csv`);
      const lines = readFileSync(`${downloads.path}/d.csv`).subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines[0]!.split(';').slice(9)).toEqual(['Vilket pass väljer du dag 2?', 'Vilka teman vill du fördjupa?', 'Har du arbetat som jobbcoach tidigare?']);
      expect(lines[1]).toMatch(/^Lina Jobbcoach;.*;Eftermiddag;Arbetsgivarkontakt, Matchning;Ja$/);
    } finally {
      downloads.remove();
    }
  }, SLOW);
});
