import { slugify } from '#lib/text/slugify.ts';
import { AUDIENCES, METHODS } from './taxonomy.ts';

const WORDS_PER_MINUTE = 200;

/** Reading time in whole minutes (at least 1) for a Markdown body. */
export function readingMinutes(body: string): number {
  const words = body
    .replace(/^---[\s\S]*?---/, '')
    .replace(/[#>*_`|[\]()-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export interface Facet {
  label: string;
  slug: string;
}

export const methodFacets: Facet[] = METHODS.map((label) => ({ label, slug: slugify(label) }));
export const audienceFacets: Facet[] = AUDIENCES.map((label) => ({ label, slug: slugify(label) }));

interface Orderable {
  id: string;
  data: { order: number; title: string };
}

/** Guides in reading order: by `order`, then title. */
export function sortGuides<T extends Orderable>(guides: T[]): T[] {
  return [...guides].sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'sv'));
}

/** The guides before and after `id` in reading order. */
export function neighbours<T extends Orderable>(guides: T[], id: string): { previous?: T; next?: T } {
  const sorted = sortGuides(guides);
  const index = sorted.findIndex((g) => g.id === id);
  return { previous: sorted[index - 1], next: sorted[index + 1] };
}
