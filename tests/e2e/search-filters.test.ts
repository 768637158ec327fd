// Search (issue 16, point 10): filters by audience (målgrupp) besides method and type, the query and
// filters live in the URL (shareable, back and forward work), and /sok loads the index at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

const MENTOR_GUIDES = ['7TJUGO', 'Mentorskap för unga', 'Motivations- och introduktionsutbildningar'];

useServer((ctx) => ({ server } = ctx));
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.url });
});
afterAll(async () => {
  await browser?.close();
});

const titles = (page: Page) => page.locator('#search-results h2').allInnerTexts();
const status = (page: Page) => page.locator('#search-status').innerText();
const audience = (page: Page, value: string) => page.getByRole('group', { name: 'Målgrupp' }).getByLabel(value, { exact: true });

async function settled(page: Page): Promise<string> {
  await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/träff/);
  return status(page);
}

describe('search filters in the URL', () => {
  it('offers Målgrupp, Metod and Innehållstyp, loads the index on /sok only, and keeps choices in the URL', async () => {
    const page = await context.newPage();
    const pagefindOnGuide: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/pagefind/')) pagefindOnGuide.push(r.url());
    });
    await page.goto('/guider/7tjugo');
    await page.waitForLoadState('networkidle');
    expect(pagefindOnGuide, 'guide pages load no search code').toEqual([]);

    // Search from the header; /sok starts loading the index at once.
    const indexRequest = page.waitForRequest(/\/pagefind\/pagefind\.js/);
    await page.getByRole('searchbox', { name: 'Sök i guider och projekt' }).fill('unga');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sok\?q=unga$/);
    await indexRequest;
    await settled(page);
    const all = await titles(page);
    expect(all.length).toBeGreaterThan(MENTOR_GUIDES.length);
    for (const legend of ['Innehållstyp', 'Metod', 'Målgrupp']) expect(await page.getByRole('group', { name: legend }).count()).toBe(1);

    // Choosing an audience filters the results and adds it to the URL.
    await audience(page, 'Mentorer').check();
    await page.waitForURL(/[?&]malgrupp=Mentorer/);
    await expect.poll(async () => (await titles(page)).length, { timeout: 30_000 }).toBeLessThan(all.length);
    const mentors = await titles(page);
    expect(mentors.length).toBeGreaterThan(0);
    for (const t of mentors) expect(MENTOR_GUIDES.some((g) => t.startsWith(g)), t).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Back returns to the unfiltered search; forward brings the filter back.
    await page.goBack();
    await page.waitForURL(/\/sok\?q=unga$/);
    await expect.poll(async () => audience(page, 'Mentorer').isChecked(), { timeout: 30_000 }).toBe(false);
    await expect.poll(async () => (await titles(page)).length, { timeout: 30_000 }).toBe(all.length);
    await page.goForward();
    await page.waitForURL(/malgrupp=Mentorer/);
    await expect.poll(async () => audience(page, 'Mentorer').isChecked(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await titles(page)).sort(), { timeout: 30_000 }).toEqual([...mentors].sort());
    await page.close();
  }, 180_000);

  it('opens a shared link with the same query and filters', async () => {
    const page = await context.newPage();
    await page.goto(`/sok?q=unga&malgrupp=${encodeURIComponent('Mentorer')}&metod=${encodeURIComponent('Mentorskap')}`);
    await settled(page);
    expect(await page.getByRole('searchbox', { name: 'Sökord' }).inputValue()).toBe('unga');
    expect(await audience(page, 'Mentorer').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Metod' }).getByLabel('Mentorskap', { exact: true }).isChecked()).toBe(true);
    expect(await titles(page)).toEqual(['Mentorskap för unga']);
    await page.close();
  }, 120_000);
});
