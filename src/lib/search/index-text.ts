import { compoundPartCounts, type Lexicon } from './compounds.ts';

// A page can carry search-only text: <div hidden data-search-terms>synonyms</div> inside its
// data-pagefind-body element. The served page drops that element; the copy Pagefind indexes gets the
// synonyms (weighted up) and the parts of the page's compound words (weighted down, so a page with the
// whole word still ranks first). Readers never download either.

const EXTRA = /<div hidden data-search-terms[^>]*>([^<]*)<\/div>/;
/** A part is repeated as often as it occurs (up to this), so term frequency still ranks pages. */
const MAX_REPEAT = 10;

function visibleText(html: string, end: number): string {
  const start = html.indexOf('data-pagefind-body');
  return html
    .slice(start < 0 ? 0 : start, end)
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

export interface SearchVersions {
  /** The HTML to serve: without the search-only element. */
  served: string;
  /** The HTML to index: with synonyms and compound parts. */
  indexed: string;
}

export function searchVersions(html: string, lexicon: () => Lexicon): SearchVersions {
  const match = EXTRA.exec(html);
  if (!match) return { served: html, indexed: html };
  const before = html.slice(0, match.index);
  const after = html.slice(match.index + match[0].length);
  const parts: string[] = [];
  for (const [part, count] of compoundPartCounts(visibleText(html, match.index), lexicon())) {
    for (let i = 0; i < Math.min(count, MAX_REPEAT); i++) parts.push(part);
  }
  const extra = `<div data-pagefind-weight="3">${match[1]}</div><div data-pagefind-weight="0.3">${parts.join(' ')}</div>`;
  return { served: before + after, indexed: before + extra + after };
}
