// What the idea page derives from section texts, kept per revision: a saved revision's text never changes
// (a save writes a new revision; ids are AUTOINCREMENT, never reused), so the revision id is a complete key,
// the page reads no text while the cache holds it, and no write path has to invalidate anything. The
// caches are per database connection (tests open several in one process; a restore needs a stopped server)
// and bounded (lru-cache, least recently used out).
import { LRUCache } from 'lru-cache';
import type { Db } from '#lib/db.ts';
import { renderMarkdown } from '#lib/text/markdown.ts';
import { checkReadiness, type CriterionCheck } from './readiness.ts';

export interface RenderedRevision {
  /** Nothing but white space. */
  empty: boolean;
  /** Safe HTML of the Markdown ('' when empty). */
  html: string;
}

interface Caches {
  rendered: LRUCache<number, RenderedRevision>;
  readiness: LRUCache<string, CriterionCheck[]>;
}

const byConnection = new WeakMap<object, Caches>();

function caches(db: Db): Caches {
  let c = byConnection.get(db.$client);
  if (!c) {
    c = {
      // ~2,000 revisions (150 ideas of 13 sections in use at once), at most 4 M characters of HTML.
      rendered: new LRUCache({ max: 2000, maxSize: 4_000_000, sizeCalculation: (r) => Math.max(1, r.html.length) }),
      // Keyed by every section's revision and the number of organisations (all checkReadiness() reads);
      // six small criteria each, so a count bound is enough.
      readiness: new LRUCache({ max: 500 }),
    };
    byConnection.set(db.$client, c);
  }
  return c;
}

export function renderRevision(text: string): RenderedRevision {
  return text.trim() ? { empty: false, html: renderMarkdown(text) } : { empty: true, html: '' };
}

/** The rendered revision `revisionId` (0: the never-saved section), reading its text only when not cached. */
export function renderedRevision(db: Db, revisionId: number, text: () => string): RenderedRevision {
  if (revisionId <= 0) return { empty: true, html: '' };
  const cache = caches(db).rendered;
  let r = cache.get(revisionId);
  if (r === undefined) cache.set(revisionId, (r = renderRevision(text())));
  return r;
}

/**
 * checkReadiness() for sections at the given revisions, computed once per revision set: `texts` (section
 * key → saved text) is called only when it is not cached.
 */
export function readinessFor(
  db: Db,
  sections: ReadonlyArray<{ key: string; revisionId: number }>,
  organisationCount: number,
  texts: () => Record<string, string>,
): CriterionCheck[] {
  const cache = caches(db).readiness;
  const key = `${sections.map((s) => `${s.key}:${s.revisionId}`).join(',')}|${organisationCount}`;
  let checks = cache.get(key);
  if (checks === undefined) cache.set(key, (checks = checkReadiness(texts(), organisationCount)));
  return checks;
}
