// Mentions and notification choices in the browser (issue 16, point 15), and the horizontal
// principles as their own section on the idea page and in the readiness panel (point 12).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { axeViolations, launchBrowser, newContextAs } from '../helpers/browser.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import type { Db } from '#lib/db.ts';
import { clusterMemberships, outbox } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';

let server: RunningServer;
let db: Db;
let browser: Browser;
let lead: { id: number; email: string };
let member: { id: number; email: string };
let leadContext: BrowserContext;
let memberContext: BrowserContext;
let groupPath = '';
let ideaPath = '';
let groupId = 0;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  browser = await launchBrowser();
  lead = createTestUser(db, { name: 'Lena Holm' });
  member = createTestUser(db, { name: 'Omar Said' });
  const group = createGroup(db, { name: 'Unga i Tidaholm', problemArea: 'Etablering', description: 'Grupp för testet av aviseringar.', joinMode: 'closed', leadEmails: [lead.email], createdById: lead.id });
  groupId = group.id;
  db.insert(clusterMemberships).values({ groupId, userId: member.id, role: 'member', status: 'active' }).run();
  const idea = createIdea(db, { groupId, title: 'Vägen till jobb', targetCall: '', createdById: lead.id });
  groupPath = `/klustergrupper/${group.slug}`;
  ideaPath = `${groupPath}/ideer/${idea.id}`;
  leadContext = await newContextAs(browser, server, db, lead.id);
  memberContext = await newContextAs(browser, server, db, member.id);
});
afterAll(async () => {
  await browser?.close();
});

const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email)).all();

describe('comment notifications', () => {
  it('lets a member choose mail per comment, a daily digest or none for the group', { timeout: 180_000 }, async () => {
    const page = await memberContext.newPage();
    await page.goto(groupPath);
    const choices = page.getByRole('group', { name: 'Mejl om kommentarer i gruppens idéer' });
    expect(await choices.getByLabel('En sammanfattning per dag').isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await choices.getByLabel('Ett mejl för varje ny kommentar').check();
    await page.getByRole('button', { name: 'Spara valet' }).click();
    await page.waitForURL(/klart=aviseringar/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()), { timeout: 30_000 }).toBe('Ditt val för mejl om kommentarer är sparat.');
    expect(await page.getByRole('group', { name: 'Mejl om kommentarer i gruppens idéer' }).getByLabel('Ett mejl för varje ny kommentar').isChecked()).toBe(true);
    const row = db.select().from(clusterMemberships).where(and(eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.userId, member.id))).get()!;
    expect(row.notify).toBe('each');
    await page.close();
  });

  it('mails the member named with @ in a comment', { timeout: 180_000 }, async () => {
    const page = await memberContext.newPage();
    await page.goto(`${ideaPath}/avsnitt/malgrupp`);
    await page.getByLabel('Ny kommentar om Målgrupp').fill('@Lena Holm, kan du lägga till siffrorna från KAA?');
    await page.getByRole('button', { name: 'Kommentera' }).click();
    await page.waitForURL(/klart=kommentar/);
    await expect.poll(() => mailsTo(lead.email).length, { timeout: 30_000 }).toBe(1);
    const [mail] = mailsTo(lead.email);
    expect(mail!.subject).toBe('Omar Said nämnde dig i Vägen till jobb');
    expect(mail!.text).toContain('kan du lägga till siffrorna från KAA?');
    expect(mail!.text).toContain(`${ideaPath}/avsnitt/malgrupp#kommentarer`);
    expect(mailsTo(member.email)).toHaveLength(0);

    // Omar chose a mail per comment: Lena's reply reaches him.
    const leadPage = await leadContext.newPage();
    await leadPage.goto(`${ideaPath}/avsnitt/malgrupp`);
    await leadPage.getByLabel('Ny kommentar om Målgrupp').fill('Jag fixar det i veckan.');
    await leadPage.getByRole('button', { name: 'Kommentera' }).click();
    await leadPage.waitForURL(/klart=kommentar/);
    await expect.poll(() => mailsTo(member.email).map((m) => m.subject), { timeout: 30_000 }).toEqual(['Ny kommentar i Vägen till jobb']);
    await page.close();
    await leadPage.close();
  });
});

describe('horizontal principles', () => {
  it('is its own section on the idea page, checked by the readiness panel', { timeout: 180_000 }, async () => {
    const page = await leadContext.newPage();
    await page.goto(ideaPath);
    expect(await page.getByRole('heading', { name: '2. Horisontella principer' }).count()).toBe(1);
    const panel = page.locator('section[aria-labelledby="rubrik-beredskap"]');
    const item = panel.locator('li', { hasText: 'Horisontella principer:' }).first();
    expect(await item.getByRole('link', { name: 'Horisontella principer' }).getAttribute('href')).toContain('#avsnitt-horisontella-principer');
    expect(await item.innerText()).toContain('Avsnittet om horisontella principer tar inte upp: jämställdhet, tillgänglighet, icke-diskriminering');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
