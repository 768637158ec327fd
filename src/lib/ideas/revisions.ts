// Versioned section saves. Every save names the revision it was based on; the check against the
// latest revision and the write happen in one synchronous transaction, so parallel saves are
// serialised and none can overwrite another unnoticed.
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import { diffLines } from 'diff';
import { ideaSectionRevisions, ideaSections, ideas, users, type IdeaSection, type RevisionKind } from '../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { ClusterError } from '../clusters/errors.ts';
import { normaliseText, threeWayMerge } from './merge.ts';

export const DELETED_USER = 'borttagen användare';

export type SaveResult =
  /** Based on the latest revision: stored as is. */
  | { outcome: 'applied'; revisionId: number }
  /** Based on an older revision, other changes touched other lines: merged and stored. */
  | { outcome: 'merged'; revisionId: number; mergedWith: string[] }
  /** Nothing new compared with the latest revision. */
  | { outcome: 'unchanged'; revisionId: number }
  /** Overlapping changes: nothing stored; the writer's text comes back with the latest version. */
  | {
      outcome: 'conflict';
      mine: string;
      latestRevisionId: number;
      latestText: string;
      latestAuthors: string[];
      markedText: string;
    };

export function getSection(db: Db, ideaId: number, key: string): IdeaSection | undefined {
  return db
    .select()
    .from(ideaSections)
    .where(and(eq(ideaSections.ideaId, ideaId), eq(ideaSections.key, key)))
    .get();
}

export function revisionText(db: Db, sectionId: number, revisionId: number): string | null {
  if (revisionId === 0) return '';
  const row = db
    .select({ text: ideaSectionRevisions.text })
    .from(ideaSectionRevisions)
    .where(and(eq(ideaSectionRevisions.id, revisionId), eq(ideaSectionRevisions.sectionId, sectionId)))
    .get();
  return row ? row.text : null;
}

/** Names of the writers of the revisions after `baseId` up to and including `latestId`. */
function authorsBetween(db: Db, sectionId: number, baseId: number, latestId: number): string[] {
  const rows = db
    .select({ name: users.name, authorId: ideaSectionRevisions.authorId })
    .from(ideaSectionRevisions)
    .leftJoin(users, eq(ideaSectionRevisions.authorId, users.id))
    .where(and(eq(ideaSectionRevisions.sectionId, sectionId), gt(ideaSectionRevisions.id, baseId), lte(ideaSectionRevisions.id, latestId)))
    .orderBy(asc(ideaSectionRevisions.id))
    .all();
  return [...new Set(rows.map((r) => r.name ?? DELETED_USER))];
}

export function insertRevision(
  db: Db,
  section: IdeaSection,
  values: { text: string; authorId: number; baseRevisionId: number; kind: RevisionKind; restoredFromId?: number },
  now: Date,
): number {
  const row = db
    .insert(ideaSectionRevisions)
    .values({ ...values, sectionId: section.id, previousRevisionId: section.currentRevisionId, createdAt: now })
    .returning({ id: ideaSectionRevisions.id })
    .get();
  db.update(ideaSections).set({ currentRevisionId: row.id, updatedAt: now }).where(eq(ideaSections.id, section.id)).run();
  db.update(ideas).set({ updatedAt: now }).where(eq(ideas.id, section.ideaId)).run();
  return row.id;
}

export interface SaveInput {
  sectionId: number;
  authorId: number;
  baseRevisionId: number;
  text: string;
  /** Set when the writer submits text from the conflict view. */
  resolving?: boolean;
  now?: Date;
}

export function saveSection(db: Db, input: SaveInput): SaveResult {
  const mine = normaliseText(input.text);
  const now = input.now ?? new Date();
  return db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      const section = t.select().from(ideaSections).where(eq(ideaSections.id, input.sectionId)).get();
      if (!section) throw new ClusterError('NOT_FOUND', 'Avsnittet finns inte.');
      const latestId = section.currentRevisionId ?? 0;
      const baseText = input.baseRevisionId > latestId ? null : revisionText(t, section.id, input.baseRevisionId);
      if (baseText === null) throw new ClusterError('BAD_REQUEST', 'Versionen du utgick från finns inte. Ladda om sidan och försök igen.');

      if (input.baseRevisionId === latestId) {
        if (mine === baseText) return { outcome: 'unchanged', revisionId: latestId };
        const id = insertRevision(t, section, { text: mine, authorId: input.authorId, baseRevisionId: input.baseRevisionId, kind: input.resolving ? 'resolve' : 'edit' }, now);
        return { outcome: 'applied', revisionId: id };
      }

      const latestText = revisionText(t, section.id, latestId)!;
      const merged = threeWayMerge(baseText, latestText, mine);
      const authors = authorsBetween(t, section.id, input.baseRevisionId, latestId);
      if (!merged.clean) {
        return { outcome: 'conflict', mine, latestRevisionId: latestId, latestText, latestAuthors: authors, markedText: merged.markedText };
      }
      if (merged.text === latestText) return { outcome: 'unchanged', revisionId: latestId };
      const id = insertRevision(t, section, { text: merged.text, authorId: input.authorId, baseRevisionId: input.baseRevisionId, kind: 'merge' }, now);
      return { outcome: 'merged', revisionId: id, mergedWith: authors };
    },
    { behavior: 'immediate' },
  );
}

/** Restoring never rewrites history: the old text becomes a new revision on top. */
export function restoreRevision(db: Db, input: { sectionId: number; revisionId: number; authorId: number; now?: Date }): number {
  const now = input.now ?? new Date();
  return db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      const section = t.select().from(ideaSections).where(eq(ideaSections.id, input.sectionId)).get();
      if (!section) throw new ClusterError('NOT_FOUND', 'Avsnittet finns inte.');
      const text = revisionText(t, section.id, input.revisionId);
      if (text === null || input.revisionId === 0) throw new ClusterError('NOT_FOUND', 'Versionen finns inte.');
      const latest = section.currentRevisionId ?? 0;
      if (latest === input.revisionId) throw new ClusterError('BAD_REQUEST', 'Det är redan den senaste versionen.');
      return insertRevision(t, section, { text, authorId: input.authorId, baseRevisionId: latest, kind: 'restore', restoredFromId: input.revisionId }, now);
    },
    { behavior: 'immediate' },
  );
}

export interface DiffPart {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

export interface HistoryEntry {
  id: number;
  authorName: string;
  createdAt: Date;
  kind: RevisionKind;
  restoredFromId: number | null;
  text: string;
  diff: DiffPart[];
  isLatest: boolean;
}

/** Line diff of one revision against the one before it. */
export function lineDiff(before: string, after: string): DiffPart[] {
  return diffLines(before, after).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** Newest first: author (or "borttagen användare"), time and a diff against the previous revision. */
export function sectionHistory(db: Db, sectionId: number): HistoryEntry[] {
  const rows = db
    .select({ rev: ideaSectionRevisions, authorName: users.name })
    .from(ideaSectionRevisions)
    .leftJoin(users, eq(ideaSectionRevisions.authorId, users.id))
    .where(eq(ideaSectionRevisions.sectionId, sectionId))
    .orderBy(desc(ideaSectionRevisions.id))
    .all();
  const byId = new Map(rows.map((r) => [r.rev.id, r.rev.text]));
  return rows.map((r, i) => ({
    id: r.rev.id,
    authorName: r.rev.authorId === null ? DELETED_USER : (r.authorName ?? DELETED_USER),
    createdAt: r.rev.createdAt,
    kind: r.rev.kind,
    restoredFromId: r.rev.restoredFromId,
    text: r.rev.text,
    diff: lineDiff(r.rev.previousRevisionId ? (byId.get(r.rev.previousRevisionId) ?? '') : '', r.rev.text),
    isLatest: i === 0,
  }));
}

/** Names of those who wrote the revisions a merge combined (for "Din ändring slogs ihop med …"). */
export function mergedWithFor(db: Db, revisionId: number): string[] {
  const rev = db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.id, revisionId)).get();
  if (!rev || rev.kind !== 'merge' || rev.previousRevisionId === null) return [];
  return authorsBetween(db, rev.sectionId, rev.baseRevisionId, rev.previousRevisionId);
}
