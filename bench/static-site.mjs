// Static-side benchmark: builds the site with N synthetic guides added to the real content and
// reports build time, page count, first-view bytes of a guide page and the Pagefind index size.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateContent } from './generate-content.mjs';
import { removeBuild } from '../scripts/build/releases.mjs';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function sizes(buffers) {
  const raw = buffers.reduce((n, b) => n + b.length, 0);
  const gzip = buffers.reduce((n, b) => n + gzipSync(b).length, 0);
  return { raw, gzip };
}

/** Bytes a first view of `page` loads: the HTML plus the stylesheets and scripts it references. */
function firstView(clientDir, page) {
  const html = readFileSync(join(clientDir, page, 'index.html'));
  const text = html.toString();
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => readFileSync(join(clientDir, m[1])));
  const js = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => readFileSync(join(clientDir, m[1])));
  const inlineJs = [...text.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => Buffer.from(m[1]));
  const h = sizes([html]);
  const c = sizes(css);
  const j = sizes([...js, ...inlineJs]);
  return { page: `/${page}`, html: h, css: c, js: j, jsFiles: js.length, total: { raw: h.raw + c.raw + j.raw, gzip: h.gzip + c.gzip + j.gzip } };
}

export function benchStaticSite(count = 200) {
  const contentDir = join(tmpdir(), `skbn-bench-content-${process.pid}`);
  const buildDir = join('.builds', 'bench-static');
  rmSync(contentDir, { recursive: true, force: true });
  removeBuild(buildDir);
  generateContent(contentDir, count);
  const started = performance.now();
  execSync('npm run build', { stdio: 'ignore', env: { ...process.env, CONTENT_DIR: contentDir, BUILD_DIR: buildDir } });
  const buildSeconds = (performance.now() - started) / 1000;
  const clientDir = join(buildDir, 'client');
  const files = walk(clientDir);
  const pages = files.filter((f) => f.endsWith('.html') && !f.includes('/pagefind/')).length;
  const pagefindBytes = files.filter((f) => f.includes('/pagefind/')).reduce((n, f) => n + statSync(f).size, 0);
  const result = {
    guides: count + readdirSync('content/guides').length,
    buildSeconds: Number(buildSeconds.toFixed(1)),
    pages,
    guidePage: firstView(clientDir, 'guider/supported-employment'),
    syntheticGuidePage: firstView(clientDir, 'guider/syntetisk-guide-100'),
    pagefindIndexBytes: pagefindBytes,
  };
  rmSync(contentDir, { recursive: true, force: true });
  removeBuild(buildDir);
  return result;
}

export function printStaticSite(r) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Static site: ${r.guides} guides, ${r.pages} pages, build ${r.buildSeconds} s, Pagefind index ${kb(r.pagefindIndexBytes)}`);
  for (const p of [r.guidePage, r.syntheticGuidePage]) {
    console.log(
      `  ${p.page}: HTML ${kb(p.html.raw)} (${kb(p.html.gzip)} gzip), CSS ${kb(p.css.raw)} (${kb(p.css.gzip)} gzip), ` +
        `JS ${kb(p.js.raw)} (${kb(p.js.gzip)} gzip, ${p.jsFiles} files); first view ${kb(p.total.gzip)} gzip`,
    );
  }
}
