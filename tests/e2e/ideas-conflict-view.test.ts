// The conflict view for people (issue 16, point 13) and the history diff by word (point 14):
// no conflict markers, "Din text" and "Den sparade texten" side by side with the differing words
// marked, a choice per paragraph that works with the keyboard only and without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newContextAs } from '../helpers/browser.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import type { Db } from '#lib/db.ts';
import { clusterMemberships } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';

let server: RunningServer;
let db: Db;
let browser: Browser;
let anna: { id: number; email: string };
let bo: { id: number };
let groupSlug = '';
let groupId = 0;

const START = ['Unga som avbryter gymnasiet hamnar ofta utanför.', '', 'Orsakerna är flera och samverkar.', '', 'Konsekvenserna syns långt senare.'].join('\n');

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  browser = await launchBrowser();
  anna = createTestUser(db, { name: 'Anna Andersson' });
  bo = createTestUser(db, { name: 'Bo Berg' });
  const group = createGroup(db, { name: 'Krockfria texter', problemArea: 'Samskrivning', description: 'Grupp för testet av krockvyn.', joinMode: 'closed', leadEmails: [anna.email], createdById: anna.id });
  groupSlug = group.slug;
  groupId = group.id;
  for (const u of [bo]) db.insert(clusterMemberships).values({ groupId, userId: u.id, role: 'member', status: 'active' }).run();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh idea where Anna saved over Bo's base: returns the section page path and Bo's base revision. */
function freshIdea(title: string) {
  const idea = createIdea(db, { groupId, title, targetCall: '', createdById: anna.id });
  const section = getSection(db, idea.id, 'problemformulering')!;
  const r1 = saveSection(db, { sectionId: section.id, authorId: anna.id, baseRevisionId: 0, text: START }) as { revisionId: number };
  return { path: `/klustergrupper/${groupSlug}/ideer/${idea.id}/avsnitt/problemformulering`, sectionId: section.id, base: r1.revisionId };
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; name: string | null; value: string | null }) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return { tag: a?.tagName ?? '', text: a?.textContent?.trim() ?? '', name: a?.getAttribute('name') ?? null, value: a?.getAttribute('value') ?? null };
    });
    if (matches(el)) return;
  }
  throw new Error('Det gick inte att nå elementet med Tab');
}

async function makeConflict(context: BrowserContext, idea: ReturnType<typeof freshIdea>): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(idea.path);
  // Anna saves while Bo is writing.
  saveSection(db, { sectionId: idea.sectionId, authorId: anna.id, baseRevisionId: idea.base, text: START.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera: mående, skolmiljö och familj.') });
  // Bo's save through the form (the live editor may already have taken over the page; the form path is under test).
  const text = START.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera, bland annat brist på stöd.').replace('Konsekvenserna syns långt senare.', 'Konsekvenserna syns långt senare, i försörjningsstödet.');
  await page.evaluate((t) => {
    const form = document.querySelector<HTMLFormElement>('form.section-editor')!;
    form.querySelector('textarea')!.value = t;
    form.requestSubmit(form.querySelector<HTMLButtonElement>('button[value="spara"]')!);
  }, text);
  await page.getByRole('heading', { name: 'Din ändring krockar med en annan ändring' }).waitFor();
  return page;
}

/** The text a sighted reader sees (without the screen-reader-only words). */
const visibleText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return copy.textContent;
  });

const savedText = (sectionId: number) => db.$client.prepare('SELECT r.text FROM idea_section_revisions r JOIN idea_sections s ON s.currentRevisionId = r.id WHERE s.id = ?').get(sectionId) as { text: string };

describe('conflict view', () => {
  it('shows both texts side by side with the differing words marked and no markers; keyboard only', { timeout: 180_000 }, async () => {
    const idea = freshIdea('Krock med tangentbordet');
    const context = await newContextAs(browser, server, db, bo.id);
    const page = await makeConflict(context, idea);
    const main = await page.locator('main').innerText();
    expect(main).not.toMatch(/<<<<<<<|>>>>>>>|=======/);
    expect(await visibleText(page, '#din-0')).toBe('Orsakerna är flera, bland annat brist på stöd.');
    expect(await visibleText(page, '#sparad-0')).toBe('Orsakerna är flera: mående, skolmiljö och familj.');
    expect(await page.getByRole('heading', { name: 'Din text' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Den sparade texten' }).count()).toBe(1);
    const marked = await page.locator('#sparad-0 mark').allInnerTexts();
    expect(marked.join(' ')).toContain('skolmiljö');
    expect(marked.join(' ')).not.toContain('Orsakerna');
    // Bo's change to another paragraph merged cleanly and is in the combined text already.
    expect(await page.getByLabel('Text för Problemformulering (Markdown)').inputValue()).toContain('i försörjningsstödet');
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only: Tab to the paragraph's choice, arrow to "Den sparade texten", Tab to "Spara valen", Enter.
    await tabTo(page, (el) => el.tag === 'INPUT' && el.name === 'val-0');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#val-0-sparad').isChecked()).toBe(true);
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Spara valen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=sparad/);
    expect(savedText(idea.sectionId).text).toBe(
      START.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera: mående, skolmiljö och familj.').replace('Konsekvenserna syns långt senare.', 'Konsekvenserna syns långt senare, i försörjningsstödet.'),
    );
    await context.close();
  });

  it('works without JavaScript: keep both paragraphs', { timeout: 180_000 }, async () => {
    const idea = freshIdea('Krock utan skript');
    const context = await newContextAs(browser, server, db, bo.id, { javaScriptEnabled: false });
    const page = await makeConflictNoJs(context, idea);
    await page.getByLabel('Behåll båda (din text först)').check();
    await page.getByRole('button', { name: 'Spara valen' }).click();
    await page.waitForURL(/klart=sparad/);
    const text = savedText(idea.sectionId).text;
    expect(text).toContain('Orsakerna är flera, bland annat brist på stöd.\n\nOrsakerna är flera: mående, skolmiljö och familj.');
    expect(text).not.toMatch(/<<<<<<<|>>>>>>>/);
    await context.close();
  });
});

async function makeConflictNoJs(context: BrowserContext, idea: ReturnType<typeof freshIdea>): Promise<Page> {
  const page = await context.newPage();
  await page.goto(idea.path);
  saveSection(db, { sectionId: idea.sectionId, authorId: anna.id, baseRevisionId: idea.base, text: START.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera: mående, skolmiljö och familj.') });
  await page.getByLabel('Text för Problemformulering (Markdown)').fill(START.replace('Orsakerna är flera och samverkar.', 'Orsakerna är flera, bland annat brist på stöd.'));
  await page.getByRole('button', { name: 'Spara avsnittet' }).click();
  await page.getByRole('heading', { name: 'Din ändring krockar med en annan ändring' }).waitFor();
  return page;
}

describe('history diff by word', () => {
  it('marks only the changed words within a changed line', { timeout: 180_000 }, async () => {
    const idea = freshIdea('Historik per ord');
    saveSection(db, { sectionId: idea.sectionId, authorId: bo.id, baseRevisionId: idea.base, text: START.replace('hamnar ofta utanför', 'hamnar ofta långt utanför') });
    const context = await newContextAs(browser, server, db, anna.id);
    const page = await context.newPage();
    await page.goto(`${idea.path}/historik`);
    const latest = page.locator('ol.history > li').first();
    expect(await latest.locator('.diff-changed').count()).toBe(1);
    expect(await latest.locator('.diff-changed ins').textContent()).toContain('långt');
    expect(await latest.locator('.diff-changed del').count()).toBe(0);
    expect(await latest.locator('.diff-removed').count()).toBe(0);
    expect(await latest.locator('.diff-added').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
