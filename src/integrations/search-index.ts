import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { hunspellLexicon, type Lexicon } from '#lib/search/compounds.ts';
import { searchVersions } from '#lib/search/index-text.ts';

// Builds the Pagefind index right after `astro build` has written the static pages (so the build script
// needs no separate `pagefind` step). Each page is indexed with its search-only text (synonyms and the
// parts of Swedish compound words, see src/lib/search/index-text.ts); the served page is written back
// without it.

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

async function swedishLexicon(): Promise<Lexicon> {
  // The Hunspell dictionary takes a few seconds and ~100 MB to load, so only when a page needs it.
  const [{ default: dictionary }, { default: nspell }] = await Promise.all([import('dictionary-sv'), import('nspell')]);
  const spell = nspell(dictionary);
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return hunspellLexicon(decode(dictionary.dic), decode(dictionary.aff), (w) => spell.correct(w));
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = await htmlFiles(root);
        const pages = await Promise.all(files.map(async (file) => ({ file, html: await readFile(file, 'utf8') })));
        let lexicon: Lexicon | undefined;
        if (pages.some((p) => p.html.includes('data-search-terms'))) lexicon = await swedishLexicon();

        const pagefind = await import('pagefind');
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
        // As the Pagefind CLI does: once any page marks its indexable part, pages without one are left out.
        const marked = pages.some((p) => p.html.includes('data-pagefind-body'));
        let indexed = 0;
        for (const { file, html } of pages) {
          if (marked && !html.includes('data-pagefind-body')) continue;
          const versions = searchVersions(html, () => lexicon!);
          if (versions.served !== html) await writeFile(file, versions.served);
          const added = await index.addHTMLFile({ sourcePath: relative(root, file), content: versions.indexed });
          if (added.errors.length > 0) throw new Error(`Pagefind, ${file}: ${added.errors.join('; ')}`);
          if (added.file.uniqueWords > 0) indexed++;
        }
        const written = await index.writeFiles({ outputPath: join(root, 'pagefind') });
        if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`Pagefind index: ${indexed} pages`);
      },
    },
  };
}
