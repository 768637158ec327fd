// The live document of a section without a server: seeding from the latest revision, persistence
// and compaction, revisions with every contributor, and merging saves made outside it.
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { IncomingMessage } from 'node:http';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '#lib/db.ts';
import { ideaSectionRevisions, ideaSectionUpdates, ideas } from '#db/schema/index.ts';
import { createTestUser } from '../helpers/users.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, restoreRevision, saveSection, sectionHistory } from '#lib/ideas/revisions.ts';
import { loadIdeaDocument } from '#lib/ideas/document.ts';
import { ideaToMarkdown } from '#lib/ideas/export-markdown.ts';
import { nameList } from '#lib/text/name-list.ts';
import { LiveSection, type Peer } from '#lib/collab/live-section.ts';
import { revisionContributors } from '#lib/collab/store.ts';
import { replaceText } from '#lib/collab/text-change.ts';
import { originAllowed } from '#lib/collab/sync-server.ts';
import { mayStillEdit } from '#lib/collab/recheck.ts';
import { createSession, generateSessionToken, sessionIdFromToken } from '#lib/auth/session.ts';
import { setIdeaStatus } from '#lib/ideas/ideas.ts';
import { clusterMemberships } from '#db/schema/index.ts';

let db: Db;
let anna: { id: number; name: string };
let bo: { id: number; name: string };
let sectionId: number;
let ideaId: number;
let groupId: number;
const START = 'Inledning\n\nMitten\n\nSlut';

const peer = (user: { id: number; name: string }, sent: Uint8Array[] = []): Peer => ({ userId: user.id, name: user.name, send: (m) => sent.push(m), awarenessIds: new Set() });
const open = () => new LiveSection(db, sectionId, ideaId, groupId);
const revisions = () => db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.sectionId, sectionId)).all();
const storedRows = () => db.select().from(ideaSectionUpdates).where(eq(ideaSectionUpdates.sectionId, sectionId)).all();

beforeEach(() => {
  db = openDb(':memory:');
  anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  const group = createGroup(db, { name: 'Live', problemArea: 'Etablering', description: 'Test', joinMode: 'open', leadEmails: ['anna@exempel.se'], createdById: anna.id });
  groupId = group.id;
  ideaId = createIdea(db, { groupId: group.id, title: 'Idé', targetCall: '', createdById: anna.id }).id;
  sectionId = getSection(db, ideaId, 'problemformulering')!.id;
  saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: START });
});

describe('replaceText', () => {
  it('changes only the differing middle, so text around it keeps its identity', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abc def ghi');
    const before = Y.createRelativePositionFromTypeIndex(text, 9); // inside "ghi"
    const deltas: unknown[] = [];
    text.observe((e) => deltas.push(e.delta));
    doc.transact(() => replaceText(text, 'abc DEF! ghi'));
    expect(text.toString()).toBe('abc DEF! ghi');
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toContainEqual({ retain: 4 });
    expect(deltas[0]).toContainEqual({ insert: 'DEF!' });
    expect(deltas[0]).toContainEqual({ delete: 3 });
    expect(Y.createAbsolutePositionFromRelativePosition(before, doc)!.index).toBe(10);
    replaceText(text, 'abc DEF! ghi');
    expect(deltas).toHaveLength(1);
  });
});

describe('LiveSection', () => {
  it('starts from the latest revision and stores every change, so a reload gives the same text', () => {
    const live = open();
    expect(live.text.toString()).toBe(START);
    const p = peer(anna);
    live.peers.add(p);
    live.doc.transact(() => live.text.insert(0, 'Ny rad. '), p);
    expect(storedRows().length).toBeGreaterThanOrEqual(1);
    const again = open();
    expect(again.text.toString()).toBe('Ny rad. ' + START);
    // Loading compacts what it found into one snapshot.
    expect(storedRows()).toHaveLength(1);
    expect(storedRows()[0]!.snapshot).toBe(true);
  });

  it('passes each change to every connection after storing it', () => {
    const live = open();
    const sentToBo: Uint8Array[] = [];
    const a = peer(anna);
    live.peers.add(a);
    live.peers.add(peer(bo, sentToBo));
    const rowsBefore = storedRows().length;
    live.doc.transact(() => live.text.insert(0, 'x'), a);
    expect(storedRows().length).toBe(rowsBefore + 1);
    expect(sentToBo).toHaveLength(1);
    expect(sentToBo[0]![0]).toBe(0); // a sync message
  });

  it('writes one revision with every writer when writing pauses, and none when nothing changed', () => {
    const live = open();
    const a = peer(anna);
    const b = peer(bo);
    live.peers.add(a);
    live.peers.add(b);
    live.doc.transact(() => live.text.insert(0, 'Anna. '), a);
    live.doc.transact(() => live.text.insert(live.text.length, ' Bo.'), b);
    const id = live.writeRevision()!;
    expect(revisions().at(-1)!.text).toBe('Anna. ' + START + ' Bo.');
    expect(revisions().at(-1)!.authorId).toBe(bo.id);
    expect(revisionContributors(db, id)).toEqual(['Anna Lind', 'Bo Ek']);
    expect(live.writeRevision()).toBeNull();
    expect(revisions()).toHaveLength(2);
  });

  it('shows every contributor of a live revision in the history; form saves and restores name only their author, and export has the live text', () => {
    const cecilia = createTestUser(db, { name: 'Åsa Öberg', email: 'asa@exempel.se' });
    const live = open();
    const [a, b, c] = [peer(anna), peer(bo), peer(cecilia)];
    for (const p of [a, b, c]) live.peers.add(p);
    live.doc.transact(() => live.text.insert(0, 'Bo. '), b);
    live.doc.transact(() => live.text.insert(0, 'Åsa. '), c);
    live.doc.transact(() => live.text.insert(live.text.length, ' Anna.'), a);
    const liveId = live.writeRevision()!;
    // The next live revision starts a new list: only who wrote since.
    live.doc.transact(() => live.text.insert(0, 'Igen. '), b);
    const secondId = live.writeRevision()!;
    const formId = (saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: secondId, text: 'Formulärtext.' }) as { revisionId: number }).revisionId;
    const restoredId = restoreRevision(db, { sectionId, revisionId: liveId, authorId: bo.id });
    const history = new Map(sectionHistory(db, sectionId).map((h) => [h.id, h]));
    expect(history.get(liveId)!.contributors).toEqual(['Anna Lind', 'Bo Ek', 'Åsa Öberg']);
    expect(history.get(secondId)!.contributors).toEqual(['Bo Ek']);
    expect(history.get(formId)!.contributors).toEqual([]);
    expect(history.get(restoredId)).toMatchObject({ contributors: [], kind: 'restore', restoredFromId: liveId, authorName: 'Bo Ek', isLatest: true });
    expect(history.get(restoredId)!.text).toBe('Åsa. Bo. ' + START + ' Anna.');
    expect(history.get(revisions()[0]!.id)!.contributors).toEqual([]);
    // Export reads the current revision: the restored live text.
    const idea = db.select().from(ideas).where(eq(ideas.id, ideaId)).get()!;
    expect(ideaToMarkdown(loadIdeaDocument(db, idea, 'Live'))).toContain('Åsa. Bo. ' + START + ' Anna.');
    expect(nameList(history.get(liveId)!.contributors)).toBe('Anna Lind, Bo Ek och Åsa Öberg');
  });

  it('merges a form save into the live text and keeps live edits not yet in a revision', () => {
    const live = open();
    const a = peer(anna);
    live.peers.add(a);
    live.doc.transact(() => live.text.insert(0, 'Live. '), a);
    const base = revisions().at(-1)!.id;
    const saved = saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: base, text: START.replace('Slut', 'Slutet, ändrat i formuläret') });
    expect(saved.outcome).toBe('applied');
    live.mergeRevision((saved as { revisionId: number }).revisionId);
    expect(live.text.toString()).toBe('Live. ' + START.replace('Slut', 'Slutet, ändrat i formuläret'));
    live.writeRevision();
    expect(revisions().at(-1)!.text).toBe('Live. ' + START.replace('Slut', 'Slutet, ändrat i formuläret'));
  });

  it('takes a restored revision as the live text', () => {
    const live = open();
    const a = peer(anna);
    live.peers.add(a);
    live.doc.transact(() => replaceText(live.text, 'Helt ny text.'), a);
    live.writeRevision();
    const first = revisions()[0]!.id;
    const restored = restoreRevision(db, { sectionId, revisionId: first, authorId: bo.id });
    live.mergeRevision(restored);
    expect(live.text.toString()).toBe(START);
  });

  it('merges a save made while nobody was live when the document is opened again', () => {
    const live = open();
    const a = peer(anna);
    live.peers.add(a);
    live.doc.transact(() => live.text.insert(0, 'Osparad live-text. '), a);
    live.leave(a); // the last one out writes the revision
    expect(revisions().at(-1)!.text).toBe('Osparad live-text. ' + START);
    saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: revisions().at(-1)!.id, text: 'Osparad live-text. ' + START + '\n\nTillagt utan JavaScript.' });
    const again = open();
    expect(again.text.toString()).toBe('Osparad live-text. ' + START + '\n\nTillagt utan JavaScript.');
  });
});

describe('originAllowed', () => {
  const req = (origin: string | undefined, host = 'portal.example:4321') => ({ headers: { origin, host } }) as unknown as IncomingMessage;
  it('accepts only the portal itself', () => {
    expect(originAllowed(req('http://portal.example:4321'), undefined)).toBe(true);
    expect(originAllowed(req('http://angripare.example'), undefined)).toBe(false);
    expect(originAllowed(req(undefined), undefined)).toBe(false);
    expect(originAllowed(req('inte en adress'), undefined)).toBe(false);
    expect(originAllowed(req('https://natet.example.se', '127.0.0.1:4321'), 'https://natet.example.se')).toBe(true);
  });
});

describe('mayStillEdit', () => {
  it('follows membership, the session and the idea status as can() does', () => {
    const session = (userId: number) => {
      const token = generateSessionToken();
      createSession(db, token, userId);
      return sessionIdFromToken(token);
    };
    const annaSession = session(anna.id);
    const boSession = session(bo.id);
    expect(mayStillEdit(db, annaSession, anna.id, ideaId)).toBe(true); // lead of the group
    expect(mayStillEdit(db, boSession, bo.id, ideaId)).toBe(false); // not a member
    expect(mayStillEdit(db, annaSession, bo.id, ideaId)).toBe(false); // someone else's session
    db.insert(clusterMemberships).values({ groupId, userId: bo.id, role: 'member', status: 'active' }).run();
    expect(mayStillEdit(db, boSession, bo.id, ideaId)).toBe(true);
    expect(mayStillEdit(db, boSession, bo.id, ideaId, Date.now() + 31 * 24 * 3600 * 1000)).toBe(false); // expired
    db.delete(clusterMemberships).where(eq(clusterMemberships.userId, bo.id)).run();
    expect(mayStillEdit(db, boSession, bo.id, ideaId)).toBe(false); // removed
    setIdeaStatus(db, ideaId, 'closed');
    expect(mayStillEdit(db, annaSession, anna.id, ideaId)).toBe(false); // finished ideas are read-only
  });
});
