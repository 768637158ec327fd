// Static-file throughput through scripts/serve.mjs (sirv, precompressed Brotli) beside a bare node:http
// server sending the same compressed bytes, in the same run. Goal: ratio ≥ 0.5.
import { request } from 'node:http';
import { cannon, summary, withBareServer } from './ssr.mjs';

const ACCEPT = 'br, gzip';

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
    const served = summary(await cannon(url, { 'accept-encoding': ACCEPT }));
    const bare = summary(await withBareServer(first.body, first.headers['content-type'], (bareUrl) => cannon(bareUrl, { 'accept-encoding': ACCEPT }), encoding || undefined));
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
