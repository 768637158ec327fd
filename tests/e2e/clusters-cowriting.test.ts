// Two members co-write one idea in two browser contexts: merge, conflict view, history, restore,
// draft kept in the browser, DOCX export, keyboard-only editing and axe on every page type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, tempDir, newContextAs } from '../helpers/browser.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { type Db } from '#lib/db.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { clusterMemberships, organisations } from '#db/schema/index.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;
let anna: BrowserContext;
let bo: BrowserContext;
let groupPath = '';
let ideaPath = '';
const downloads = tempDir();

const START = ['Unga som avbryter gymnasiet hamnar ofta utanför.', '', 'Orsakerna är flera och samverkar.', '', 'Konsekvenserna syns långt senare.'].join('\n');

// These tests cover the form path (save, merge, conflict view, drafts): the live co-writing socket is
// refused, so the section page keeps its form exactly as without it (tests/e2e/live-cowriting.test.ts
// covers the live editor).
async function contextFor(userId: number): Promise<BrowserContext> {
  const context = await newContextAs(browser, server, db, userId, { acceptDownloads: true });
  await context.routeWebSocket(/\/samskrivning\//, (ws) => ws.close());
  return context;
}

async function hydrated(page: Page): Promise<void> {
  await page.waitForSelector('form.section-editor[data-enhanced]');
}

async function openSection(context: BrowserContext, key = 'problemformulering'): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${ideaPath}/avsnitt/${key}`);
  await hydrated(page);
  return page;
}

const editor = (page: Page) => page.getByLabel('Text för Problemformulering (Markdown)');

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  browser = await launchBrowser();
  const orgA = db.insert(organisations).values({ name: 'Skövde kommun', slug: 'skovde-kommun', type: 'municipality', municipality: 'Skövde' }).returning().get();
  const orgB = db.insert(organisations).values({ name: 'Vara folkhögskola', slug: 'vara-folkhogskola', type: 'folk_high_school', municipality: 'Vara' }).returning().get();
  const a = createTestUser(db, { name: 'Anna Andersson', organisationId: orgA.id });
  const b = createTestUser(db, { name: 'Bo Berg', organisationId: orgB.id });
  const group = createGroup(db, { name: 'Avbrutna gymnasiestudier', problemArea: 'Avbrutna gymnasiestudier', description: 'Vi samlar skolor, KAA och folkhögskolor kring unga som har avbrutit gymnasiet.', joinMode: 'request', leadEmails: [a.email], createdById: a.id });
  db.insert(clusterMemberships).values({ groupId: group.id, userId: b.id, role: 'member', status: 'active' }).run();
  const idea = createIdea(db, { groupId: group.id, title: 'Återvägen', targetCall: 'ESF+ programområde 2', createdById: a.id });
  const section = getSection(db, idea.id, 'problemformulering')!;
  saveSection(db, { sectionId: section.id, authorId: a.id, baseRevisionId: 0, text: START });
  groupPath = `/klustergrupper/${group.slug}`;
  ideaPath = `${groupPath}/ideer/${idea.id}`;
  anna = await contextFor(a.id);
  bo = await contextFor(b.id);
});

afterAll(async () => {
  await browser?.close();
  downloads.remove();
});

describe('co-writing in two browsers', () => {
  it('merges non-overlapping edits and tells the second writer', async () => {
    const pa = await openSection(anna);
    const pb = await openSection(bo);
    await editor(pa).fill(START.replace('Unga som avbryter gymnasiet hamnar ofta utanför.', 'Unga som avbryter gymnasiet hamnar ofta utanför arbetsmarknaden.'));
    await pa.getByRole('button', { name: 'Spara avsnittet' }).click();
    await pa.waitForURL(/klart=sparad/);
    expect(await pa.getByRole('status').filter({ hasText: 'Avsnittet är sparat.' }).count()).toBe(1);

    await editor(pb).fill(START.replace('Konsekvenserna syns långt senare.', 'Konsekvenserna syns långt senare, till exempel i försörjningsstödet.'));
    await pb.getByRole('button', { name: 'Spara avsnittet' }).click();
    await pb.waitForURL(/klart=sammanslagen/);
    expect(await pb.getByText('Din ändring slogs ihop med ändringar från Anna Andersson').count()).toBe(1);
    const saved = await pb.locator('section[aria-labelledby="rubrik-sparad"]').innerText();
    expect(saved).toContain('utanför arbetsmarknaden');
    expect(saved).toContain('i försörjningsstödet');
    await pa.close();
    await pb.close();
  });

  it('shows the conflict view for overlapping edits, keeps the text, and lets the writer resolve', async () => {
    const pa = await openSection(anna);
    const pb = await openSection(bo);
    const current = await editor(pa).inputValue();
    await editor(pa).fill(current.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera: mående, skolmiljö och familj.'));
    await pa.getByRole('button', { name: 'Spara avsnittet' }).click();
    await pa.waitForURL(/klart=sparad/);

    await editor(pb).fill(current.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera, bland annat brist på stöd.'));
    await pb.getByRole('button', { name: 'Spara avsnittet' }).click();
    await pb.getByRole('heading', { name: 'Din ändring krockar med en annan ändring' }).waitFor();
    await hydrated(pb);
    const visible = (selector: string) =>
      pb.locator(selector).evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
        return copy.textContent;
      });
    expect(await visible('#din-0')).toContain('brist på stöd');
    expect(await visible('#sparad-0')).toContain('mående, skolmiljö och familj');
    expect(await editor(pb).inputValue()).toContain('brist på stöd');
    expect(await axeViolations(pb)).toEqual([]);

    // Load the saved text into the editor, then write the resolution with the keyboard.
    await pb.getByRole('button', { name: 'Den sparade texten' }).click();
    expect(await editor(pb).inputValue()).toContain('mående, skolmiljö och familj');
    await editor(pb).fill(current.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera: mående, skolmiljö, familj och brist på stöd.'));
    await pb.getByRole('button', { name: 'Spara den lösta texten' }).click();
    await pb.waitForURL(/klart=sparad/);
    expect(await pb.locator('section[aria-labelledby="rubrik-sparad"]').innerText()).toContain('familj och brist på stöd');
    await pa.close();
    await pb.close();
  });

  it('shows both writers in the history and restores an old version as a new one', async () => {
    const page = await anna.newPage();
    await page.goto(`${ideaPath}/avsnitt/problemformulering/historik`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Anna Andersson');
    expect(text).toContain('Bo Berg');
    expect(text).toContain('Automatiskt sammanslagen ändring');
    expect(text).toContain('Löst krock');
    expect(await axeViolations(page)).toEqual([]);
    const versions = await page.locator('ol.history > li').count();
    const oldest = page.locator('ol.history > li').last();
    const label = (await oldest.getByRole('button').innerText()).trim();
    await oldest.getByRole('button').click();
    await page.waitForURL(/klart=aterstalld/);
    expect(await page.locator('ol.history > li').count()).toBe(versions + 1);
    expect(await page.locator('ol.history > li').first().innerText()).toContain('Återställd version');
    expect(label).toMatch(/^Återställ version \d+$/);
    const section = await page.goto(`${ideaPath}/avsnitt/problemformulering`);
    expect(section?.status()).toBe(200);
    expect(await page.locator('section[aria-labelledby="rubrik-sparad"]').innerText()).toContain('Orsakerna är flera och samverkar.');
    await page.close();
  });

  it('keeps unsaved text in the browser across a reload and warns before leaving', async () => {
    const page = await openSection(bo);
    const dialogs: string[] = [];
    page.on('dialog', (d) => void dialogs.push(d.type()));
    await editor(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Osparad mening som inte får försvinna.');
    await page.reload();
    await hydrated(page);
    expect(dialogs).toContain('beforeunload');
    expect(await editor(page).inputValue()).toContain('Osparad mening som inte får försvinna.');
    expect(await page.getByText(/Osparad text från .* har återställts/).count()).toBe(1);
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    await page.waitForURL(/klart=sparad/);
    await hydrated(page);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skbn-utkast:')).length)).toBe(0);
    await page.close();
  });

  it('edits a section with the keyboard only', async () => {
    const page = await anna.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(ideaPath);
    const focused = () => page.evaluate(() => (document.activeElement?.textContent ?? '').trim() + '|' + (document.activeElement?.id ?? ''));
    let found = false;
    for (let i = 0; i < 120 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).startsWith('Redigera och kommentera Målgrupp|');
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/avsnitt\/malgrupp$/);
    await page.waitForSelector('form.section-editor[data-enhanced]');
    found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).endsWith('|falt-text-malgrupp');
    }
    expect(found).toBe(true);
    await page.keyboard.type('Unga 16–24 år i Skaraborg som har avbrutit ett nationellt program.');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Spara avsnittet/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=sparad/);
    expect(await page.locator('section[aria-labelledby="rubrik-sparad"]').innerText()).toContain('avbrutit ett nationellt program');
    await page.close();
  });

  it('downloads a DOCX that opens as a zip with the section texts', async () => {
    const page = await bo.newPage();
    await page.goto(ideaPath);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som Word (DOCX)' }).click()]);
    expect(download.suggestedFilename()).toBe('Atervagen.docx');
    const file = `${downloads.path}/idea.docx`;
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Återvägen');
    expect(xml).toContain('1. Problemformulering');
    expect(xml).toContain('Orsakerna är flera och samverkar.');
    expect(xml).toContain('avbrutit ett nationellt program');
    await page.close();
  });

  it('has no axe violations (and no CSP errors) on the group, idea, section, management, list and print pages', async () => {
    const page = await anna.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    for (const path of ['/klustergrupper', groupPath, `${groupPath}/hantera`, ideaPath, `${ideaPath}/avsnitt/budget`, `${ideaPath}/utskrift`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      if (path.includes('/avsnitt/')) await hydrated(page);
      expect(await axeViolations(page), path).toEqual([]);
    }
    expect(cspErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
