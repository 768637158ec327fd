// Threaded comments on a section: a thread is a first comment plus its replies (one level).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { ideaComments, ideaSections, users, type IdeaComment } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { DomainError } from '#lib/errors.ts';
import { transaction } from '#lib/tx.ts';
import { DELETED_USER } from './revisions.ts';

export function addComment(db: Db, input: { sectionId: number; authorId: number; body: string; parentId?: number | null }): IdeaComment {
  let parentId: number | null = null;
  if (input.parentId) {
    const parent = db
      .select()
      .from(ideaComments)
      .where(and(eq(ideaComments.id, input.parentId), eq(ideaComments.sectionId, input.sectionId)))
      .get();
    if (!parent) throw new DomainError('NOT_FOUND', 'Kommentaren du svarar på finns inte.');
    parentId = parent.parentId ?? parent.id;
  }
  return db
    .insert(ideaComments)
    .values({ sectionId: input.sectionId, authorId: input.authorId, body: input.body.trim(), parentId })
    .returning()
    .get();
}

/** A comment together with the idea it belongs to (for permission checks). */
export function getCommentWithIdea(db: Db, commentId: number) {
  return db
    .select({ comment: ideaComments, ideaId: ideaSections.ideaId, sectionKey: ideaSections.key })
    .from(ideaComments)
    .innerJoin(ideaSections, eq(ideaComments.sectionId, ideaSections.id))
    .where(eq(ideaComments.id, commentId))
    .get();
}

/** Resolving a thread's first comment resolves the thread. */
export function resolveComment(db: Db, commentId: number, resolvedById: number, resolved = true): void {
  db.update(ideaComments)
    .set(resolved ? { resolvedAt: new Date(), resolvedById } : { resolvedAt: null, resolvedById: null })
    .where(eq(ideaComments.id, commentId))
    .run();
}

/** A thread resolved or opened again: what the section's readers are told (src/lib/collab/idea-channel.ts). */
export interface ThreadResolution {
  ideaId: number;
  sectionKey: string;
  threadId: number;
  resolved: boolean;
}

/**
 * Resolves the comment's thread or opens it again, in its own transaction; once that has committed, and
 * only if the thread's state changed, hands the change to `publish` (the idea channel). A write that
 * fails or rolls back publishes nothing; inside an outer transaction it refuses to run, as its commit
 * would not be the one that counts. Returns the change, or null when the thread already was so.
 */
export function setThreadResolved(
  db: Db,
  input: { commentId: number; userId: number; resolved: boolean },
  publish: (change: ThreadResolution) => void,
): ThreadResolution | null {
  if (db.$client.inTransaction) throw new Error('setThreadResolved publishes after its own commit: call it outside a transaction.');
  const change = transaction(db, (): ThreadResolution | null => {
    const found = getCommentWithIdea(db, input.commentId);
    if (!found) throw new DomainError('NOT_FOUND', 'Kommentaren finns inte.');
    if ((found.comment.resolvedAt !== null) === input.resolved) return null;
    resolveComment(db, found.comment.id, input.userId, input.resolved);
    return { ideaId: found.ideaId, sectionKey: found.sectionKey, threadId: found.comment.parentId ?? found.comment.id, resolved: input.resolved };
  });
  if (change) publish(change);
  return change;
}

export interface CommentView {
  id: number;
  authorId: number | null;
  authorName: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
}

export interface Thread extends CommentView {
  replies: CommentView[];
}

export function listThreads(db: Db, sectionId: number): Thread[] {
  const rows = db
    .select({ c: ideaComments, authorName: users.name })
    .from(ideaComments)
    .leftJoin(users, eq(ideaComments.authorId, users.id))
    .where(eq(ideaComments.sectionId, sectionId))
    .orderBy(asc(ideaComments.id))
    .all();
  const resolverIds = [...new Set(rows.flatMap((r) => (r.c.resolvedById ? [r.c.resolvedById] : [])))];
  const names = new Map(
    (resolverIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, resolverIds)).all() : []).map((u) => [u.id, u.name]),
  );
  const view = (r: (typeof rows)[number]): CommentView => ({
    id: r.c.id,
    authorId: r.c.authorId,
    authorName: r.c.authorId === null ? DELETED_USER : (r.authorName ?? DELETED_USER),
    body: r.c.body,
    createdAt: r.c.createdAt,
    resolvedAt: r.c.resolvedAt,
    resolvedByName: r.c.resolvedById ? (names.get(r.c.resolvedById) ?? DELETED_USER) : null,
  });
  const threads: Thread[] = rows.filter((r) => r.c.parentId === null).map((r) => ({ ...view(r), replies: [] }));
  for (const r of rows) {
    if (r.c.parentId === null) continue;
    threads.find((t) => t.id === r.c.parentId)?.replies.push(view(r));
  }
  return threads;
}

/** Open (unresolved) thread counts per section id. */
export function openThreadCounts(db: Db, sectionIds: number[]): Map<number, number> {
  const map = new Map<number, number>();
  if (sectionIds.length === 0) return map;
  const rows = db
    .select({ sectionId: ideaComments.sectionId })
    .from(ideaComments)
    .where(and(inArray(ideaComments.sectionId, sectionIds), isNull(ideaComments.parentId), isNull(ideaComments.resolvedAt)))
    .all();
  for (const r of rows) map.set(r.sectionId, (map.get(r.sectionId) ?? 0) + 1);
  return map;
}

/** One thread of the section (its first comment's id), as listThreads shows it; undefined when it is not there. */
export function findThread(db: Db, sectionId: number, threadId: number): Thread | undefined {
  return listThreads(db, sectionId).find((t) => t.id === threadId);
}
