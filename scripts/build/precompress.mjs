// Writes `<file>.br` and `<file>.gz` beside every compressible static file of a build, so the server
// sends compressed bytes without compressing per request (sirv picks the variant the browser accepts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

// Pagefind's index, fragment and wasm files are compressed by Pagefind itself; images are compressed formats.
export const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|ics|txt|xml|webmanifest|map)$/;
export const MIN_BYTES = 1024;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Compresses the files under `dir`; returns { files, bytes, brotliBytes, gzipBytes }. */
export async function precompress(dir, { concurrency = 4 } = {}) {
  const files = walk(dir).filter((f) => COMPRESSIBLE.test(f) && statSync(f).size >= MIN_BYTES);
  const totals = { files: files.length, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const file = files[next++];
      const data = readFileSync(file);
      const [br, gzipped] = await Promise.all([
        brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gz(data, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      totals.bytes += data.length;
      // A variant is only worth sending when it is smaller.
      if (br.length < data.length) {
        writeFileSync(`${file}.br`, br);
        totals.brotliBytes += br.length;
      }
      if (gzipped.length < data.length) {
        writeFileSync(`${file}.gz`, gzipped);
        totals.gzipBytes += gzipped.length;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return totals;
}
