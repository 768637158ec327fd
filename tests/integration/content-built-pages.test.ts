// The built site, checked against the content: internal links resolve, guide pages list their sources,
// stay at 0 JS and within 14.5 KB gzip first view, and /ordlista lists every term (issues 3 and 14).
// Moved from the unit tests because they read `dist/` (npm run build first).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR } from '../helpers/server.ts';

function read(dir: string, ext: string) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => {
      const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(dir, f), 'utf8'))!;
      return { id: f.replace(ext, ''), data: parse(front!) as Record<string, unknown>, body: body! };
    });
}

const guides = read('content/guides', '.mdx');
const projects = read('content/projects', '.md');
const glossary = parse(readFileSync('content/ordlista.yaml', 'utf8')) as Array<{ id: string }>;

describe('links in content', () => {
  const built = (path: string) => {
    const clean = path.split('#')[0]!.replace(/\/$/, '');
    return existsSync(join(BUILD_DIR, 'client', clean, 'index.html')) || existsSync(join(BUILD_DIR, 'client', `${clean}.html`));
  };

  it('every internal link in guides and projects resolves to a built page', () => {
    expect(existsSync(join(BUILD_DIR, 'client', 'index.html')) || existsSync(join(BUILD_DIR, 'client', 'guider', 'index.html'))).toBe(true);
    const broken: string[] = [];
    for (const entry of [...guides, ...projects]) {
      for (const [, href] of entry.body.matchAll(/\]\((\/[^)\s]*)\)/g)) {
        if (!built(href!)) broken.push(`${entry.id} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every guide has a built page that lists its sources', () => {
    for (const guide of guides) {
      const html = readFileSync(join(BUILD_DIR, 'client', 'guider', guide.id, 'index.html'), 'utf8');
      expect(html).toContain('id="sources-heading"');
      for (const source of guide.data.sources as Array<{ url: string }>) expect(html).toContain(`href="${source.url.replace(/&/g, '&amp;')}"`);
    }
  });
});

describe('built guide pages', () => {
  const built = (path: string) => join(BUILD_DIR, 'client', path);

  it('stay at 0 JavaScript files and at most 14.5 KB gzip first view (HTML + CSS)', () => {
    expect(existsSync(built('guider/mentorskap/index.html'))).toBe(true);
    for (const g of guides) {
      const html = readFileSync(built(`guider/${g.id}/index.html`), 'utf8');
      expect(html, g.id).not.toMatch(/<script[^>]+src=/);
      let bytes = gzipSync(html).length;
      for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) bytes += gzipSync(readFileSync(built(href!.slice(1)))).length;
      expect(bytes, g.id).toBeLessThanOrEqual(14.5 * 1024);
    }
  });

  it('serve no search-only text: synonyms and compound parts are only in the index', () => {
    for (const g of guides) expect(readFileSync(built(`guider/${g.id}/index.html`), 'utf8'), g.id).not.toContain('data-search-terms');
    expect(existsSync(built('pagefind/pagefind.js'))).toBe(true);
  });

  it('renders /ordlista with every term and links to the guides that use it', () => {
    const html = readFileSync(built('ordlista/index.html'), 'utf8');
    for (const t of glossary) expect(html, t.id).toContain(`id="${t.id}"`);
    expect(html).toContain('href="/guider/samverkan-en-vag-in"');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
