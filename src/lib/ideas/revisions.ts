// Versioned section saves. Every save names the revision it was based on; the check against the
// latest revision and the write happen in one synchronous transaction, so parallel saves are
// serialised and none can overwrite another unnoticed.
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import { ideaRevisionContributors, ideaSectionRevisions, ideaSections, ideas, users, type IdeaSection, type RevisionKind } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { DomainError } from '#lib/errors.ts';
import { combineRegions, mergeRegions, normaliseText, threeWayMerge, type ConflictChoice, type MergeRegion } from './merge.ts';
import { historyDiff, type DiffLine } from './word-diff.ts';
import { transaction } from '#lib/tx.ts';

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
      /** The revision the writer started from, and the merge as regions for the conflict view. */
      baseRevisionId: number;
      regions: MergeRegion[];
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
  return transaction(db, () => {
    const section = db.select().from(ideaSections).where(eq(ideaSections.id, input.sectionId)).get();
    if (!section) throw new DomainError('NOT_FOUND', 'Avsnittet finns inte.');
    const latestId = section.currentRevisionId ?? 0;
    const baseText = input.baseRevisionId > latestId ? null : revisionText(db, section.id, input.baseRevisionId);
    if (baseText === null) throw new DomainError('BAD_REQUEST', 'Versionen du utgick från finns inte. Ladda om sidan och försök igen.');

    if (input.baseRevisionId === latestId) {
      if (mine === baseText) return { outcome: 'unchanged', revisionId: latestId };
      const id = insertRevision(db, section, { text: mine, authorId: input.authorId, baseRevisionId: input.baseRevisionId, kind: input.resolving ? 'resolve' : 'edit' }, now);
      return { outcome: 'applied', revisionId: id };
    }

    const latestText = revisionText(db, section.id, latestId)!;
    const merged = threeWayMerge(baseText, latestText, mine);
    const authors = authorsBetween(db, section.id, input.baseRevisionId, latestId);
    if (!merged.clean) {
      return {
        outcome: 'conflict',
        mine,
        latestRevisionId: latestId,
        latestText,
        latestAuthors: authors,
        markedText: merged.markedText,
        baseRevisionId: input.baseRevisionId,
        regions: mergeRegions(baseText, latestText, mine),
      };
    }
    if (merged.text === latestText) return { outcome: 'unchanged', revisionId: latestId };
    const id = insertRevision(db, section, { text: merged.text, authorId: input.authorId, baseRevisionId: input.baseRevisionId, kind: 'merge' }, now);
    return { outcome: 'merged', revisionId: id, mergedWith: authors };
  });
}

/**
 * Saves the outcome of the conflict view: the writer picked a version per conflicting paragraph.
 * The regions are computed again from the stored revisions and the writer's posted text, and the
 * result is saved on top of the revision the writer compared with (a newer save is merged or
 * reported like any other).
 */
export function saveChosenVersions(
  db: Db,
  input: { sectionId: number; authorId: number; baseRevisionId: number; latestRevisionId: number; mine: string; choices: (ConflictChoice | undefined)[]; now?: Date },
): SaveResult {
  const base = revisionText(db, input.sectionId, input.baseRevisionId);
  const latest = input.latestRevisionId > 0 ? revisionText(db, input.sectionId, input.latestRevisionId) : null;
  if (base === null || latest === null) throw new DomainError('BAD_REQUEST', 'Versionerna du jämförde finns inte. Ladda om sidan och försök igen.');
  const text = combineRegions(mergeRegions(base, latest, normaliseText(input.mine)), input.choices);
  return saveSection(db, { sectionId: input.sectionId, authorId: input.authorId, baseRevisionId: input.latestRevisionId, text, resolving: true, now: input.now });
}

/** Restoring never rewrites history: the old text becomes a new revision on top. */
export function restoreRevision(db: Db, input: { sectionId: number; revisionId: number; authorId: number; now?: Date }): number {
  const now = input.now ?? new Date();
  return transaction(db, () => {
    const section = db.select().from(ideaSections).where(eq(ideaSections.id, input.sectionId)).get();
    if (!section) throw new DomainError('NOT_FOUND', 'Avsnittet finns inte.');
    const text = revisionText(db, section.id, input.revisionId);
    if (text === null || input.revisionId === 0) throw new DomainError('NOT_FOUND', 'Versionen finns inte.');
    const latest = section.currentRevisionId ?? 0;
    if (latest === input.revisionId) throw new DomainError('BAD_REQUEST', 'Det är redan den senaste versionen.');
    return insertRevision(db, section, { text, authorId: input.authorId, baseRevisionId: latest, kind: 'restore', restoredFromId: input.revisionId }, now);
  });
}

export interface HistoryEntry {
  id: number;
  authorName: string;
  createdAt: Date;
  kind: RevisionKind;
  restoredFromId: number | null;
  /** Everyone who wrote a revision made by live co-writing, by name (empty for form saves and restores). */
  contributors: string[];
  text: string;
  diff: DiffLine[];
  isLatest: boolean;
}

/** Contributor names per revision of one section (live co-writing records them), sorted by name. */
function contributorsBySection(db: Db, sectionId: number): Map<number, string[]> {
  const rows = db
    .select({ revisionId: ideaRevisionContributors.revisionId, name: users.name })
    .from(ideaRevisionContributors)
    .innerJoin(ideaSectionRevisions, eq(ideaRevisionContributors.revisionId, ideaSectionRevisions.id))
    .innerJoin(users, eq(ideaRevisionContributors.userId, users.id))
    .where(eq(ideaSectionRevisions.sectionId, sectionId))
    .all();
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.revisionId, [...(map.get(r.revisionId) ?? []), r.name]);
  for (const names of map.values()) names.sort((a, b) => a.localeCompare(b, 'sv'));
  return map;
}

/** Newest first: author (or "borttagen användare"), time and a word-marked line diff against the previous revision. */
export function sectionHistory(db: Db, sectionId: number): HistoryEntry[] {
  const rows = db
    .select({ rev: ideaSectionRevisions, authorName: users.name })
    .from(ideaSectionRevisions)
    .leftJoin(users, eq(ideaSectionRevisions.authorId, users.id))
    .where(eq(ideaSectionRevisions.sectionId, sectionId))
    .orderBy(desc(ideaSectionRevisions.id))
    .all();
  const byId = new Map(rows.map((r) => [r.rev.id, r.rev.text]));
  const contributors = contributorsBySection(db, sectionId);
  return rows.map((r, i) => ({
    id: r.rev.id,
    authorName: r.rev.authorId === null ? DELETED_USER : (r.authorName ?? DELETED_USER),
    createdAt: r.rev.createdAt,
    kind: r.rev.kind,
    restoredFromId: r.rev.restoredFromId,
    contributors: contributors.get(r.rev.id) ?? [],
    text: r.rev.text,
    diff: historyDiff(r.rev.previousRevisionId ? (byId.get(r.rev.previousRevisionId) ?? '') : '', r.rev.text),
    isLatest: i === 0,
  }));
}

/** Names of those who wrote the revisions a merge combined (for "Din ändring slogs ihop med …"). */
export function mergedWithFor(db: Db, revisionId: number): string[] {
  const rev = db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.id, revisionId)).get();
  if (!rev || rev.kind !== 'merge' || rev.previousRevisionId === null) return [];
  return authorsBetween(db, rev.sectionId, rev.baseRevisionId, rev.previousRevisionId);
}
