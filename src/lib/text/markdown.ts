// User-written Markdown to safe HTML. Bounded (markdown-limits.ts), never throws, and never renders
// the same text twice (results are kept by the text's SHA-256, least recently used out, bounded by count
// and by the characters held).
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './escape.ts';
import { markdownProblemKind } from './markdown-limits.ts';

const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'del'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

const rendered = new LRUCache<string, string>({ max: 500, maxSize: 4_000_000, sizeCalculation: (html) => Math.max(1, html.length) });

/** Plain paragraphs, escaped: for text marked must not see (beyond the limits, or it failed on it). */
export function plainTextHtml(source: string): string {
  return source
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** Emphasis characters as literals: the text keeps its structure but marked has nothing to pair up. */
function withoutEmphasis(source: string): string {
  return source.replace(/[*_~]/g, (c) => `\\${c}`);
}

function renderUncached(source: string): string {
  const kind = markdownProblemKind(source);
  if (kind === 'length' || kind === 'depth') return plainTextHtml(source);
  const input = kind === 'delimiters' ? withoutEmphasis(source) : source;
  try {
    return sanitizeHtml(marked.parse(input, { async: false, gfm: true }) as string, ALLOWED);
  } catch (error) {
    // One bad text must not break the page around it: show it as plain text instead.
    console.warn(JSON.stringify({ level: 'warn', msg: 'markdown render failed; shown as plain text', error: String(error).slice(0, 200) }));
    return plainTextHtml(source);
  }
}

/** Renders user-written Markdown to HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  const key = createHash('sha256').update(source).digest('base64');
  let html = rendered.get(key);
  if (html === undefined) rendered.set(key, (html = renderUncached(source)));
  return html;
}
