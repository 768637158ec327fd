import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.url });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(path);
  return page;
}

describe('public knowledge site', () => {
  it('navigates start page → guide index → a guide', async () => {
    const page = await open('/');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Metodguider' }).click();
    await page.waitForURL(/\/guider$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Metodguider');
    await page.getByRole('link', { name: 'Mentorskap för unga' }).first().click();
    await page.waitForURL(/\/guider\/mentorskap/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mentorskap för unga');
    expect(await page.locator('nav.toc li').count()).toBeGreaterThan(3);
    expect(await page.getByRole('heading', { name: 'Källor' }).isVisible()).toBe(true);
    await page.close();
  });

  it('links every guide from the start page', async () => {
    const page = await open('/');
    const hrefs = await page.locator('a[href^="/guider/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const slug of ['7tjugo', 'supported-employment', 'mentorskap', 'tjanstedesign', 'samverkan-en-vag-in', 'motivationsutbildningar', 'uppfoljning-av-resultat']) {
      expect(hrefs).toContain(`/guider/${slug}`);
    }
    await page.close();
  });

  for (const [term, title] of [
    ['mentorer', 'Mentorskap för unga'],
    ['arbetsgivaren', 'Supported Employment och IPS'],
  ] as const) {
    it(`finds "${title}" when searching for the inflected form "${term}" from the header`, async () => {
      const page = await open('/guider/7tjugo');
      await page.getByRole('searchbox', { name: 'Sök i guider och projekt' }).fill(term);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/sok\?q=/);
      const result = page.locator('#search-results').getByRole('link', { name: title });
      await result.first().waitFor();
      await result.first().click();
      await page.waitForURL(/\/guider\//);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      await page.close();
    });
  }

  // Abbreviations, English names and misspellings (indexed as hidden synonym text) and parts of Swedish
  // compounds (split at build time by src/integrations/compound-index.ts) find the right guide.
  async function topUrls(query: string, n = 3): Promise<string[]> {
    const page = await open('/sok');
    // Passed as a string so that the test runner does not rewrite the dynamic import.
    const urls: string[] = await page.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.init();
      const search = await pagefind.search(${JSON.stringify(query)});
      const data = await Promise.all(search.results.slice(0, ${n}).map((r) => r.data()));
      return data.map((d) => d.url.replace(/\\/$/, ''));
    })()`);
    await page.close();
    return urls;
  }

  for (const [query, guide] of [
    ['SIP', 'samverkan-en-vag-in'],
    ['UVAS', 'uppfoljning-av-resultat'],
    ['NEET', 'uppfoljning-av-resultat'],
    ['service design', 'tjanstedesign'],
    ['mentoring', 'mentorskap'],
    ['job coach', 'supported-employment'],
    ['suported employment', 'supported-employment'],
    ['tjänstedeisgn', 'tjanstedesign'],
    ['kassan', 'supported-employment'],
    ['förmedling', 'samverkan-en-vag-in'],
    ['kontakt', 'supported-employment'],
  ] as const) {
    it(`search for "${query}" has the ${guide} guide in the top 3`, async () => {
      expect(await topUrls(query)).toContain(`/guider/${guide}`);
    });
  }

  it('ranks a page with the whole word above pages that only have it inside a compound', async () => {
    // "kontakt" stands alone in some guides and only inside "arbetsgivarkontakt" etc. in others.
    const [first] = await topUrls('kontakt', 1);
    const html = await (await fetch(`${server.url}${first}`)).text();
    const visible = html.replace(/<p hidden[^>]*>[^<]*<\/p>/g, ' ').replace(/<[^>]+>/g, ' ');
    expect(visible).toMatch(/(?<![\p{L}])kontakt(?![\p{L}])/iu);
    // Splitting still finds the compound itself: the guide where it is most common comes first.
    expect((await topUrls('arbetsgivarkontakt', 1))[0]).toBe('/guider/supported-employment');
  });

  it('filters search results by content type', async () => {
    const page = await open('/sok?q=mentorer');
    await page.locator('#search-results li').first().waitFor();
    const before = await page.locator('#search-results li').count();
    await page.getByRole('checkbox', { name: 'Projekt', exact: true }).check();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length < n, before);
    const types = await page.locator('#search-results .meta').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['Projekt']));
    await page.close();
  });

  it('filters the guide index by method and by audience', async () => {
    const page = await open('/guider');
    const all = await page.locator('.guide-list > li').count();
    expect(all).toBe(7);
    await page.getByRole('navigation', { name: 'Filtrera guider' }).getByRole('link', { name: 'Supported Employment och IPS' }).click();
    await page.waitForURL(/\/guider\/metod\//);
    expect(await page.locator('.guide-list h2').allTextContents()).toEqual(['Supported Employment och IPS']);
    await page.getByRole('navigation', { name: 'Filtrera guider' }).getByRole('link', { name: 'Mentorer' }).click();
    await page.waitForURL(/\/guider\/malgrupp\/mentorer/);
    const titles = await page.locator('.guide-list h2').allTextContents();
    expect(titles).toContain('Mentorskap för unga');
    expect(titles.length).toBeLessThan(all);
    await page.close();
  });

  it('has zero axe violations on every public page type', async () => {
    const paths = ['/', '/guider', '/guider/metod/mentorskap', '/guider/supported-employment', '/projekt', '/projekt/level-up-vastra-skaraborg', '/sok?q=mentorer', '/om', '/tillganglighet', '/personuppgifter', '/sidan-finns-inte'];
    const problems: string[] = [];
    for (const path of paths) {
      const page = await open(path);
      if (path.startsWith('/sok')) await page.locator('#search-results li').first().waitFor();
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('has zero axe violations on the glossary and the guide and project pages issue 14 changed', async () => {
    const problems: string[] = [];
    for (const path of ['/ordlista', '/guider/samverkan-en-vag-in', '/guider/mentorskap', '/guider/uppfoljning-av-resultat', '/projekt/ung-arena-lidkoping']) {
      const page = await open(path);
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('shows the start page and a guide without horizontal scrolling at 375 px and 1280 px', async () => {
    for (const width of [375, 1280]) {
      for (const path of ['/', '/guider/supported-employment']) {
        const page = await open(path, width);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        await page.close();
      }
    }
  });

  it('reaches the skip link and the search box with the keyboard', async () => {
    const page = await open('/guider/mentorskap');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(first).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#innehall$/);
    await page.goto('/guider/mentorskap');
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('type') === 'search');
    }
    expect(reached).toBe(true);
    await page.keyboard.type('mentorer');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sok\?q=mentorer/);
    await page.close();
  });

  it('loads no JavaScript on a guide page and nothing more while idle', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    // The browser's own favicon fetch is not something the page loads.
    page.on('request', (r) => !r.url().endsWith('/favicon.svg') && requests.push(`${r.resourceType()} ${r.url()}`));
    await page.goto('/guider/tjanstedesign', { waitUntil: 'load' });
    const atLoad = requests.length;
    await page.waitForTimeout(1500);
    expect(requests.filter((r) => r.startsWith('script'))).toEqual([]);
    expect(requests.length).toBe(atLoad);
    await page.close();
  });

  it('links the glossary from the footer and a guide\'s terms to their entries', async () => {
    const page = await open('/guider/samverkan-en-vag-in');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Ord och förkortningar' }).waitFor();
    await page.locator('main a[href="/ordlista#sip"]').first().click();
    await page.waitForURL(/\/ordlista#sip$/);
    const entry = page.locator('dt#sip');
    expect(await entry.textContent()).toContain('SIP');
    expect(await entry.evaluate((dt) => dt.nextElementSibling?.textContent ?? '')).toContain('Samverkan kring unga: en väg in');
    await page.close();
  });

  it('answers unknown addresses with the Swedish 404 page', async () => {
    const res = await fetch(`${server.url}/finns-inte-alls`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Sidan finns inte');
  });
});
