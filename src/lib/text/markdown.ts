import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'del'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

// Parsing and sanitising was the largest cost of an idea page (12 sections on every view); the same
// texts are shown again and again, so results are remembered by source text (bounded, oldest out).
const rendered = new Map<string, string>();
const MAX_CACHED = 300;

/** Renders user-written Markdown to HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  let html = rendered.get(source);
  if (html === undefined) {
    html = sanitizeHtml(marked.parse(source, { async: false, gfm: true }) as string, ALLOWED);
    if (rendered.size >= MAX_CACHED) rendered.delete(rendered.keys().next().value!);
    rendered.set(source, html);
  }
  return html;
}
