// The idea channel: a WebSocket a member's idea page or section page keeps open on
// `GET /samskrivning/<ideaId>` (`?avsnitt=<key>` on a section page). The server only pushes over it, as
// JSON text messages:
//   { type: 'presence', present: [{ userId, name, sectionKey }] }   who is in the idea, and in which section
//   { type: 'comment', sectionKey, threadId, commentId }              a comment was posted in that section
//   { type: 'thread', sectionKey, threadId, resolved, by }            a thread was resolved or opened again (by: who)
// Comment messages carry ids: the page fetches the thread from the server, which renders and authorises
// it as the page itself does (never markup taken from the socket); `by` is only announced, as plain text.
// Clients send nothing. A page whose channel was down catches up by fetching the section's threads when
// it opens again (CommentThreads.astro).
import { WebSocket } from 'ws';
import type { Db } from '#lib/db.ts';
import { activePresence, type PresenceEntry } from '#lib/ideas/presence.ts';

export interface Listener {
  ws: WebSocket;
  sessionId: string;
  userId: number;
  ideaId: number;
  groupId: number;
  /** The section page the listener has open, or null on the idea page. */
  sectionKey: string | null;
  checkedAt: number;
}

export type ChannelMessage =
  | { type: 'presence'; present: PresenceEntry[] }
  | { type: 'comment'; sectionKey: string; threadId: number; commentId: number }
  | { type: 'thread'; sectionKey: string; threadId: number; resolved: boolean; by: string };

/**
 * The places (section keys; null for the idea page) where a member has the idea open, one per open
 * connection: two tabs in two sections are two places. Empty: they have left.
 */
export function placesOf(open: Iterable<{ ideaId: number; userId: number; sectionKey: string | null }>, ideaId: number, userId: number): Set<string | null> {
  const places = new Set<string | null>();
  for (const c of open) if (c.ideaId === ideaId && c.userId === userId) places.add(c.sectionKey);
  return places;
}

function send(l: Listener, text: string): void {
  if (l.ws.readyState === WebSocket.OPEN) l.ws.send(text);
}

export class IdeaChannels {
  private readonly byIdea = new Map<number, Set<Listener>>();
  /** The presence message last sent per idea: a list that did not change is not sent again. */
  private readonly lastPresence = new Map<number, string>();
  private readonly getDb: () => Db;

  constructor(getDb: () => Db) {
    this.getDb = getDb;
  }

  add(l: Listener): void {
    let set = this.byIdea.get(l.ideaId);
    if (!set) this.byIdea.set(l.ideaId, (set = new Set()));
    set.add(l);
  }

  /** Returns false when the listener was already gone. */
  remove(l: Listener): boolean {
    const set = this.byIdea.get(l.ideaId);
    if (!set?.delete(l)) return false;
    if (set.size === 0) {
      this.byIdea.delete(l.ideaId);
      this.lastPresence.delete(l.ideaId);
    }
    return true;
  }

  all(): Listener[] {
    return [...this.byIdea.values()].flatMap((set) => [...set]);
  }

  ideas(): number[] {
    return [...this.byIdea.keys()];
  }

  count(): number {
    let n = 0;
    for (const set of this.byIdea.values()) n += set.size;
    return n;
  }

  /** Sends the idea's presence list to its listeners if it changed (or to one new listener, always). */
  publishPresence(ideaId: number, to?: Listener): void {
    const set = this.byIdea.get(ideaId);
    if (!set || set.size === 0) return;
    const text = JSON.stringify({ type: 'presence', present: activePresence(this.getDb(), ideaId) } satisfies ChannelMessage);
    if (to) send(to, text);
    if (this.lastPresence.get(ideaId) === text) return;
    this.lastPresence.set(ideaId, text);
    for (const l of set) if (l !== to) send(l, text);
  }

  /** Tells everyone who has the section open that a comment was posted in it. */
  commentPosted(ideaId: number, sectionKey: string, threadId: number, commentId: number): void {
    const text = JSON.stringify({ type: 'comment', sectionKey, threadId, commentId } satisfies ChannelMessage);
    this.toSection(ideaId, sectionKey, text);
  }

  /** Tells everyone who has the section open that a thread was resolved (or opened again), and by whom. */
  threadResolved(ideaId: number, sectionKey: string, threadId: number, resolved: boolean, by: string): void {
    this.toSection(ideaId, sectionKey, JSON.stringify({ type: 'thread', sectionKey, threadId, resolved, by } satisfies ChannelMessage));
  }

  private toSection(ideaId: number, sectionKey: string, text: string): void {
    for (const l of this.byIdea.get(ideaId) ?? []) if (l.sectionKey === sectionKey) send(l, text);
  }
}
