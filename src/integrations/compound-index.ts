import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { compoundParts } from '../lib/search/compounds.ts';

// After `astro build` has written the static pages (and before Pagefind indexes them), fill each page's
// empty compound-parts element with the parts of the long words on that page. Pages opt in by rendering
// <p hidden data-compound-parts data-pagefind-weight="…"></p> inside their data-pagefind-body element.

const PLACEHOLDER = /<p([^>]*\sdata-compound-parts[^>]*)><\/p>/;

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/** The visible text of the indexed part of a page, up to the placeholder. */
function indexedText(html: string, end: number): string {
  const start = html.indexOf('data-pagefind-body');
  return html
    .slice(start < 0 ? 0 : start, end)
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

export default function compoundIndex(): AstroIntegration {
  return {
    name: 'compound-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages: Array<{ file: string; html: string; match: RegExpExecArray }> = [];
        for (const file of await htmlFiles(root)) {
          const html = await readFile(file, 'utf8');
          const match = PLACEHOLDER.exec(html);
          if (match) pages.push({ file, html, match });
        }
        if (pages.length === 0) return;
        // Loaded only here: the Swedish Hunspell dictionary takes a few seconds and ~100 MB to load.
        const [{ default: dictionary }, { default: nspell }] = await Promise.all([import('dictionary-sv'), import('nspell')]);
        const spell = nspell(dictionary);
        const cache = new Map<string, boolean>();
        const isWord = (w: string) => cache.get(w) ?? (cache.set(w, spell.correct(w)), cache.get(w)!);
        for (const { file, html, match } of pages) {
          const parts = compoundParts(indexedText(html, match.index), isWord);
          const filled = `<p${match[1]}>${parts.join(' ')}</p>`;
          await writeFile(file, html.slice(0, match.index) + filled + html.slice(match.index + match[0].length));
        }
        logger.info(`compound parts indexed on ${pages.length} pages`);
      },
    },
  };
}
