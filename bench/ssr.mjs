// Throughput and latency of pages against Astro's floor (bench/routes/floor.astro: an on-demand page with no
// layout and no data through the same server and middleware), at several connection counts, in one run.
// withBareServer() (a bare node:http server sending given bytes) is used by the static-file benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort, httpGet, stopChild, track, waitFor } from './server.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);

export function cannon(url, headers, duration = DURATION_S, connections = CONNECTIONS) {
  return new Promise((done, fail) => {
    autocannon({ url, connections, duration, headers }, (error, result) => (error ? fail(error) : done(result)));
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
  const res = await httpGet(url, cookie ? { cookie } : {});
  const body = res.body;
  const title = body.toString().match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
  if (res.status !== 200 || !title.includes(expectedTitle)) {
    throw new Error(`${url} answered ${res.status} with title "${title}", expected 200 and a title with "${expectedTitle}"`);
  }
  return { body, contentType: res.headers['content-type'] ?? 'text/html' };
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

export const FLOOR = { name: 'Astro floor (empty on-demand page)', path: '/_bench/floor', cookie: '', title: 'Golv' };
const WARM_UP_S = 2;

/**
 * pages: [{ name, path, cookie, title }]. For each connection count: the floor, every page, the floor
 * again (each after a short warm-up that is not counted). A page's ratio is its req/s over the better of
 * the two floor runs, so a neighbour's load during one floor run does not flatter the pages.
 */
export async function benchAgainstFloor(server, pages, { connections = [10, 50], duration = DURATION_S } = {}, log = console.log) {
  const all = [FLOOR, ...pages];
  const bytes = new Map();
  for (const page of all) bytes.set(page.path, (await fetchPage(server.url + page.path, page.cookie, page.title)).body.length);
  const run = async (page, c) => {
    const headers = page.cookie ? { cookie: page.cookie } : {};
    await cannon(server.url + page.path, headers, WARM_UP_S, c);
    return summary(await cannon(server.url + page.path, headers, duration, c));
  };
  const byConnections = [];
  for (const c of connections) {
    log(`  ${c} connections: floor …`);
    const floorRuns = [await run(FLOOR, c)];
    const rows = [];
    for (const page of pages) {
      log(`  ${c} connections: ${page.name} (${page.path}) …`);
      rows.push({ page: page.name, path: page.path, htmlBytes: bytes.get(page.path), ...(await run(page, c)) });
    }
    log(`  ${c} connections: floor again …`);
    floorRuns.push(await run(FLOOR, c));
    const floor = floorRuns.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
    byConnections.push({
      connections: c,
      floor: { ...floor, runs: floorRuns.map((r) => r.requestsPerSecond), htmlBytes: bytes.get(FLOOR.path) },
      pages: rows.map((r) => ({ ...r, ratio: Number((r.requestsPerSecond / floor.requestsPerSecond).toFixed(2)) })),
    });
  }
  return { durationSeconds: duration, warmUpSeconds: WARM_UP_S, byConnections };
}
