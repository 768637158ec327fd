// /sok: valid HTML (html-validate; nothing after </html>) and no layout shift when results arrive —
// CLS measured in Chromium with a PerformanceObserver for 'layout-shift', on desktop and mobile.
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/sok is valid HTML', () => {
  it('html-validate finds no error, and nothing follows </html>', async () => {
    const html = await (await fetch(`${server.url}/sok`)).text();
    // SRI is a policy for third-party files; every file here is same-origin.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document'], rules: { 'require-sri': 'off', 'no-conditional-comment': 'off' } });
    // no-conditional-comment is off: Astro marks server islands (the header's log-in state) with <!--[if astro]> comments.
    const report = await validator.validateString(html, 'sok.html');
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`))).toEqual([]);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html.match(/<\/html>/g)).toHaveLength(1);
  });
});

const LAYOUTS = [
  { name: 'desktop', viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  { name: 'mobile', viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
];

declare global {
  interface Window {
    __shifts: Array<{ value: number; hadRecentInput: boolean }>;
  }
}

/** Opens a page that records every layout shift from its first paint on. */
async function pageWithShiftLog(layout: (typeof LAYOUTS)[number]): Promise<Page> {
  const { name: _name, ...options } = layout;
  const context = await browser.newContext({ baseURL: server.url, ...options });
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        window.__shifts.push({ value: entry.value, hadRecentInput: entry.hadRecentInput });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return context.newPage();
}

/** CLS as browsers count it (shifts right after input excluded) and every shift summed. */
async function shifts(page: Page): Promise<{ cls: number; all: number }> {
  await page.waitForTimeout(1000); // let late shifts (images, fonts, the results list) land
  const list = await page.evaluate(() => window.__shifts);
  const sum = (xs: typeof list) => Number(xs.reduce((n, s) => n + s.value, 0).toFixed(4));
  return { cls: sum(list.filter((s) => !s.hadRecentInput)), all: sum(list) };
}

describe('/sok does not shift when results arrive', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: opened with a query (the header search), CLS ≤ 0.05`, async () => {
      const page = await pageWithShiftLog(layout);
      await page.goto('/sok?q=mentorer');
      await page.locator('#search-results li').first().waitFor();
      await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/träffar? för/);
      const { cls, all } = await shifts(page);
      expect(cls).toBeLessThanOrEqual(0.05);
      expect(all).toBeLessThanOrEqual(0.05);
      await page.context().close();
    });

    it(`${layout.name}: a search typed on the page, CLS ≤ 0.05`, async () => {
      const page = await pageWithShiftLog(layout);
      await page.goto('/sok');
      await page.getByLabel('Sökord').pressSequentially('arbetsgivaren', { delay: 60 });
      await page.locator('#search-results li').first().waitFor();
      await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/träffar? för ”arbetsgivaren”/);
      // A second search replaces the results.
      await page.getByLabel('Sökord').fill('mentorer');
      await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/träffar? för ”mentorer”/);
      const { cls, all } = await shifts(page);
      expect(cls).toBeLessThanOrEqual(0.05);
      expect(all).toBeLessThanOrEqual(0.05);
      await page.context().close();
    });
  }
});
