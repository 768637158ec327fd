import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import solid from '@astrojs/solid-js';
import searchIndex from './src/integrations/search-index.ts';
import { skipEmptyCspDigests } from './src/integrations/skip-empty-csp-digests.ts';
import { benchRoutes } from './bench/routes/integration.mjs';
import { createHash } from 'node:crypto';
import { generateHydrationScript } from 'solid-js/web';

// BUILD_DIR lets parallel builds (benchmark, tests) use their own output folder.
const buildDir = process.env.BUILD_DIR ?? 'dist';
// Behind a reverse proxy the public address comes from SITE_URL (at build time): Astro then trusts the
// proxy's X-Forwarded-Proto/Host for that host only, so the CSRF origin check and client IPs are right.
const publicUrl = process.env.SITE_URL ? new URL(process.env.SITE_URL) : null;

// Solid inlines a small hydration bootstrap (window._$HY…) before its first island. The hashed CSP blocks
// inline scripts, so its hash is computed here from the installed solid-js (never copied by hand): it
// follows Solid updates by itself.
const solidHydrationScript = /<script[^>]*>([\s\S]*?)<\/script>/.exec(generateHydrationScript())?.[1];
if (!solidHydrationScript) throw new Error('solid-js/web generateHydrationScript() returned no <script>');
const solidHydrationHash = `sha256-${createHash('sha256').update(solidHydrationScript).digest('base64')}`;

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  outDir: buildDir,
  trailingSlash: 'ignore',
  // 'middleware': the build exports only Astro's request handler, and scripts/serve.mjs is the server (static
  // files from memory, headers, compression, logs). In 'standalone' mode the handler would first look for a
  // static file on disk for every request (an lstat and a stat on the thread pool), which serve.mjs has
  // already answered: ~7 % of each on-demand request's CPU in a profile.
  adapter: node({ mode: 'middleware' }),
  // searchIndex() writes the Pagefind index after the build (synonyms and Swedish compound parts included).
  // benchRoutes() adds /_bench/floor and /_bench/memory only to the benchmark's build (BENCH_ROUTES=1, set by
  // bench/server.mjs), never to a normal build.
  integrations: [mdx(), solid(), searchIndex(), benchRoutes(process.env.BENCH_ROUTES === '1')].filter(Boolean),
  security: {
    checkOrigin: true,
    allowedDomains: publicUrl ? [{ hostname: publicUrl.hostname, protocol: publicUrl.protocol.replace(':', '') }] : [],
    // Astro hashes the scripts and styles it emits; static pages get a <meta> CSP, on-demand pages a header.
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "form-action 'self'", "base-uri 'self'", "object-src 'none'"],
      scriptDirective: {
        // Pagefind runs its search in WebAssembly.
        resources: ["'self'", "'wasm-unsafe-eval'"],
        hashes: [solidHydrationHash],
      },
    },
  },
  session: false,
  vite: {
    // Per-request CSP digests of empty <style>/<script> text skipped (the reason is in that file).
    plugins: [skipEmptyCspDigests()],
    ssr: {
      // Native addons (and sharp, which loads one) stay in node_modules; every other dependency is bundled
      // into the server build. Node then loads ~160 chunks instead of ~800 files from node_modules, each with
      // its own module record and package.json lookups (drizzle-orm alone cost ~140 MB at start that way), and
      // unused exports are dropped: RSS after start ~10 MB lower, the start ~0.15 s faster (README Prestanda).
      external: ['better-sqlite3', '@node-rs/argon2', 'sharp'],
      noExternal: true,
    },
    environments: {
      ssr: {
        build: {
          rolldownOptions: {
            output: {
              // V8 keeps the source text of every loaded module in the heap: minified, the server's heap after
              // the bench is ~4 MB smaller. Function and class names are kept (logged stack traces still
              // name them, and libraries that read `.name` see the real one); the .map files beside the chunks
              // map a trace back to the sources (`node --enable-source-maps`).
              minify: { compress: { keepNames: { function: true, class: true } }, mangle: { keepNames: true } },
              sourcemap: true,
            },
          },
        },
      },
    },
    build: {
      // Scripts stay files, never inline: every inline script's hash would otherwise be listed in the CSP
      // of every page (Astro's static CSP is site-wide), and guide pages carry that list in their first view.
      assetsInlineLimit: 0,
      rollupOptions: {
        // MDX modules carry Astro's "use astro:head-inject" directive; rolldown warns about it for every file.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
