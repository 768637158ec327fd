// Live co-writing in Chromium (issue 13): the Solid island hydrates under the hashed CSP, two members
// type into the same section at once and see each other, an offline writer's edits survive a closed
// tab, sockets of outsiders are refused, a removed member is cut off, and the page stays accessible.
// Presence on the idea page and new comments in a section arrive live over the idea channel, as do threads
// resolved or opened again; a page whose channel was down catches up when it reconnects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { generateHydrationScript } from 'solid-js/web';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { axeViolations, launchBrowser, newContextAs } from '../helpers/browser.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { waitFor } from '../helpers/collab.ts';
import type { Db } from '#lib/db.ts';
import { clusterMemberships, ideaComments, ideaSectionRevisions } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { addComment } from '#lib/ideas/comments.ts';
import { sectionByKey } from '#lib/ideas/template.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;
let anna: BrowserContext;
let bo: BrowserContext;
let ideaId = 0;
let ideaPath = '';
let users: Record<'anna' | 'bo' | 'cecilia' | 'outsider', { id: number }>;
let ceciliaMembership = 0;
const START = 'Unga som avbryter gymnasiet hamnar ofta utanför.\n\nOrsakerna är flera.';

useServer((ctx) => ({ server, db } = ctx), { env: { COLLAB_IDLE_MS: '1000' } });
beforeAll(async () => {
  browser = await launchBrowser();
  const a = createTestUser(db, { name: 'Anna Andersson' });
  const b = createTestUser(db, { name: 'Bo Berg' });
  const c = createTestUser(db, { name: 'Cecilia Carlsson' });
  const o = createTestUser(db, { name: 'Olle Utanför' });
  users = { anna: a, bo: b, cecilia: c, outsider: o };
  const group = createGroup(db, { name: 'Live-gruppen', problemArea: 'Avbrutna studier', description: 'Gruppen som skriver tillsammans i realtid.', joinMode: 'request', leadEmails: [a.email], createdById: a.id });
  db.insert(clusterMemberships).values({ groupId: group.id, userId: b.id, role: 'member', status: 'active' }).run();
  ceciliaMembership = db.insert(clusterMemberships).values({ groupId: group.id, userId: c.id, role: 'member', status: 'active' }).returning().get().id;
  createGroup(db, { name: 'Grannarna', problemArea: 'Annat', description: 'En annan klustergrupp.', joinMode: 'closed', leadEmails: [o.email], createdById: o.id });
  const idea = createIdea(db, { groupId: group.id, title: 'Tillsammans', targetCall: '', createdById: a.id });
  ideaId = idea.id;
  saveSection(db, { sectionId: getSection(db, idea.id, 'problemformulering')!.id, authorId: a.id, baseRevisionId: 0, text: START });
  ideaPath = `/klustergrupper/${group.slug}/ideer/${idea.id}`;
  anna = await newContextAs(browser, server, db, a.id);
  bo = await newContextAs(browser, server, db, b.id);
});

afterAll(async () => {
  await browser?.close();
});

const cspMessages = (page: Page): string[] => {
  const found: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|violates the following/i.test(m.text())) found.push(m.text());
  });
  return found;
};

async function openLive(context: BrowserContext, key = 'problemformulering'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${ideaPath}/avsnitt/${key}`);
  await page.waitForSelector('.live-editor[data-mode="live"] .cm-content', { timeout: 15_000 });
  return page;
}

const editorText = (page: Page) => page.locator('.live-editor-host .cm-content').innerText();
const latestText = () => {
  const section = getSection(db, ideaId, 'problemformulering')!;
  return db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.id, section.currentRevisionId!)).get()!.text;
};

/** Runs in the page: records in window.seenAt when each text first shows in the live editor. */
function watchTexts(texts: string[]): void {
  const w = window as unknown as { seenAt: Record<string, number> };
  w.seenAt = {};
  const root = document.querySelector('.live-editor-host')!.shadowRoot!;
  const check = () => {
    const content = root.querySelector('.cm-content')?.textContent ?? '';
    for (const t of texts) if (!(t in w.seenAt) && content.includes(t)) w.seenAt[t] = Date.now();
  };
  new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true });
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  // Focus rather than a click: the presence list above the editor grows the moment someone arrives, and a
  // click aimed while the page shifts could land beside the editor on a busy machine.
  await page.locator('.live-editor-host .cm-content').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

describe('live editor island', () => {
  it('hydrates under the CSP with no violation, replaces the form, and is labelled and axe-clean', async () => {
    const page = await anna.newPage();
    const csp = cspMessages(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(`${ideaPath}/avsnitt/problemformulering`);
    // Solid's inline hydration script is on the page, and the CSP allows exactly it by its hash.
    const script = /<script>([\s\S]*?)<\/script>/.exec(generateHydrationScript())![1]!;
    expect(await res!.text()).toContain(script);
    expect(res!.headers()['content-security-policy']).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    await page.waitForSelector('.live-editor[data-mode="live"] .cm-content', { timeout: 15_000 });
    expect(await page.locator('astro-island:not([ssr])').count()).toBe(1);
    expect(await page.locator('form.section-editor').isHidden()).toBe(true);
    const editor = page.getByRole('textbox', { name: 'Text för Problemformulering (Markdown), samskrivning' });
    expect(await editor.innerText()).toContain('Unga som avbryter gymnasiet');
    expect(await page.getByRole('status').filter({ hasText: 'Ansluten.' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works with the keyboard alone and fits a 390 px screen', async () => {
    const context = await newContextAs(browser, server, db, users.anna.id, { viewport: { width: 390, height: 844 } });
    const page = await openLive(context);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // Tab from the skip link onwards until the editor has focus.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.classList.contains('cm-content') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Tangentbord.');
    expect(await editorText(page)).toContain('Tangentbord.');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('two members write at the same time', () => {
  it('each sees the other within 2 s, the stored revision holds both texts, and no conflict view appears', { timeout: 180_000 }, async () => {
    const pa = await openLive(anna);
    const pb = await openLive(bo);
    const annaText = 'Anna: kommunerna saknar gemensam uppföljning.';
    const boText = 'Bo: folkhögskolan når dem som hoppat av.';
    // Each page notes (in the browser, by the shared wall clock) when a text first appears in its editor:
    // its own when the last key has landed, the other's when it arrives.
    for (const p of [pa, pb]) await p.evaluate(watchTexts, [annaText, boText]);
    await Promise.all([typeAtEnd(pa, `\n\n${annaText}`), typeAtEnd(pb, `\n\n${boText}`)]);
    const times = async (p: Page) => {
      await p.waitForFunction((n) => Object.keys((window as unknown as { seenAt: Record<string, number> }).seenAt).length === n, 2, { timeout: 60_000 });
      return p.evaluate(() => (window as unknown as { seenAt: Record<string, number> }).seenAt);
    };
    const [ta, tb] = [await times(pa), await times(pb)];
    expect(tb[annaText]! - ta[annaText]!, 'Anna’s text reaches Bo within 2 s').toBeLessThan(2000);
    expect(ta[boText]! - tb[boText]!, 'Bo’s text reaches Anna within 2 s').toBeLessThan(2000);
    expect(await editorText(pa)).toBe(await editorText(pb));
    // Presence: each sees the other listed with a colour.
    expect(await pa.locator('.live-people li').filter({ hasText: 'Bo Berg' }).count()).toBe(1);
    await waitFor(() => latestText().includes('Anna: kommunerna saknar gemensam uppföljning.') && latestText().includes('Bo: folkhögskolan når dem som hoppat av.'), 10_000, 'revision with both texts');
    for (const p of [pa, pb]) {
      expect(await p.locator('#rubrik-krock').count()).toBe(0);
      expect(await p.getByText('krockar').count()).toBe(0);
    }
    await pa.close();
    await pb.close();
  });

  it('keeps an offline writer’s edits through a closed tab and merges them when back online', async () => {
    const pa = await openLive(anna);
    const pb = await openLive(bo);
    await bo.setOffline(true);
    await pb.waitForSelector('[data-live-status="disconnected"]', { timeout: 5000 });
    await typeAtEnd(pb, '\n\nOffline: Bo skrev på tåget.');
    await typeAtEnd(pa, '\n\nOnline: Anna skrev samtidigt.');
    await pa.waitForTimeout(1000);
    expect(await editorText(pa)).not.toContain('Offline: Bo skrev på tåget.');
    await pb.waitForTimeout(300); // IndexedDB write
    await pb.close();
    await bo.setOffline(false);
    const pb2 = await openLive(bo);
    for (const p of [pa, pb2]) {
      await p.waitForFunction(
        () => {
          const t = document.querySelector('.live-editor-host')?.shadowRoot?.querySelector('.cm-content')?.textContent ?? '';
          return t.includes('Offline: Bo skrev på tåget.') && t.includes('Online: Anna skrev samtidigt.');
        },
        undefined,
        { timeout: 10_000 },
      );
    }
    await waitFor(() => latestText().includes('Offline: Bo skrev på tåget.') && latestText().includes('Online: Anna skrev samtidigt.'), 10_000, 'revision with both');
    await pa.close();
    await pb2.close();
  });
});

describe('live presence and comments (idea channel)', () => {
  it('shows on the idea page who arrives, in which section and with which colour, and who leaves, pushed without polling', async () => {
    const pa = await anna.newPage();
    const polls: string[] = [];
    pa.on('request', (r) => r.url().includes('/narvaro') && polls.push(r.url()));
    await pa.goto(ideaPath);
    const box = pa.locator('.presence');
    await pa.waitForSelector('.presence[data-live="ja"]', { timeout: 10_000 });
    const pb = await bo.newPage();
    await pb.goto(`${ideaPath}/avsnitt/budget`);
    const boLine = box.locator(`li[data-user="${users.bo.id}"]`);
    await boLine.waitFor({ timeout: 5000 });
    expect(await boLine.innerText()).toBe('Bo Berg – redigerar Budget');
    expect(await boLine.locator('.live-swatch').getAttribute('class')).toBe(`live-swatch cm-remote-c${users.bo.id % 8}`);
    expect(await boLine.locator('.live-swatch').getAttribute('aria-hidden')).toBe('true');
    expect(await box.locator('ul').getAttribute('aria-live')).toBe('polite');
    expect(await axeViolations(pa)).toEqual([]);
    // A second tab in another section: Bo is listed once, in both sections, until he closes one.
    const pb2 = await bo.newPage();
    await pb2.goto(`${ideaPath}/avsnitt/malgrupp`);
    await expect.poll(() => boLine.innerText(), { timeout: 5000 }).toBe('Bo Berg – redigerar Målgrupp och Budget');
    expect(await box.locator(`li[data-user="${users.bo.id}"]`).count()).toBe(1);
    await pb2.close();
    await expect.poll(() => boLine.innerText(), { timeout: 5000 }).toBe('Bo Berg – redigerar Budget');
    await pb.close();
    // Gone at once (the presence window is 30 s; the channel removes a member whose last page closed).
    await boLine.waitFor({ state: 'detached', timeout: 5000 });
    expect(await box.getByText('Ingen annan har idén öppen just nu.').isVisible()).toBe(true);
    expect(polls, 'no polling while the channel is open').toEqual([]);
    await pa.close();
  });

  it('falls back to polling the närvaro endpoint when the channel cannot open', async () => {
    const page = await anna.newPage();
    await page.routeWebSocket(/\/samskrivning\//, (ws) => ws.close({ code: 1011, reason: 'Spärrad i testet' }));
    const posts: string[] = [];
    page.on('request', (r) => r.url().includes('/narvaro') && r.method() === 'POST' && posts.push(r.url()));
    await page.goto(ideaPath);
    await expect.poll(() => posts.length).toBeGreaterThan(0);
    expect(await page.locator('.presence').getAttribute('data-live')).toBe('nej');
    await page.close();
  });

  it('shows a comment posted by another member at once, escaped, announced politely, and the reply is keyboard-usable both ways', { timeout: 120_000 }, async () => {
    const key = 'malgrupp';
    const title = sectionByKey(key)!.title;
    const pa = await anna.newPage();
    await pa.goto(`${ideaPath}/avsnitt/${key}`);
    await pa.waitForSelector('.presence[data-live="ja"]', { timeout: 10_000 });
    await pa.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    expect(await pa.getByText('Inga kommentarer ännu.').count()).toBe(1);

    // Bo comments with the ordinary form (it posts and reloads his page, with or without JavaScript).
    const pb = await bo.newPage();
    await pb.goto(`${ideaPath}/avsnitt/${key}`);
    const body = 'Målgruppen <b>unga 16–20</b> & deras föräldrar?';
    await pb.getByLabel(`Ny kommentar om ${title}`).fill(body);
    await pb.getByRole('button', { name: 'Kommentera' }).click();
    await pb.waitForURL(/klart=kommentar/);
    await pb.waitForSelector('.presence[data-live="ja"]', { timeout: 10_000 });

    // Anna's page, never reloaded, shows it as the server renders it: text, not markup.
    const thread = pa.locator('#kommentarer li.thread').filter({ hasText: 'deras föräldrar?' });
    await thread.waitFor({ timeout: 5000 });
    expect(await thread.locator('p.pre-line').first().innerText()).toBe(body);
    expect(await thread.locator('p.pre-line b').count()).toBe(0);
    expect(await pa.locator('[data-comment-news]').innerText()).toBe('Ny kommentar från Bo Berg.');
    expect(await pa.locator('[data-comment-news]').getAttribute('aria-live')).toBe('polite');
    expect(await pa.getByText('Inga kommentarer ännu.').count()).toBe(0);
    expect(await pa.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await axeViolations(pa)).toEqual([]);

    // Anna answers with the keyboard alone in the live-added thread; Bo sees the reply arrive.
    await pb.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await pa.getByLabel('Svara Bo Berg').focus();
    await pa.keyboard.type('Ja, och skolkuratorerna.');
    await pa.keyboard.press('Tab');
    expect(await pa.evaluate(() => document.activeElement?.textContent)).toBe('Skicka svar');
    await pa.keyboard.press('Enter');
    await pa.waitForURL(/klart=kommentar/);
    const reply = pb.locator('#kommentarer li.thread ol.replies li').filter({ hasText: 'Ja, och skolkuratorerna.' });
    await reply.waitFor({ timeout: 5000 });
    expect(await pb.locator('[data-comment-news]').innerText()).toBe('Nytt svar från Anna Andersson.');
    expect(await pb.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await pa.close();
    await pb.close();
  });
});

describe('threads resolved and opened again, live (idea channel)', () => {
  it('moves a thread Bo resolves or opens again on Anna’s page without a reload, announced; after a lost channel it catches up, without duplicates', { timeout: 120_000 }, async () => {
    const key = 'tidsplan';
    const title = sectionByKey(key)!.title;
    const first = addComment(db, { sectionId: getSection(db, ideaId, key)!.id, authorId: users.bo.id, body: 'Hinner vi pilotfasen före sommaren?' });
    const pa = await anna.newPage();
    // Anna's idea channel runs through a route the test can cut (and keep cut for a while).
    let blocked = false;
    const routed: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
    await pa.routeWebSocket(/\/samskrivning\/\d+\?avsnitt=/, (ws) => {
      if (blocked) return void ws.close({ code: 1011, reason: 'Bortkopplad i testet' });
      routed.push({ page: ws, server: ws.connectToServer() });
    });
    await pa.goto(`${ideaPath}/avsnitt/${key}`);
    await pa.waitForSelector('.presence[data-live="ja"]', { timeout: 10_000 });
    await pa.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const thread = pa.locator(`#kommentarer li[data-thread="${first.id}"]`);
    const news = pa.locator('[data-comment-news]');
    expect(await thread.getAttribute('class')).toBe('thread');

    // Bo resolves his comment with the ordinary form (his page posts and reloads).
    const pb = await bo.newPage();
    await pb.goto(`${ideaPath}/avsnitt/${key}`);
    await pb.locator(`#kommentarer li[data-thread="${first.id}"]`).getByRole('button', { name: 'Markera som löst' }).click();
    await pb.waitForURL(/klart=lost/);
    await pa.waitForSelector(`#kommentarer li.thread.resolved[data-thread="${first.id}"]`, { timeout: 5000 });
    expect(await thread.locator('p.meta').first().innerText()).toContain('löst av Bo Berg');
    expect(await thread.getByRole('button', { name: 'Öppna igen' }).count()).toBe(1); // Anna leads the group
    expect(await thread.getByLabel('Svara Bo Berg').count()).toBe(0);
    expect(await news.innerText()).toBe('Bo Berg markerade en kommentar som löst.');
    expect(await news.getAttribute('aria-live')).toBe('polite');
    expect(await axeViolations(pa)).toEqual([]);

    await pb.locator(`#kommentarer li[data-thread="${first.id}"]`).getByRole('button', { name: 'Öppna igen' }).click();
    await pb.waitForURL(/klart=oppnad/);
    await pa.waitForSelector(`#kommentarer li.thread:not(.resolved)[data-thread="${first.id}"]`, { timeout: 5000 });
    expect(await news.innerText()).toBe('Bo Berg öppnade en kommentar igen.');
    expect(await thread.getByLabel('Svara Bo Berg').count()).toBe(1);

    // Anna's channel drops and cannot come back for a while; she has started a reply meanwhile.
    await thread.getByLabel('Svara Bo Berg').fill('Jag kollar med skolorna');
    blocked = true;
    for (const r of routed) {
      r.page.close({ code: 1006 });
      r.server.close();
    }
    await pa.waitForSelector('.presence[data-live="nej"]', { timeout: 5000 });
    await pb.getByLabel(`Ny kommentar om ${title}`).fill('Vi behöver en <em>reservplan</em>.');
    await pb.getByRole('button', { name: 'Kommentera' }).click();
    await pb.waitForURL(/klart=kommentar/);
    await pb.locator(`#kommentarer li[data-thread="${first.id}"]`).getByRole('button', { name: 'Markera som löst' }).click();
    await pb.waitForURL(/klart=lost/);
    await pa.waitForTimeout(500);
    expect(await pa.getByText('Vi behöver en <em>reservplan</em>.').count(), 'missed while the channel was down').toBe(0);

    blocked = false; // the page's next retry gets through
    const added = pa.locator('#kommentarer li.thread').filter({ hasText: 'Vi behöver en <em>reservplan</em>.' });
    await added.waitFor({ timeout: 30_000 });
    await pa.waitForSelector(`#kommentarer li.thread.resolved[data-thread="${first.id}"]`, { timeout: 5000 });
    await expect.poll(() => news.innerText()).toBe('Kommentarerna är uppdaterade: 1 ny kommentar och 1 kommentar markerad som löst.');
    expect(await added.locator('p.pre-line em').count()).toBe(0);
    // Once each, in the page's order, and nothing else reloaded: the typed reply stays with the thread.
    expect(await pa.locator('#kommentarer li.thread').count()).toBe(2);
    const addedId = db.select().from(ideaComments).where(eq(ideaComments.body, 'Vi behöver en <em>reservplan</em>.')).get()!.id;
    expect(await pa.locator('#kommentarer li.thread').evaluateAll((lis) => lis.map((li) => Number((li as HTMLElement).dataset.thread)))).toEqual([first.id, addedId]);
    expect(await thread.locator('textarea').inputValue()).toBe('Jag kollar med skolorna');
    expect(await pa.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await axeViolations(pa)).toEqual([]);
    await pa.close();
    await pb.close();
  });
});

describe('who may open the socket', () => {
  async function socketFrom(context: BrowserContext): Promise<{ opened: boolean; code: number }> {
    const page = await context.newPage();
    await page.goto('/');
    const result = await page.evaluate(
      (path) =>
        new Promise<{ opened: boolean; code: number }>((resolve) => {
          let opened = false;
          const ws = new WebSocket(`ws://${location.host}${path}`);
          ws.onopen = () => (opened = true);
          ws.onclose = (e) => resolve({ opened, code: e.code });
          setTimeout(() => {
            ws.close();
          }, 3000);
        }),
      `/samskrivning/${ideaId}/problemformulering`,
    );
    await page.close();
    return result;
  }

  it('refuses an anonymous socket and a member of another group at upgrade', async () => {
    const anonymous = await newContextAs(browser, server, db, null);
    expect((await socketFrom(anonymous)).opened).toBe(false);
    await anonymous.close();
    const outsider = await newContextAs(browser, server, db, users.outsider.id);
    expect((await socketFrom(outsider)).opened).toBe(false);
    await outsider.close();
    expect((await socketFrom(anna)).opened).toBe(true);
  });

  it('disconnects a member removed from the group, who can then no longer send changes', async () => {
    const cecilia = await newContextAs(browser, server, db, users.cecilia.id);
    const pc = await openLive(cecilia);
    const pa = await openLive(anna);
    db.delete(clusterMemberships).where(eq(clusterMemberships.id, ceciliaMembership)).run();
    await pc.waitForSelector('[data-live-status="forbidden"]', { timeout: 5000 });
    expect(await pc.locator('.live-editor-host .cm-content').getAttribute('contenteditable')).toBe('false');
    await pc.locator('.live-editor-host .cm-content').click({ force: true });
    await pc.keyboard.type('Cecilia skriver efteråt.');
    await pa.waitForTimeout(1000);
    expect(await editorText(pa)).not.toContain('Cecilia');
    await cecilia.close();
    await pa.close();
  });
});

describe('where the editor is', () => {
  it('loads its JavaScript only on the section page: guide pages and the idea page have none of it', async () => {
    for (const path of ['/guider/mentorskap', '/guider', '/']) {
      const html = await (await fetch(new URL(path, server.url))).text();
      expect(html, path).not.toMatch(/<script[^>]+src=/);
      expect(html, path).not.toContain('astro-island');
    }
    const page = await anna.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(ideaPath);
    expect(scripts.filter((s) => /LiveSectionEditor|live-editor/.test(s))).toEqual([]);
    await page.close();
  });

  it('without JavaScript the section page is the plain form, and saving works as before', async () => {
    const context = await newContextAs(browser, server, db, users.bo.id, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ideaPath}/avsnitt/syfte-och-mal`);
    expect(await page.locator('.live-editor-host').isVisible()).toBe(false);
    await page.getByLabel(/^Text för .* \(Markdown\)$/).fill('Målet är att fler unga börjar studera eller arbeta.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    await page.waitForURL(/klart=sparad/);
    expect(await page.getByText('Avsnittet är sparat.').count()).toBe(1);
    await context.close();
  });
});
