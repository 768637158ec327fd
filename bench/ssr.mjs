// SSR throughput and latency of member pages, each beside the same bytes from a bare node:http server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort, stopChild, track, waitFor } from './server.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);

export function cannon(url, headers, duration = DURATION_S) {
  return new Promise((done, fail) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (error, result) => (error ? fail(error) : done(result)));
  });
}

export function summary(r) {
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/**
 * Fetches the page once with the cookie and checks it really is the page (status 200, expected <title>),
 * so the load run measures the page and not a redirect to the login form.
 */
async function fetchPage(url, cookie, expectedTitle) {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  const title = body.toString().match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
  if (res.status !== 200 || !title.includes(expectedTitle)) {
    throw new Error(`${url} answered ${res.status} with title "${title}", expected 200 and a title with "${expectedTitle}"`);
  }
  return { body, contentType: res.headers.get('content-type') ?? 'text/html' };
}

export async function withBareServer(body, contentType, fn, contentEncoding) {
  const dir = mkdtempSync(join(tmpdir(), 'skbn-bare-'));
  const file = join(dir, 'page.html');
  writeFileSync(file, body);
  const port = await freePort();
  let log = '';
  const args = [resolve('bench/bare-server.mjs'), file, contentType, String(port), ...(contentEncoding ? [contentEncoding] : [])];
  const child = track(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitFor(url, child, () => log);
    if (!contentEncoding) {
      const check = Buffer.from(await (await fetch(url)).arrayBuffer());
      if (!check.equals(body)) throw new Error('The bare server does not serve the same bytes');
    }
    return await fn(url);
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pages: [{ name, path, cookie, title }] → one result per page: SSR, bare and their ratio. */
export async function benchSsr(server, pages, log = console.log) {
  const results = [];
  for (const page of pages) {
    const url = server.url + page.path;
    const { body, contentType } = await fetchPage(url, page.cookie, page.title);
    log(`  ${page.name}: ${page.path} (${(body.length / 1024).toFixed(1)} KB) …`);
    const ssr = summary(await cannon(url, { cookie: page.cookie }));
    const bare = summary(await withBareServer(body, contentType, (bareUrl) => cannon(bareUrl, {})));
    results.push({
      page: page.name,
      path: page.path,
      htmlBytes: body.length,
      ssr,
      bare,
      ratio: Number((ssr.requestsPerSecond / bare.requestsPerSecond).toFixed(2)),
    });
  }
  return { connections: CONNECTIONS, durationSeconds: DURATION_S, pages: results };
}
