// `npm run build`: astro build (whose search-index integration writes the Pagefind index, see
// src/integrations/search-index.ts) + precompressed .br/.gz files, written to a fresh folder and
// then swapped in for BUILD_DIR (default `dist`) with one atomic rename, so a server running from the
// previous build keeps working until it is restarted (see scripts/build/releases.mjs).
import { execSync } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';
import { precompress } from './build/precompress.mjs';
import { freshBuildDir, pruneBuilds, removeBuild, swapIn } from './build/releases.mjs';

const target = resolve(process.env.BUILD_DIR ?? 'dist');
const dir = freshBuildDir(target);
const env = { ...process.env, BUILD_DIR: dir, PATH: `${resolve('node_modules', '.bin')}${delimiter}${process.env.PATH}` };

try {
  execSync('astro build', { stdio: 'inherit', env });
  const t = await precompress(join(dir, 'client'));
  console.log(`Förkomprimerade ${t.files} filer: ${kb(t.bytes)} → ${kb(t.brotliBytes)} brotli, ${kb(t.gzipBytes)} gzip`);
} catch (error) {
  removeBuild(dir);
  console.error(`Bygget misslyckades; ${target} är oförändrad.`);
  process.exit(typeof error.status === 'number' && error.status > 0 ? error.status : 1);
}

const { movedLegacyFolder } = swapIn(target, dir);
if (movedLegacyFolder) {
  console.warn(`${target} var en vanlig mapp och ligger nu i ${movedLegacyFolder}. Starta om en server som kördes från den.`);
}
const removed = pruneBuilds(target);
console.log(`Klart: ${target} → ${dir}${removed.length ? ` (tog bort ${removed.length} gamla byggen)` : ''}`);

function kb(n) {
  return `${(n / 1024).toFixed(0)} KB`;
}
