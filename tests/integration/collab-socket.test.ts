// Live co-writing over the WebSocket (issue 13): who may open a section's socket, two writers
// converging, the revision written when writing pauses (with both contributors), a removed member
// cut off, and saves made outside the live document (form, restore) reaching it. The idea channel:
// presence and new comments pushed to members, the thread fragment a page fetches, who may listen.
import { describe, expect, it, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { channelClient, liveClient, sessionFor, upgradeStatus, waitFor, type ChannelClient } from '../helpers/collab.ts';
import { Client } from '../helpers/http.ts';
import { loginAs } from '../helpers/users.ts';
import type { Db } from '#lib/db.ts';
import { clusterMemberships, ideaComments, ideaPresence, ideaRevisionContributors, ideaSectionRevisions } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { revisionContributors } from '#lib/collab/store.ts';

let server: RunningServer;
let db: Db;
type TestUser = ReturnType<typeof createTestUser>;
let anna: TestUser;
let bo: TestUser;
let cecilia: TestUser;
let outsider: TestUser;
let ideaId = 0;
let membershipCecilia = 0;
let ideaPath = '';
let doris: TestUser;
let membershipDoris = 0;
const START = 'Första raden.\n\nAndra raden.\n\nTredje raden.';

useServer((ctx) => ({ server, db } = ctx), { env: { COLLAB_IDLE_MS: '700' } });
beforeAll(() => {
  anna = createTestUser(db, { name: 'Anna Andersson' });
  bo = createTestUser(db, { name: 'Bo Berg' });
  cecilia = createTestUser(db, { name: 'Cecilia Carlsson' });
  outsider = createTestUser(db, { name: 'Olle Utanför' });
  doris = createTestUser(db, { name: 'Doris Dahl' });
  const group = createGroup(db, { name: 'Samskrivarna', problemArea: 'Samskrivning', description: 'Grupp som skriver tillsammans i realtid.', joinMode: 'request', leadEmails: [anna.email], createdById: anna.id });
  db.insert(clusterMemberships).values({ groupId: group.id, userId: bo.id, role: 'member', status: 'active' }).run();
  membershipCecilia = db.insert(clusterMemberships).values({ groupId: group.id, userId: cecilia.id, role: 'member', status: 'active' }).returning().get().id;
  createGroup(db, { name: 'Andra gruppen', problemArea: 'Annat', description: 'En annan grupp med egna idéer.', joinMode: 'closed', leadEmails: [outsider.email], createdById: outsider.id });
  membershipDoris = db.insert(clusterMemberships).values({ groupId: group.id, userId: doris.id, role: 'member', status: 'active' }).returning().get().id;
  const idea = createIdea(db, { groupId: group.id, title: 'Live-idén', targetCall: '', createdById: anna.id });
  ideaId = idea.id;
  ideaPath = `/klustergrupper/${group.slug}/ideer/${idea.id}`;
  const section = getSection(db, idea.id, 'problemformulering')!;
  saveSection(db, { sectionId: section.id, authorId: anna.id, baseRevisionId: 0, text: START });
});

const room = () => `${ideaId}/problemformulering`;
const path = () => `/samskrivning/${room()}`;
const latestRevision = () => {
  const section = getSection(db, ideaId, 'problemformulering')!;
  return db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.id, section.currentRevisionId!)).get()!;
};

describe('socket upgrade', () => {
  it('refuses anonymous sockets, other groups, foreign origins and unknown sections', async () => {
    expect(await upgradeStatus(server.url, path(), { origin: server.url })).toBe(401);
    expect(await upgradeStatus(server.url, path(), { origin: server.url, cookie: `session=${sessionFor(db, outsider.id)}` })).toBe(403);
    const annaCookie = `session=${sessionFor(db, anna.id)}`;
    expect(await upgradeStatus(server.url, path(), { origin: 'http://angripare.example', cookie: annaCookie })).toBe(403);
    expect(await upgradeStatus(server.url, path(), { cookie: annaCookie })).toBe(403);
    expect(await upgradeStatus(server.url, `/samskrivning/${ideaId}/finns-inte`, { origin: server.url, cookie: annaCookie })).toBe(404);
    expect(await upgradeStatus(server.url, `/samskrivning/${ideaId + 1000}/problemformulering`, { origin: server.url, cookie: annaCookie })).toBe(404);
    expect(await upgradeStatus(server.url, '/annat', { origin: server.url, cookie: annaCookie })).toBe(404);
    expect(await upgradeStatus(server.url, path(), { origin: server.url, cookie: annaCookie })).toBe(101);
  });
});

describe('two writers', () => {
  it('converge, and the revision written when they pause holds both texts and both names', async () => {
    const a = liveClient(server.url, room(), sessionFor(db, anna.id));
    const b = liveClient(server.url, room(), sessionFor(db, bo.id));
    try {
      await Promise.all([a.synced, b.synced]);
      expect(a.text.toString()).toBe(START);
      a.text.insert(0, 'Anna skriver först. ');
      b.text.insert(b.text.length, '\n\nBo skriver sist.');
      await waitFor(() => a.text.toString() === b.text.toString() && a.text.toString().includes('Bo skriver sist.') && b.text.toString().includes('Anna skriver först.'), 5000, 'convergence');
      await waitFor(() => latestRevision().text.includes('Bo skriver sist.') && latestRevision().text.includes('Anna skriver först.'), 8000, 'revision after idle');
      expect(revisionContributors(db, latestRevision().id)).toEqual(['Anna Andersson', 'Bo Berg']);
      // The section's history names both (escaped like any name: a third contributor with markup in the name).
      const revision = latestRevision();
      const marked = createTestUser(db, { name: '<img src=x onerror=alert(1)> & Co' });
      db.insert(ideaRevisionContributors).values({ revisionId: revision.id, userId: marked.id }).run();
      const reader = new Client(server.url);
      loginAs(reader, db, anna.id);
      const html = await (await reader.get(`${ideaPath}/avsnitt/problemformulering/historik`)).text();
      expect(html).toMatch(new RegExp(`Version ${revision.id}: &lt;img src=x onerror=alert\\(1\\)&gt; &amp; Co, Anna Andersson och Bo Berg, `));
      expect(html).toContain('Ändring skriven tillsammans i realtid – nuvarande version');
      expect(html).not.toContain('<img src=x');
      db.delete(ideaRevisionContributors).where(eq(ideaRevisionContributors.userId, marked.id)).run();
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('a form save while others write merges into the live document, and a restore reaches it', async () => {
    const a = liveClient(server.url, room(), sessionFor(db, anna.id));
    try {
      await a.synced;
      a.text.insert(0, 'Live: ');
      await waitFor(() => a.text.toString().startsWith('Live: '), 3000, 'local');
      await new Promise((r) => setTimeout(r, 100));
      const before = latestRevision();
      // Bo saves with the form (no JavaScript), based on the revision before Anna's live edit.
      const form = new Client(server.url);
      loginAs(form, db, bo.id);
      const lines = before.text.split('\n');
      lines[lines.length - 1] = 'Bo ändrade sista raden i formuläret.';
      const res = await form.post(`/_actions/clusters.saveSection`, {
        ideaId: String(ideaId),
        sectionKey: 'problemformulering',
        baseRevisionId: String(before.id),
        text: lines.join('\n'),
        intent: 'spara',
      });
      await res.body?.cancel();
      await waitFor(() => a.text.toString().includes('Bo ändrade sista raden i formuläret.'), 5000, 'form save reaching the live document');
      expect(a.text.toString().startsWith('Live: ')).toBe(true);
      expect(latestRevision().text).toContain('Live: ');
      expect(latestRevision().text).toContain('Bo ändrade sista raden i formuläret.');

      const res2 = await form.post(`/_actions/clusters.restoreRevision`, {
        ideaId: String(ideaId),
        sectionKey: 'problemformulering',
        revisionId: String(getFirstRevisionId()),
      });
      await res2.body?.cancel();
      await waitFor(() => a.text.toString() === START, 5000, 'restore reaching the live document');
    } finally {
      a.destroy();
    }
  });
});

function getFirstRevisionId(): number {
  const section = getSection(db, ideaId, 'problemformulering')!;
  return db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.sectionId, section.id)).all()[0]!.id;
}

describe('membership', () => {
  it('disconnects a removed member at once, and their later edits never arrive', async () => {
    const c = liveClient(server.url, room(), sessionFor(db, cecilia.id));
    const a = liveClient(server.url, room(), sessionFor(db, anna.id));
    try {
      await Promise.all([c.synced, a.synced]);
      db.delete(clusterMemberships).where(eq(clusterMemberships.id, membershipCecilia)).run();
      c.text.insert(0, 'Efter borttagningen. ');
      await waitFor(() => c.closes.some((e) => e.code === 4403), 5000, 'close 4403');
      await new Promise((r) => setTimeout(r, 500));
      expect(a.text.toString()).not.toContain('Efter borttagningen.');
      expect(await upgradeStatus(server.url, path(), { origin: server.url, cookie: `session=${sessionFor(db, cecilia.id)}` })).toBe(403);
    } finally {
      c.destroy();
      a.destroy();
    }
  });
});

describe('idea channel', () => {
  const channel = (user: TestUser, section: string | null = null) =>
    channelClient(server.url, `/samskrivning/${ideaId}${section ? `?avsnitt=${section}` : ''}`, sessionFor(db, user.id));
  const same = (a: string[] | undefined, b: string[]) => JSON.stringify(a) === JSON.stringify(b);
  const comments = (c: ChannelClient) => c.messages.filter((m) => m.type === 'comment');

  it('pushes who is in the idea and in which section the moment someone arrives, moves or leaves', async () => {
    db.delete(ideaPresence).run(); // earlier form saves left presence rows
    const a = channel(anna);
    await a.opened;
    await waitFor(() => same(a.presence(), ['Anna Andersson@']), 3000, 'own presence');
    const b = channel(bo, 'budget');
    await waitFor(() => same(a.presence(), ['Anna Andersson@', 'Bo Berg@budget']), 3000, 'Bo arrives in Budget');
    // Writing in a section (its document socket) is where one is too: every open connection counts.
    const w = liveClient(server.url, room(), sessionFor(db, bo.id));
    await w.synced;
    await waitFor(() => same(a.presence(), ['Anna Andersson@', 'Bo Berg@budget', 'Bo Berg@problemformulering']), 3000, 'Bo writes in Problemformulering too');
    w.destroy();
    await waitFor(() => same(a.presence(), ['Anna Andersson@', 'Bo Berg@budget']), 3000, 'Bo only in Budget again');
    b.close();
    await waitFor(() => same(a.presence(), ['Anna Andersson@']), 3000, 'Bo leaves at once, not after the presence window');
    // A page without a socket reports through the närvaro endpoint, and that is pushed too.
    const page = new Client(server.url);
    loginAs(page, db, doris.id);
    const res = await page.post(`${ideaPath}/narvaro`, { section: 'syfte-och-mal' });
    expect(res.status).toBe(200);
    await res.body?.cancel();
    await waitFor(() => same(a.presence(), ['Anna Andersson@', 'Doris Dahl@syfte-och-mal']), 3000, 'heartbeat pushed');
    const pushes = a.messages.filter((m) => m.type === 'presence').length;
    a.close();
    expect(pushes).toBeGreaterThanOrEqual(6);
  });

  it('tells everyone with the section open about a new comment or reply, and no one else; the thread fragment is the page’s own, escaped', async () => {
    const inSection = channel(anna, 'problemformulering');
    const otherSection = channel(anna, 'budget');
    const ideaPage = channel(bo);
    await Promise.all([inSection.opened, otherSection.opened, ideaPage.opened]);
    const bos = new Client(server.url);
    loginAs(bos, db, bo.id);
    const body = '<script>alert(1)</script> & <b>fet</b> – se @Anna';
    const res = await bos.post('/_actions/clusters.addComment', { ideaId: String(ideaId), sectionKey: 'problemformulering', body });
    await res.body?.cancel();
    await waitFor(() => comments(inSection).length === 1, 3000, 'comment pushed');
    const first = db.select().from(ideaComments).where(eq(ideaComments.body, body)).get()!;
    expect(comments(inSection)[0]).toEqual({ type: 'comment', sectionKey: 'problemformulering', threadId: first.id, commentId: first.id });
    const annas = new Client(server.url);
    loginAs(annas, db, anna.id);
    const reply = await annas.post('/_actions/clusters.addComment', { ideaId: String(ideaId), sectionKey: 'problemformulering', body: 'Ett svar.', parentId: String(first.id) });
    await reply.body?.cancel();
    await waitFor(() => comments(inSection).length === 2, 3000, 'reply pushed');
    const second = db.select().from(ideaComments).where(eq(ideaComments.body, 'Ett svar.')).get()!;
    expect(comments(inSection)[1]).toEqual({ type: 'comment', sectionKey: 'problemformulering', threadId: first.id, commentId: second.id });
    await new Promise((r) => setTimeout(r, 300));
    expect(comments(otherSection)).toEqual([]);
    expect(comments(ideaPage)).toEqual([]);
    for (const c of [inSection, otherSection, ideaPage]) c.close();

    // The fragment is exactly the thread as the section page renders it: escaped, with the reply and the viewer's forms.
    const fragment = await annas.get(`${ideaPath}/avsnitt/problemformulering/kommentarer/${first.id}`);
    expect(fragment.status).toBe(200);
    expect(fragment.headers.get('cache-control')).toContain('no-store');
    const html = (await fragment.text()).trim();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;');
    expect(html).toContain(`data-comment-id="${second.id}"`);
    expect(html).not.toMatch(/<html|<body|<!DOCTYPE/i);
    const pageHtml = await (await annas.get(`${ideaPath}/avsnitt/problemformulering`)).text();
    expect(pageHtml).toContain(html);
    // A reply's id is not a thread, and other groups get nothing.
    expect((await annas.get(`${ideaPath}/avsnitt/problemformulering/kommentarer/${second.id}`)).status).toBe(404);
    expect((await annas.get(`${ideaPath}/avsnitt/budget/kommentarer/${first.id}`)).status).toBe(404);
    const outsiders = new Client(server.url);
    loginAs(outsiders, db, outsider.id);
    expect((await outsiders.get(`${ideaPath}/avsnitt/problemformulering/kommentarer/${first.id}`)).status).toBe(403);
  });

  it('refuses outsiders, anonymous sockets, foreign origins and unknown sections; takes no messages; cuts off a removed member', async () => {
    const base = `/samskrivning/${ideaId}`;
    expect(await upgradeStatus(server.url, base, { origin: server.url })).toBe(401);
    expect(await upgradeStatus(server.url, base, { origin: server.url, cookie: `session=${sessionFor(db, outsider.id)}` })).toBe(403);
    expect(await upgradeStatus(server.url, base, { origin: 'http://angripare.example', cookie: `session=${sessionFor(db, anna.id)}` })).toBe(403);
    expect(await upgradeStatus(server.url, `${base}?avsnitt=finns-inte`, { origin: server.url, cookie: `session=${sessionFor(db, anna.id)}` })).toBe(404);
    expect(await upgradeStatus(server.url, `/samskrivning/${ideaId + 1000}`, { origin: server.url, cookie: `session=${sessionFor(db, anna.id)}` })).toBe(404);

    const talker = channel(anna);
    await talker.opened;
    talker.ws.send('{"type":"comment"}');
    await waitFor(() => talker.closes.some((c) => c.code === 1007), 3000, 'close 1007');

    const d = channel(doris, 'budget');
    const a = channel(anna);
    await Promise.all([d.opened, a.opened]);
    await waitFor(() => a.presence()?.includes('Doris Dahl@budget') ?? false, 3000, 'Doris present');
    db.delete(clusterMemberships).where(eq(clusterMemberships.id, membershipDoris)).run();
    await waitFor(() => d.closes.some((c) => c.code === 4403), 5000, 'close 4403');
    await waitFor(() => !(a.presence()?.some((p) => p.startsWith('Doris')) ?? true), 3000, 'Doris gone from the list');
    a.close();
  });
});
