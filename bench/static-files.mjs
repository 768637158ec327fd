// Static-file throughput through scripts/serve.mjs (files from memory, precompressed Brotli) beside a bare
// node:http server sending the same compressed bytes, in the same run. Goal: ratio ≥ 0.5.
// On a shared machine one run is noisy, so each side gets a warm-up and ROUNDS alternating runs, and the
// best run of each side is compared (their capacity, not whoever was unlucky with a neighbour's load).
import { request } from 'node:http';
import { cannon, summary, withBareServer } from './ssr.mjs';

const ACCEPT = 'br, gzip';
const ROUNDS = Number(process.env.BENCH_STATIC_ROUNDS ?? 2);

function best(runs) {
  return runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

/** The bytes and headers serve.mjs sends for `path` to a browser that accepts Brotli. */
function rawGet(url) {
  return new Promise((done, fail) => {
    request(url, { headers: { 'accept-encoding': ACCEPT } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

/** files: [{ name, path }] → one result per file: serve.mjs, bare and their ratio. */
export async function benchStaticFiles(server, files, log = console.log) {
  const results = [];
  for (const file of files) {
    const url = server.url + file.path;
    const first = await rawGet(url);
    if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
    const encoding = first.headers['content-encoding'] ?? '';
    log(`  ${file.name}: ${file.path} (${(first.body.length / 1024).toFixed(1)} KB ${encoding || 'uncompressed'}) …`);
    const servedRuns = [];
    const bareRuns = [];
    await withBareServer(
      first.body,
      first.headers['content-type'],
      async (bareUrl) => {
        await cannon(url, { 'accept-encoding': ACCEPT }, 2); // warm-up, not counted
        await cannon(bareUrl, { 'accept-encoding': ACCEPT }, 2);
        for (let round = 0; round < ROUNDS; round++) {
          servedRuns.push(summary(await cannon(url, { 'accept-encoding': ACCEPT })));
          bareRuns.push(summary(await cannon(bareUrl, { 'accept-encoding': ACCEPT })));
        }
      },
      encoding || undefined,
    );
    const served = { ...best(servedRuns), runs: servedRuns.map((r) => r.requestsPerSecond) };
    const bare = { ...best(bareRuns), runs: bareRuns.map((r) => r.requestsPerSecond) };
    results.push({
      file: file.name,
      path: file.path,
      bytes: first.body.length,
      contentEncoding: encoding || null,
      served,
      bare,
      ratio: Number((served.requestsPerSecond / bare.requestsPerSecond).toFixed(2)),
    });
  }
  return results;
}
