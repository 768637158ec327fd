// Live comments' domain logic: resolving or reopening a thread is published only after its write has
// committed (never for a rolled-back one), and the idea channel tells only the readers of that section.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '#lib/db.ts';
import { ideaWorld } from './ideas-fixtures.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { addComment, listThreads, setThreadResolved, type ThreadResolution } from '#lib/ideas/comments.ts';
import { transaction } from '#lib/tx.ts';
import { IdeaChannels, type Listener } from '#lib/collab/idea-channel.ts';

let db: Db;
let anna: { id: number };
let bo: { id: number };
let ideaId: number;
let sectionId: number;

beforeEach(() => {
  const world = ideaWorld();
  ({ db, anna, bo } = world);
  ideaId = world.idea.id;
  sectionId = getSection(db, ideaId, 'budget')!.id;
});

const sectionKey = () => db.$client.prepare('SELECT key FROM idea_sections WHERE id = ?').pluck().get(sectionId) as string;
const resolvedOnDisk = (id: number) => listThreads(db, sectionId).find((t) => t.id === id)!.resolvedAt !== null;

describe('setThreadResolved', () => {
  it('publishes a resolve and a reopen once each, after the write has committed', () => {
    const thread = addComment(db, { sectionId, authorId: bo.id, body: 'Stämmer siffran?' });
    const seen: Array<ThreadResolution & { inTransaction: boolean; onDisk: boolean }> = [];
    const publish = (change: ThreadResolution) => seen.push({ ...change, inTransaction: db.$client.inTransaction, onDisk: resolvedOnDisk(thread.id) });

    expect(setThreadResolved(db, { commentId: thread.id, userId: anna.id, resolved: true }, publish)).toEqual({ ideaId, sectionKey: sectionKey(), threadId: thread.id, resolved: true });
    expect(seen).toEqual([{ ideaId, sectionKey: sectionKey(), threadId: thread.id, resolved: true, inTransaction: false, onDisk: true }]);

    // Already resolved: nothing changed, nobody is told.
    expect(setThreadResolved(db, { commentId: thread.id, userId: anna.id, resolved: true }, publish)).toBeNull();
    expect(seen).toHaveLength(1);

    setThreadResolved(db, { commentId: thread.id, userId: anna.id, resolved: false }, publish);
    expect(seen.at(-1)).toMatchObject({ resolved: false, inTransaction: false, onDisk: false });
    expect(seen).toHaveLength(2);
  });

  it('names the thread of a reply', () => {
    const thread = addComment(db, { sectionId, authorId: bo.id, body: 'Första' });
    const reply = addComment(db, { sectionId, authorId: anna.id, body: 'Svar', parentId: thread.id });
    const publish = vi.fn();
    setThreadResolved(db, { commentId: reply.id, userId: anna.id, resolved: true }, publish);
    expect(publish).toHaveBeenCalledWith(expect.objectContaining({ threadId: thread.id }));
  });

  it('publishes nothing when the write fails and is rolled back', () => {
    const thread = addComment(db, { sectionId, authorId: bo.id, body: 'Stämmer siffran?' });
    db.$client.exec(`CREATE TRIGGER refuse_resolve BEFORE UPDATE OF resolvedAt ON idea_comments BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const publish = vi.fn();
    expect(() => setThreadResolved(db, { commentId: thread.id, userId: anna.id, resolved: true }, publish)).toThrow(/refused/);
    expect(publish).not.toHaveBeenCalled();
    expect(resolvedOnDisk(thread.id)).toBe(false);
  });

  it('refuses to run inside an outer transaction, whose commit it could not wait for', () => {
    const thread = addComment(db, { sectionId, authorId: bo.id, body: 'Stämmer siffran?' });
    const publish = vi.fn();
    expect(() => transaction(db, () => setThreadResolved(db, { commentId: thread.id, userId: anna.id, resolved: true }, publish))).toThrow(/outside a transaction/);
    expect(publish).not.toHaveBeenCalled();
    expect(resolvedOnDisk(thread.id)).toBe(false);
  });

  it('refuses an unknown comment without publishing', () => {
    const publish = vi.fn();
    expect(() => setThreadResolved(db, { commentId: 9999, userId: anna.id, resolved: true }, publish)).toThrow('Kommentaren finns inte.');
    expect(publish).not.toHaveBeenCalled();
  });
});

describe('IdeaChannels.threadResolved', () => {
  const listener = (userId: number, ideaId: number, sectionKey: string | null) => {
    const sent: string[] = [];
    const l = { ws: { readyState: 1, send: (t: string) => sent.push(t) }, sessionId: 's', userId, ideaId, groupId: 1, sectionKey, checkedAt: 0 } as unknown as Listener;
    return { l, sent };
  };

  it('tells the readers of that section of that idea only, with who did it', () => {
    const channels = new IdeaChannels(() => db);
    const here = listener(1, 7, 'budget');
    const otherSection = listener(2, 7, 'malgrupp');
    const ideaPage = listener(3, 7, null);
    const otherIdea = listener(4, 8, 'budget');
    for (const x of [here, otherSection, ideaPage, otherIdea]) channels.add(x.l);
    channels.threadResolved(7, 'budget', 42, true, 'Anna <Lind>');
    expect(here.sent.map((t) => JSON.parse(t))).toEqual([{ type: 'thread', sectionKey: 'budget', threadId: 42, resolved: true, by: 'Anna <Lind>' }]);
    expect([otherSection.sent, ideaPage.sent, otherIdea.sent]).toEqual([[], [], []]);
  });
});
