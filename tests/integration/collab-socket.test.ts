// Live co-writing over the WebSocket (issue 13): who may open a section's socket, two writers
// converging, the revision written when writing pauses (with both contributors), a removed member
// cut off, and saves made outside the live document (form, restore) reaching it.
import { describe, expect, it, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { liveClient, sessionFor, upgradeStatus, waitFor } from '../helpers/collab.ts';
import { Client } from '../helpers/http.ts';
import { loginAs } from '../helpers/users.ts';
import type { Db } from '#lib/db.ts';
import { clusterMemberships, ideaSectionRevisions } from '#db/schema/index.ts';
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
const START = 'Första raden.\n\nAndra raden.\n\nTredje raden.';

useServer((ctx) => ({ server, db } = ctx), { env: { COLLAB_IDLE_MS: '700' } });
beforeAll(() => {
  anna = createTestUser(db, { name: 'Anna Andersson' });
  bo = createTestUser(db, { name: 'Bo Berg' });
  cecilia = createTestUser(db, { name: 'Cecilia Carlsson' });
  outsider = createTestUser(db, { name: 'Olle Utanför' });
  const group = createGroup(db, { name: 'Samskrivarna', problemArea: 'Samskrivning', description: 'Grupp som skriver tillsammans i realtid.', joinMode: 'request', leadEmails: [anna.email], createdById: anna.id });
  db.insert(clusterMemberships).values({ groupId: group.id, userId: bo.id, role: 'member', status: 'active' }).run();
  membershipCecilia = db.insert(clusterMemberships).values({ groupId: group.id, userId: cecilia.id, role: 'member', status: 'active' }).returning().get().id;
  createGroup(db, { name: 'Andra gruppen', problemArea: 'Annat', description: 'En annan grupp med egna idéer.', joinMode: 'closed', leadEmails: [outsider.email], createdById: outsider.id });
  const idea = createIdea(db, { groupId: group.id, title: 'Live-idén', targetCall: '', createdById: anna.id });
  ideaId = idea.id;
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
