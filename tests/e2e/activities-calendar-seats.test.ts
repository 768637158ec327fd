// Issue 16, points 3, 4, 5 and 9 in Chromium, axe on every new or changed page: cancelling asks first (also
// without JavaScript) and mails; the .ics link only for confirmed participants; seats at a glance and the
// "platser kvar" filter; the month view used with the keyboard only; subscription links; the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { organisations, outbox, registrations } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { cancelActivity, createActivity, publishActivity, type ActivityInput } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { sendMail } from '#lib/mail/outbox.ts';
import { addMonths, formatYearMonth, monthLabel, parseYearMonth } from '#lib/activities/month.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { expectAccessible, launchBrowser, newContextAs } from '../helpers/browser.ts';
import { createTestUser } from '../helpers/users.ts';
import { morning } from '../helpers/local-time.ts';
import { parseLocalDateTime } from '#lib/time.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;
let orgId: number;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgId = db.insert(organisations).values({ name: 'Tibro kommun', slug: 'tibro-kommun', type: 'municipality', municipality: 'Tibro' }).returning().get().id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SLOW = 300_000;
const contextAs = (userId: number | null, options: Parameters<Browser['newContext']>[0] = {}) => newContextAs(browser, server, db, userId, options);

function activity(title: string, createdBy: number, overrides: Partial<ActivityInput> = {}) {
  const a = createActivity(db, {
    title, description: 'En träff för alla som arbetar med unga i Skaraborg.', kind: 'network_meeting', organiserOrganisationId: orgId, hostOrganisationId: null,
    place: 'Tibro bibliotek', digitalLink: null, municipality: 'Tibro', capacity: 10, organisationQuota: null, registrationOpensAt: null,
    registrationClosesAt: null, guides: [], questions: [], dates: [morning(30)], ...overrides,
  }, createdBy);
  return publishActivity(db, a.id);
}

/** Presses Tab until the focused element's text matches, then returns true (false after `max` presses). */
async function tabTo(page: Page, text: RegExp, max = 150): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());
    if (text.test(focused)) return true;
  }
  return false;
}

describe('participants, seats, calendar and outbox in the browser', () => {
  it('cancelling asks for confirmation without JavaScript, mails, and the .ics link is only for confirmed participants (3)', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const a = activity('Nätverksträff om studiemotivation', coordinator.id, { capacity: 1 });
    const seated = createTestUser(db, { name: 'Sam Sittplats' });
    const waiting = createTestUser(db, { name: 'Vera Väntar' });
    register(db, { activityId: a.id, userId: seated.id });
    register(db, { activityId: a.id, userId: waiting.id });

    const wp = await (await contextAs(waiting.id)).newPage();
    await wp.goto(`/aktiviteter/${a.slug}`);
    expect(await wp.getByRole('link', { name: 'Lägg till i din kalender (.ics)' }).count()).toBe(0);
    const anon = await (await contextAs(null)).newPage();
    await anon.goto(`/aktiviteter/${a.slug}`);
    expect(await anon.getByRole('link', { name: 'Lägg till i din kalender (.ics)' }).count()).toBe(0);

    const sp = await (await contextAs(seated.id, { javaScriptEnabled: false })).newPage();
    await sp.goto(`/aktiviteter/${a.slug}`);
    expect(await sp.getByRole('link', { name: 'Lägg till i din kalender (.ics)' }).count()).toBe(1);
    await sp.getByRole('link', { name: 'Avboka min plats' }).click();
    await sp.waitForURL(/\/avboka$/);
    expect(await sp.locator('h1').textContent()).toBe('Avboka din plats: Nätverksträff om studiemotivation');
    // "No" keeps the seat.
    await sp.getByRole('link', { name: 'Nej, behåll platsen' }).click();
    await sp.waitForURL(new RegExp(`/aktiviteter/${a.slug}#anmalan$`));
    expect(db.select().from(registrations).where(eq(registrations.userId, seated.id)).get()!.status).toBe('confirmed');
    await sp.getByRole('link', { name: 'Avboka min plats' }).click();
    await sp.getByRole('button', { name: 'Ja, avboka min plats' }).click();
    await sp.waitForURL(/klart=avbokad/);
    expect(db.select().from(registrations).where(eq(registrations.userId, seated.id)).get()!.status).toBe('cancelled');
    const mail = db.select().from(outbox).where(and(eq(outbox.to, seated.email), eq(outbox.subject, 'Avbokning: Nätverksträff om studiemotivation'))).get()!;
    expect(Buffer.from(mail.attachments[0]!.content, 'base64').toString()).toContain('METHOD:CANCEL');

    // axe on the confirmation step (JavaScript on, for axe): Vera now holds an offer.
    await wp.goto(`/aktiviteter/${a.slug}/avboka`);
    await expectAccessible(wp, 'bekräfta tacka nej');
    expect(await wp.locator('h1').textContent()).toBe('Tacka nej till platsen: Nätverksträff om studiemotivation');

    // Cancelling the activity mails everyone with METHOD:CANCEL.
    cancelActivity(db, a.id, null);
    const cancelled = db.select().from(outbox).where(and(eq(outbox.to, waiting.email), eq(outbox.subject, 'Inställd: Nätverksträff om studiemotivation'))).get()!;
    expect(Buffer.from(cancelled.attachments[0]!.content, 'base64').toString()).toMatch(/METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
  }, SLOW);

  it('cards show seats left, full, "Du är anmäld" and the place in the queue; the list filters on seats left (4)', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const open = activity('Öppen träff i Tibro', coordinator.id, { capacity: 5, dates: [morning(60)] });
    const full = activity('Fullbokad träff i Tibro', coordinator.id, { capacity: 1, dates: [morning(61)] });
    const me = createTestUser(db, { name: 'Moa Medlem' });
    register(db, { activityId: open.id, userId: me.id });
    register(db, { activityId: full.id, userId: createTestUser(db).id });
    register(db, { activityId: full.id, userId: createTestUser(db).id });
    register(db, { activityId: full.id, userId: createTestUser(db).id });
    register(db, { activityId: full.id, userId: me.id });

    const page = await (await contextAs(me.id)).newPage();
    await page.goto('/aktiviteter?kommun=Tibro');
    await expectAccessible(page, 'lista med platser');
    const card = (title: string) => page.locator('.card', { has: page.getByRole('link', { name: title, exact: true }) });
    expect(await card('Öppen träff i Tibro').locator('.seats').textContent()).toBe('4 platser kvar · Du är anmäld');
    expect(await card('Fullbokad träff i Tibro').locator('.seats').textContent()).toBe('Fullbokad – väntelista · Du står på plats 3 i kön');
    await page.getByLabel('Bara med platser kvar').check();
    await page.getByRole('button', { name: 'Visa aktiviteter' }).click();
    await page.waitForURL(/platser=lediga/);
    const titles = await page.locator('.cards h3').allTextContents();
    expect(titles).toContain('Öppen träff i Tibro');
    expect(titles).not.toContain('Fullbokad träff i Tibro');
  }, SLOW);

  it('the month view works with the keyboard only, in Swedish and Stockholm time, with subscription links (5)', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    // Two months ahead: the 14th at 00:30 Stockholm time (still the 13th in UTC) and a two-day course.
    const target = addMonths(parseYearMonth(null), 2);
    const ym = formatYearMonth(target);
    const day = (d: number, hhmm: string) => parseLocalDateTime(`${ym}-${String(d).padStart(2, '0')}T${hhmm}`)!;
    const night = activity('Nattvandrarträff i Tibro', coordinator.id, { dates: [{ startsAt: day(14, '00:30'), endsAt: day(14, '02:00') }] });
    const course = activity('Tvådagarskurs i Tibro', coordinator.id, { kind: 'course', dates: [{ startsAt: day(20, '10:00'), endsAt: day(20, '13:00') }, { startsAt: day(21, '10:00'), endsAt: day(21, '13:00') }] });

    const page = await (await contextAs(null)).newPage();
    await page.goto('/aktiviteter?kommun=Tibro');
    expect(await tabTo(page, /^Månad$/)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/vy=manad/);
    await expectAccessible(page, 'månadsvy');
    for (const step of [1, 2]) {
      expect(await tabTo(page, /^Nästa månad/), `next month, step ${step}`).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`manad=${formatYearMonth(addMonths(parseYearMonth(null), step))}`));
    }
    expect(await page.locator('#manad-rubrik').textContent()).toBe(monthLabel(target).replace(/^./, (c) => c.toUpperCase()));
    await expectAccessible(page, 'månadsvy med aktiviteter');
    const cell = (d: number) => page.locator('td', { has: page.locator('.day-number', { hasText: new RegExp(`^${d}$`) }) }).filter({ hasNot: page.locator('.other-month') });
    expect(await cell(14).locator('.day-entries a').allTextContents()).toEqual(['Nattvandrarträff i Tibro']);
    expect(await cell(14).locator('time').textContent()).toBe('00:30');
    expect(await cell(13).locator('.day-entries').count()).toBe(0);
    expect(await cell(20).locator('.day-entries a').allTextContents()).toEqual(['Tvådagarskurs i Tibro']);
    expect(await cell(21).locator('.day-entries a').allTextContents()).toEqual(['Tvådagarskurs i Tibro']);
    // Keyboard only to the activity itself.
    expect(await tabTo(page, /^Nattvandrarträff i Tibro/)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/aktiviteter/${night.slug}$`));
    expect(course.slug).toBeTruthy();

    // Subscription links for the current filters, with a how-to.
    await page.goto('/aktiviteter?kommun=Tibro&typ=kurs');
    const webcal = await page.getByRole('link', { name: 'Prenumerera i kalenderprogrammet' }).getAttribute('href');
    expect(webcal).toBe(`webcal://${new URL(server.url).host}/aktiviteter/kalender.ics?typ=kurs&kommun=Tibro`);
    const https = await page.locator('.subscribe a code').textContent();
    expect(https).toBe(`${server.url}/aktiviteter/kalender.ics?typ=kurs&kommun=Tibro`);
    await page.getByText('Så gör du i Outlook och Google Kalender').click();
    expect(await page.locator('.subscribe details').textContent()).toContain('Prenumerera från webben');
    const feed = await (await fetch(https!)).text();
    expect(feed).toContain('Tvådagarskurs i Tibro');
    expect(feed).not.toContain('Nattvandrarträff');
  }, SLOW);

  it('the outbox has clickable links, downloadable attachments, search and paging past 100 (9)', async () => {
    const admin = createTestUser(db, { role: 'admin' });
    for (let i = 1; i <= 130; i++) sendMail(db, { to: `mottagare${i}@tibro.se`, subject: `Utskick nummer ${i}`, text: `Hej!\n\nLäs mer: ${server.url}/aktiviteter?nr=${i}.\n\nHälsningar`, html: '<p>Hej</p>' });
    const coordinator = createTestUser(db, { role: 'coordinator', organisationId: orgId });
    const a = activity('Träff med kalenderfil', coordinator.id);
    const member = createTestUser(db, { name: 'Ola Bilaga' });
    register(db, { activityId: a.id, userId: member.id });

    const page = await (await contextAs(admin.id, { acceptDownloads: true })).newPage();
    await page.goto('/admin/utkorg');
    await expectAccessible(page, 'utkorg');
    expect(await page.getByRole('status').textContent()).toMatch(/^Visar 1–100 av \d+ mejl\.$/);
    await page.getByRole('link', { name: 'Äldre mejl' }).click();
    await page.waitForURL(/sida=2/);
    expect(await page.locator('tbody tr').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Utskick nummer 1')]));
    await expectAccessible(page, 'utkorg sida 2');

    await page.getByLabel('Sök på mottagare eller ämne').fill('mottagare7@');
    await page.locator('.outbox-search').getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/q=mottagare7/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('#mejl-rubrik').textContent()).toBe('Utskick nummer 7');
    const link = page.locator('.mail-text a');
    expect(await link.getAttribute('href')).toBe(`${server.url}/aktiviteter?nr=7`);
    await link.click();
    await page.waitForURL(/\/aktiviteter\?nr=7$/);

    await page.goto(`/admin/utkorg?q=${encodeURIComponent(member.email)}`);
    await page.getByRole('link', { name: 'Bekräftelse: Träff med kalenderfil' }).click();
    await expectAccessible(page, 'utkorg med bilaga');
    expect(await page.locator('.mail-view').textContent()).toContain('Status: Bara sparat');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `${a.slug}.ics` }).click()]);
    expect(download.suggestedFilename()).toBe(`${a.slug}.ics`);
    const body = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(body).toString()).toContain('BEGIN:VCALENDAR');
  }, SLOW);
});
