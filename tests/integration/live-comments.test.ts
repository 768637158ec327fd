// Live comments over the real idea channel: resolving and reopening a thread is pushed to the members
// who have that section open (never to another section, the idea page, an outsider, or for a write that
// was refused), and a page whose channel was down catches up through the section's thread list fragment.
// Presence counts every connection: a member with two sections open is in both.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { channelClient, sessionFor, upgradeStatus, waitFor, type ChannelClient } from '../helpers/collab.ts';
import { Client } from '../helpers/http.ts';
import type { Db } from '#lib/db.ts';
import { clusterMemberships, ideaComments } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { addComment } from '#lib/ideas/comments.ts';

let server: RunningServer;
let db: Db;
type TestUser = ReturnType<typeof createTestUser>;
let anna: TestUser;
let bo: TestUser;
let cecilia: TestUser;
let outsider: TestUser;
let ideaId = 0;
let ideaPath = '';
const KEY = 'problemformulering';

useServer((ctx) => ({ server, db } = ctx));
beforeAll(() => {
  anna = createTestUser(db, { name: 'Anna Andersson' });
  bo = createTestUser(db, { name: 'Bo <b>Berg</b>' });
  cecilia = createTestUser(db, { name: 'Cecilia Carlsson' });
  outsider = createTestUser(db, { name: 'Olle Utanför' });
  const group = createGroup(db, { name: 'Kommentatorerna', problemArea: 'Kommentarer', description: 'Grupp som kommenterar tillsammans.', joinMode: 'request', leadEmails: [anna.email], createdById: anna.id });
  for (const u of [bo, cecilia]) db.insert(clusterMemberships).values({ groupId: group.id, userId: u.id, role: 'member', status: 'active' }).run();
  createGroup(db, { name: 'Grannarna', problemArea: 'Annat', description: 'En annan klustergrupp.', joinMode: 'closed', leadEmails: [outsider.email], createdById: outsider.id });
  const idea = createIdea(db, { groupId: group.id, title: 'Kommenterad idé', targetCall: '', createdById: anna.id });
  ideaId = idea.id;
  ideaPath = `/klustergrupper/${group.slug}/ideer/${idea.id}`;
});

const sectionId = () => getSection(db, ideaId, KEY)!.id;
const channel = (user: TestUser, section: string | null = null) => channelClient(server.url, `/samskrivning/${ideaId}${section ? `?avsnitt=${section}` : ''}`, sessionFor(db, user.id));
const threadPushes = (c: ChannelClient) => c.messages.filter((m) => m.type === 'thread');
const commentPushes = (c: ChannelClient) => c.messages.filter((m) => m.type === 'comment');
const client = (user: TestUser) => {
  const c = new Client(server.url);
  loginAs(c, db, user.id);
  return c;
};
async function resolve(as: Client, commentId: number, resolved: 'ja' | 'nej'): Promise<number> {
  const res = await as.post('/_actions/clusters.resolveComment', { ideaId: String(ideaId), commentId: String(commentId), resolved });
  await res.body?.cancel();
  return res.status;
}
const isResolved = (id: number) => db.select().from(ideaComments).where(eq(ideaComments.id, id)).get()!.resolvedAt !== null;

describe('resolving and reopening pushed live', () => {
  it('tells the members with the section open who resolved or reopened which thread, and no one else', async () => {
    const thread = addComment(db, { sectionId: sectionId(), authorId: bo.id, body: 'Behöver vi fler källor?' });
    expect(await upgradeStatus(server.url, `/samskrivning/${ideaId}?avsnitt=${KEY}`, { origin: server.url, cookie: `session=${sessionFor(db, outsider.id)}` })).toBe(403);
    const inSection = channel(anna, KEY);
    const otherSection = channel(cecilia, 'budget');
    const ideaPage = channel(cecilia);
    await Promise.all([inSection.opened, otherSection.opened, ideaPage.opened]);
    const bos = client(bo);

    expect(await resolve(bos, thread.id, 'ja')).toBe(200);
    await waitFor(() => threadPushes(inSection).length === 1, 3000, 'resolve pushed');
    // The name travels as data (the page announces it as text); the thread itself is fetched and rendered by the server.
    expect(threadPushes(inSection)[0]).toEqual({ type: 'thread', sectionKey: KEY, threadId: thread.id, resolved: true, by: 'Bo <b>Berg</b>' });

    // Refused writes push nothing: a member who neither wrote it nor leads the group, and an outsider.
    expect(await resolve(client(cecilia), thread.id, 'nej')).toBe(403);
    expect(await resolve(client(outsider), thread.id, 'nej')).toBe(403);
    // Resolving what is already resolved changes nothing and tells no one.
    expect(await resolve(bos, thread.id, 'ja')).toBe(200);
    expect(isResolved(thread.id)).toBe(true);

    expect(await resolve(client(anna), thread.id, 'nej')).toBe(200);
    await waitFor(() => threadPushes(inSection).length === 2, 3000, 'reopen pushed');
    expect(threadPushes(inSection)[1]).toEqual({ type: 'thread', sectionKey: KEY, threadId: thread.id, resolved: false, by: 'Anna Andersson' });
    await new Promise((r) => setTimeout(r, 300));
    expect(threadPushes(inSection)).toHaveLength(2);
    expect(threadPushes(otherSection)).toEqual([]);
    expect(threadPushes(ideaPage)).toEqual([]);
    for (const c of [inSection, otherSection, ideaPage]) c.close();
  });
});

describe('catching up after the channel was down', () => {
  it('misses the pushes while closed, and the thread list fragment then holds everything as the page renders it', async () => {
    const sid = sectionId();
    const early = addComment(db, { sectionId: sid, authorId: bo.id, body: 'En tidig fråga.' });
    const annas = client(anna);
    const bos = client(bo);
    const before = channel(anna, KEY);
    await before.opened;
    before.close();
    await waitFor(() => before.closes.length > 0, 3000, 'channel closed');

    // While Anna's page has no channel: a new comment with markup in it, and the early thread resolved.
    const body = '<script>alert(1)</script> & <i>kursivt</i>?';
    const posted = await bos.post('/_actions/clusters.addComment', { ideaId: String(ideaId), sectionKey: KEY, body });
    await posted.body?.cancel();
    expect(await resolve(bos, early.id, 'ja')).toBe(200);
    const missed = db.select().from(ideaComments).where(eq(ideaComments.body, body)).get()!;

    const after = channel(anna, KEY);
    await after.opened;
    await new Promise((r) => setTimeout(r, 300));
    expect([...commentPushes(after), ...threadPushes(after)], 'nothing is replayed over the socket').toEqual([]);

    const res = await annas.get(`${ideaPath}/avsnitt/${KEY}/kommentarer`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = (await res.text()).trim();
    expect(html).not.toMatch(/<html|<body|<!DOCTYPE/i);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;i&gt;kursivt&lt;/i&gt;?');
    expect(html).toMatch(new RegExp(`<li class="thread" data-thread="${missed.id}"`));
    expect(html).toMatch(new RegExp(`<li class="thread resolved" data-thread="${early.id}"`));
    expect(html).toContain('löst av Bo &lt;b&gt;Berg&lt;/b&gt;');
    // Each thread exactly as the section page renders it (the page is what a reload would show).
    const page = await (await annas.get(`${ideaPath}/avsnitt/${KEY}`)).text();
    const threads = html.match(/<li class="thread[^"]*" data-thread="\d+"[\s\S]*?<\/article>\s*<\/li>/g) ?? [];
    expect(threads.length).toBe(db.select().from(ideaComments).all().filter((c) => c.parentId === null).length);
    for (const t of threads) expect(page).toContain(t);
    after.close();
  });

  it('lets only the idea group’s members read the list, and only of a section that exists', async () => {
    expect((await client(outsider).get(`${ideaPath}/avsnitt/${KEY}/kommentarer`)).status).toBe(403);
    expect((await client(anna).get(`${ideaPath}/avsnitt/finns-inte/kommentarer`)).status).toBe(404);
    const anonymous = await new Client(server.url).get(`${ideaPath}/avsnitt/${KEY}/kommentarer`);
    expect([302, 303, 401]).toContain(anonymous.status);
  });
});

describe('presence per connection', () => {
  const same = (a: string[] | undefined, b: string[]) => JSON.stringify(a) === JSON.stringify(b);

  it('lists a member with two sections open (two tabs) in both, and drops only the one closed', async () => {
    const watcher = channel(anna);
    await watcher.opened;
    const tab1 = channel(bo, 'budget');
    const tab2 = channel(bo, 'malgrupp');
    await Promise.all([tab1.opened, tab2.opened]);
    await waitFor(() => same(watcher.presence(), ['Anna Andersson@', 'Bo <b>Berg</b>@budget', 'Bo <b>Berg</b>@malgrupp']), 3000, 'Bo in both sections');
    // Pages without a socket read the same list.
    const listed = (await (await client(cecilia).get(`${ideaPath}/narvaro`)).json()) as { present: Array<{ name: string; sectionKey: string | null }> };
    expect(listed.present.filter((p) => p.name.startsWith('Bo')).map((p) => p.sectionKey)).toEqual(['malgrupp', 'budget']);
    // The idea page lists him once, with both sections (escaped).
    const ideaHtml = await (await client(cecilia).get(ideaPath)).text();
    expect(ideaHtml).toContain(`<li data-user="${bo.id}"`);
    expect(ideaHtml.split(`data-user="${bo.id}"`)).toHaveLength(2);
    expect(ideaHtml).toMatch(/Bo &lt;b&gt;Berg&lt;\/b&gt; – redigerar Målgrupp och Budget<\/li>/);
    tab2.close();
    await waitFor(() => same(watcher.presence(), ['Anna Andersson@', 'Bo <b>Berg</b>@budget']), 3000, 'Bo left Målgrupp only');
    tab1.close();
    await waitFor(() => same(watcher.presence(), ['Anna Andersson@']), 3000, 'Bo gone');
    watcher.close();
  });
});
