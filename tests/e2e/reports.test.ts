// /rapporter and /natverket in Chromium with the demo data: axe finds nothing, the map works with the
// keyboard, and both pages work with JavaScript turned off (the period form is a plain GET form).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { expectAccessible, launchBrowser, newContextAs } from '../helpers/browser.ts';
import { createTestUser } from '../helpers/users.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;

useServer((ctx) => ({ server, db } = ctx), { demoData: true });
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('reports and the network map in the browser', () => {
  it('/natverket: accessible, the map links are reachable by keyboard and lead to the municipality', async () => {
    const context = await newContextAs(browser, server, db, null);
    const page = await context.newPage();
    await page.goto('/natverket');
    await expectAccessible(page, '/natverket');
    const skovde = page.getByRole('link', { name: 'Skövde', exact: true }).first();
    await skovde.focus();
    expect(await page.evaluate(() => document.activeElement?.closest('svg')?.getAttribute('aria-label'))).toBe('Karta: Skaraborgs 15 kommuner och deras kommande aktiviteter');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#kommun-skovde$/);
    expect(await page.locator('#kommun-skovde h3').textContent()).toBe('Skövde');
    await context.close();
  }, 180_000);

  it('/rapporter: accessible for a coordinator, with 15 named map links', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const context = await newContextAs(browser, server, db, coordinator.id);
    const page = await context.newPage();
    await page.goto('/rapporter');
    await expectAccessible(page, '/rapporter');
    expect(await page.locator('svg.map-svg a').count()).toBe(15);
    expect(await page.getByRole('link', { name: 'Lidköping', exact: true }).count()).toBe(1);
    await context.close();
  }, 180_000);

  it('/rapporter: the period form works without JavaScript', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const context = await newContextAs(browser, server, db, coordinator.id, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/rapporter');
    await page.getByLabel('Från och med').fill('2020-01-01');
    await page.getByLabel('Till och med').fill('2020-06-30');
    await page.getByRole('button', { name: 'Visa rapporten' }).click();
    await page.waitForURL(/from=2020-01-01&to=2020-06-30/);
    expect(await page.getByRole('heading', { level: 2, name: /^Perioden/ }).textContent()).toBe('Perioden 1 januari 2020–30 juni 2020');
    expect(await page.locator('#tabell-per-typ tfoot td').first().textContent()).toBe('0');
    await context.close();
  }, 120_000);
});
