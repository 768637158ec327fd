// One section's live document on the server: the Yjs document and awareness shared by everyone
// writing in it, persisted update by update, and turned into a revision when writing pauses or the
// last writer leaves. Text saved outside it (the form, a restore) is merged in and reaches everyone.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { eq } from 'drizzle-orm';
import { ideaSections } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { insertRevision, revisionText } from '#lib/ideas/revisions.ts';
import { normaliseText, threeWayMerge } from '#lib/ideas/merge.ts';
import { appendUpdate, clearWriters, compact, loadState, recordContributors, setSyncedRevision } from './store.ts';
import { replaceText } from './text-change.ts';
import { collabSettings } from './settings.ts';
import { transaction } from '#lib/tx.ts';

export const TEXT_NAME = 'markdown';
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

/** A connected writer as the live document sees it. */
export interface Peer {
  userId: number;
  name: string;
  send(message: Uint8Array): void;
  /** Awareness client ids this connection speaks for (removed when it leaves). */
  awarenessIds: Set<number>;
}

const LOAD = Symbol('load');
const EXTERNAL = Symbol('external');

function isPeer(origin: unknown): origin is Peer {
  return typeof origin === 'object' && origin !== null && 'awarenessIds' in origin;
}

export class LiveSection {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText(TEXT_NAME);
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  private syncedRevisionId: number | null = null;
  private readonly writers = new Set<number>();
  private lastWriter: number | null = null;
  private sinceCompaction = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private readonly db: Db;
  readonly sectionId: number;
  readonly ideaId: number;
  readonly groupId: number;

  constructor(db: Db, sectionId: number, ideaId: number, groupId: number) {
    this.db = db;
    this.sectionId = sectionId;
    this.ideaId = ideaId;
    this.groupId = groupId;
    this.awareness.setLocalState(null);
    const state = loadState(db, sectionId);
    for (const update of state.updates) Y.applyUpdate(this.doc, update, LOAD);
    for (const id of state.writers) this.writers.add(id);
    this.lastWriter = state.writers.at(-1) ?? null;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.onAwareness(change, origin));

    const current = this.currentRevisionId();
    if (state.updates.length === 0) {
      // First time live: the document starts as the latest revision (this insert is its first stored update).
      this.doc.transact(() => this.text.insert(0, revisionText(db, sectionId, current) ?? ''), EXTERNAL);
      this.setSynced(current);
    } else {
      this.syncedRevisionId = state.syncedRevisionId;
      if (this.syncedRevisionId !== current) this.mergeRevision(current);
      if (state.updates.length > 1) this.compactNow();
    }
  }

  private currentRevisionId(): number {
    const row = this.db.select({ id: ideaSections.currentRevisionId }).from(ideaSections).where(eq(ideaSections.id, this.sectionId)).get();
    return row?.id ?? 0;
  }

  private setSynced(revisionId: number): void {
    this.syncedRevisionId = revisionId;
    setSyncedRevision(this.db, this.sectionId, revisionId);
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD) return;
    const writer = isPeer(origin) ? origin.userId : null;
    // Stored before anyone hears of it: an update the server passed on is on disk.
    appendUpdate(this.db, this.sectionId, update, writer);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    if (writer !== null) {
      this.writers.add(writer);
      this.lastWriter = writer;
      this.scheduleRevision();
    }
    if (++this.sinceCompaction >= collabSettings.compactEvery) this.compactNow();
  }

  private onAwareness({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    if (isPeer(origin)) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
      // A writer is shown under their own account's name, whatever the browser claims.
      for (const id of [...added, ...updated]) {
        const state = this.awareness.getStates().get(id) as { user?: { name?: string } } | undefined;
        if (state?.user && state.user.name !== origin.name) state.user.name = origin.name;
      }
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) peer.send(message);
  }

  private scheduleRevision(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      try {
        this.writeRevision();
      } catch (error) {
        console.error('live co-writing: could not write the revision', error);
      }
    }, collabSettings.idleMs);
    this.idleTimer.unref?.();
  }

  private compactNow(): void {
    compact(this.db, this.sectionId, Y.encodeStateAsUpdate(this.doc));
    this.sinceCompaction = 0;
  }

  /**
   * Merges a revision saved outside the live document into it: three-way against the revision the
   * document last matched, so live text not yet in a revision is kept. Overlaps keep both versions
   * between conflict markers rather than dropping either.
   */
  mergeRevision(targetRevisionId: number): void {
    const base = (this.syncedRevisionId === null ? '' : revisionText(this.db, this.sectionId, this.syncedRevisionId)) ?? '';
    const theirs = revisionText(this.db, this.sectionId, targetRevisionId) ?? '';
    const ours = this.text.toString();
    let next = theirs;
    if (ours !== base && ours !== theirs) {
      const merged = threeWayMerge(base, theirs, ours);
      next = merged.clean ? merged.text : merged.markedText;
    }
    this.doc.transact(() => replaceText(this.text, next), EXTERNAL);
    this.setSynced(targetRevisionId);
  }

  /** Writes the live text as a new revision (with every writer since the last one) if it changed. */
  writeRevision(now = new Date()): number | null {
    clearTimeout(this.idleTimer);
    if (this.closed) return null;
    const result = transaction(this.db, () => {
      const section = this.db.select().from(ideaSections).where(eq(ideaSections.id, this.sectionId)).get();
      if (!section) return null;
      const current = section.currentRevisionId ?? 0;
      if (this.syncedRevisionId !== current) this.mergeRevision(current);
      const text = normaliseText(this.text.toString());
      const writers = [...this.writers];
      if (writers.length === 0 || text === (revisionText(this.db, this.sectionId, current) ?? '')) {
        clearWriters(this.db, this.sectionId);
        return null;
      }
      const authorId = this.lastWriter !== null && this.writers.has(this.lastWriter) ? this.lastWriter : writers[0]!;
      const id = insertRevision(this.db, section, { text, authorId, baseRevisionId: current, kind: 'edit' }, now);
      recordContributors(this.db, this.sectionId, id, writers);
      setSyncedRevision(this.db, this.sectionId, id);
      this.syncedRevisionId = id;
      return id;
    });
    this.writers.clear();
    this.compactNow();
    return result;
  }

  /** Removes a connection; the last one out writes the revision. Returns true when nobody is left. */
  leave(peer: Peer): boolean {
    this.peers.delete(peer);
    if (peer.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
    if (this.peers.size > 0) return false;
    this.close();
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.writeRevision();
    this.closed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }
}
