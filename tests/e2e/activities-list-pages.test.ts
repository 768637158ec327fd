// Issue 15: the paginated activity list in Chromium: axe on the first, a middle and a "page does not
// exist" page; the page navigation used with the keyboard only, filters kept. (The navigation is plain
// links, no script: tests/integration/activities-list-pages.test.ts follows them over HTTP.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { expectAccessible, launchBrowser, newContextAs } from '../helpers/browser.ts';
import { createTestUser } from '../helpers/users.ts';
import { morning } from '../helpers/local-time.ts';
import { input } from '../unit/activities-fixtures.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SLOW = 300_000;

describe('the paginated activity list in the browser', () => {
  it('is accessible and can be paged with the keyboard, keeping the filter', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    for (let i = 0; i < 47; i++) {
      const title = `Götenekurs ${String(i + 1).padStart(2, '0')}`;
      publishActivity(db, createActivity(db, input({ title, kind: 'course', municipality: 'Götene', dates: [morning(40 + i)] }), coordinator.id).id);
    }
    const context = await newContextAs(browser, server, db, null);
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    try {
      await page.goto('/aktiviteter?kommun=G%C3%B6tene');
      const nav = page.getByRole('navigation', { name: 'Sidor' });
      await expect(nav.getByRole('link', { name: 'Sida 1' }).getAttribute('aria-current')).resolves.toBe('page');
      expect(await page.locator('ul.cards > li').count()).toBe(20);
      await expectAccessible(page, 'aktivitetslistan, sida 1');

      // Keyboard only: Tab to "Nästa sida" and press Enter.
      let reached = false;
      for (let i = 0; i < 200 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.getAttribute('rel') === 'next');
      }
      expect(reached, 'the next-page link is reachable with Tab').toBe(true);
      await Promise.all([page.waitForURL(/sida=2/), page.keyboard.press('Enter')]);
      const url = new URL(page.url());
      expect(url.searchParams.get('kommun')).toBe('Götene');
      expect(url.searchParams.get('sida')).toBe('2');
      await expect(page.locator('ul.cards > li h3').first().textContent()).resolves.toBe('Götenekurs 21');
      await expect(nav.getByRole('link', { name: 'Sida 2' }).getAttribute('aria-current')).resolves.toBe('page');
      await expect(page.title()).resolves.toBe('Aktiviteter – sida 2 av 3 – Skaraborgsnätet');
      await expectAccessible(page, 'aktivitetslistan, sida 2');

      // The filter form starts again from the first page.
      await page.getByLabel('Typ av aktivitet').selectOption({ label: 'Kurs' });
      await Promise.all([page.waitForURL(/typ=kurs/), page.getByRole('button', { name: 'Visa aktiviteter' }).click()]);
      expect(new URL(page.url()).searchParams.get('sida')).toBeNull();
      await expect(nav.getByRole('link', { name: 'Sida 1' }).getAttribute('aria-current')).resolves.toBe('page');

      await page.goto('/aktiviteter?kommun=G%C3%B6tene&sida=12');
      await expect(page.getByRole('status').filter({ hasText: 'Sidan 12 finns inte' }).textContent()).resolves.toContain('det finns 3 sidor. Du ser den sista.');
      expect(await page.locator('ul.cards > li').count()).toBe(7);
      await expectAccessible(page, 'aktivitetslistan, sida som inte finns');
    } finally {
      await context.close();
    }
  }, SLOW);
});
