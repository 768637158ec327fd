// `npm run bench`: prints every figure and writes bench/results/latest.json. Not part of `npm test`.
// Static side (synthetic guides), then against the production build on 127.0.0.1: start time, static-file
// throughput beside a bare node:http server, pages as a ratio to Astro's floor (an empty on-demand page in the
// same run) at 10 and 50 connections, a registration burst, a co-writing burst, reports, live co-writing,
// and the server's memory before and after. Exits 1 when a correctness check fails; timings never fail it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchStaticSite, printStaticSite } from './static-site.mjs';
import { ensureLoadBuild, startServer } from './server.mjs';
import { rss } from './memory.mjs';
import { httpGet, memoryOf, serveCommand } from './server.mjs';
import { printCowriting, printFloor, printLiveCowriting, printMemory, printRegistration, printStart, printStaticFiles } from './report.mjs';
import { benchStaticFiles } from './static-files.mjs';
import { CHECK_MS, QUIET_CHECKS } from '../scripts/serve/idle-gc.mjs';

// The server's idle collection comes at most (QUIET_CHECKS + 1) checks after the last request; one more as margin.
const IDLE_WAIT_MS = (QUIET_CHECKS + 2) * CHECK_MS;

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
// The bench process writes fixtures through the domain modules; the periodic activity jobs belong to the server.
process.env.ACTIVITY_JOBS = 'off';
const { openDb } = await import('#lib/db.ts');
const { createPageFixtures } = await import('./fixtures.mjs');
const { benchAgainstFloor } = await import('./ssr.mjs');
const { benchRegistrationBurst } = await import('./registration-burst.mjs');
const { benchCowritingBurst } = await import('./cowriting-burst.mjs');
const { benchReports, createReportFixtures, printReports, reportPath } = await import('./reports.mjs');
const { benchLiveCowriting } = await import('./live-cowriting.mjs');
// `npm run bench -- live` runs only the live co-writing run (against the same production build);
// `npm run bench -- pages` only the start time, the pages against the floor and the memory (for profiling work);
// `npm run bench -- static` only the static files beside bare node:http;
// `npm run bench -- server` everything against the server (the memory after the whole bench), without the
// synthetic static-site build.
const arg = process.argv[2] ?? null;
if (arg !== null && !['live', 'pages', 'static', 'server'].includes(arg)) throw new Error(`Unknown part "${arg}": use live, pages, static or server`);
const serverOnly = arg === 'server';
const only = serverOnly ? null : arg;

const guides = Number(process.env.BENCH_GUIDES ?? 200);
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
};
const load = os.loadavg();
results.loadAverageAtStart = load.map((l) => Number(l.toFixed(2)));

console.log(`Benchmark on ${results.machine} (load average ${results.loadAverageAtStart.join(', ')})\n`);
if (only === null && !serverOnly) {
  results.staticSite = benchStaticSite(guides);
  printStaticSite(results.staticSite);
}

const build = ensureLoadBuild();
console.log(`\nProduction build for the load runs: ${build.reused ? 'reused (sources unchanged)' : `built in ${build.seconds} s`} at ${build.dir}`);

// The first start of a build compiles the whole bundle and writes Node's compile cache (scripts/serve.mjs);
// a restart of the same build reads it. A fresh cache folder makes the first start a cold one; both are
// reported, and the goal is judged on the cold one.
process.env.NODE_COMPILE_CACHE = mkdtempSync(join(os.tmpdir(), 'skbn-compile-cache-'));
const cold = await startServer(build.dir);
await cold.stop();
const server = await startServer(build.dir);
let db;
let failed = false;
let splitAfterPages = null;
try {
  const afterStart = rss(server.pid);
  const splitAfterStart = only === 'live' ? null : await memoryOf(server);
  results.startMs = cold.startMs;
  results.startCpuMs = cold.startCpuMs;
  results.restartMs = server.startMs;
  results.restartCpuMs = server.startCpuMs;
  printStart(cold.startMs, cold.startCpuMs, server.startMs, server.startCpuMs);
  db = openDb(server.dbPath);
  const fx = createPageFixtures(db);
  results.loadSetup = {
    server: `${Object.entries(serveCommand().env).map(([k, v]) => `${k}=${v} `).join('')}node ${serveCommand().flags.join(' ')} scripts/serve.mjs, NODE_ENV=production, LOG_LEVEL=warn, 127.0.0.1`,
    build: build.reused ? 'reused' : `${build.seconds} s`,
    fixtures: { activities: fx.activities, viewerRegistrations: fx.registrations, viewerGroups: fx.groups, ideaSections: fx.idea.sections, ideaWords: fx.idea.words },
  };
  console.log(
    `Server on ${server.url} (pid ${server.pid}); fixtures: ${fx.activities} activities, viewer with ${fx.registrations} registrations in ${fx.groups} groups, ` +
      `idea with ${fx.idea.sections} sections (${fx.idea.words} words)`,
  );
  if (only === 'live') {
    results.liveCowriting = await benchLiveCowriting(server, db, { clients: Number(process.env.BENCH_LIVE_CLIENTS ?? 20), edits: Number(process.env.BENCH_LIVE_EDITS ?? 200) });
    printLiveCowriting(results.liveCowriting);
  } else {
  if (only === null || only === 'static') {
  const guideHtml = (await httpGet(`${server.url}/guider/supported-employment`)).body.toString();
  const css = /href="(\/_astro\/[^"]+\.css)"/.exec(guideHtml)?.[1];
  if (!css) throw new Error('No stylesheet link on the guide page');
  results.staticFiles = await benchStaticFiles(server, [
    { name: 'Guide page (prerendered)', path: '/guider/supported-employment' },
    { name: 'Stylesheet', path: css },
    { name: 'Pagefind entry', path: '/pagefind/pagefind.js' },
  ]);
  printStaticFiles(results.staticFiles);
  }
  // The reports' year (500 held activities, 10,000 registrations) is in place before the pages run, so
  // /rapporter is measured over it here and again by the reports benchmark below.
  let reportFx;
  if (only !== 'static') {
  reportFx = createReportFixtures(db);
  results.floor = await benchAgainstFloor(server, [
    // Visitors without a cookie get the shared copy (src/lib/cache/public-pages.ts); a member's view of the same
    // list is rendered for every request, so that row shows what rendering the page costs.
    { name: 'Aktiviteter (200), anonymous: shared copy', path: '/aktiviteter', cookie: '', title: 'Aktiviteter' },
    { name: 'Aktiviteter (200), logged in: rendered', path: '/aktiviteter', cookie: fx.viewerCookie, title: 'Aktiviteter' },
    { name: 'Mina sidor', path: '/mina-sidor', cookie: fx.viewerCookie, title: 'Mina sidor' },
    { name: `Idésida (${fx.idea.sections} avsnitt)`, path: fx.idea.path, cookie: fx.viewerCookie, title: fx.idea.title },
    { name: 'Guide page (prerendered)', path: '/guider/supported-employment', cookie: '', title: 'Supported' },
    { name: 'Rapporter (ett år), samordnare', path: reportPath(), cookie: reportFx.cookie, title: 'Rapporter' },
  ]);
  printFloor(results.floor);
  splitAfterPages = await memoryOf(server);
  }
  if (only === null) {
  results.registrationBurst = await benchRegistrationBurst(server, db, { members: 1000, seats: 50 });
  printRegistration(results.registrationBurst);
  results.cowritingBurst = await benchCowritingBurst(server, db, { writers: 20, saves: 50 });
  printCowriting(results.cowritingBurst);
  results.reports = await benchReports(server, db, { fixtures: reportFx });
  printReports(results.reports);
  results.liveCowriting = await benchLiveCowriting(server, db, { clients: 20, edits: 200 });
  printLiveCowriting(results.liveCowriting);
  }
  }
  const afterLoad = rss(server.pid);
  // Then no requests until the server's idle collection has had its chance, read from /proc so that nothing
  // wakes it.
  await new Promise((done) => setTimeout(done, IDLE_WAIT_MS));
  const afterIdle = rss(server.pid);
  results.memory = { afterStartMb: afterStart.rssMb, afterLoadMb: afterLoad.rssMb, afterIdleMb: afterIdle.rssMb, idleWaitS: IDLE_WAIT_MS / 1000, peakMb: afterLoad.peakMb };
  if (only !== 'live') results.memory.split = { 'after start': splitAfterStart, 'after pages': splitAfterPages, 'after all + idle': await memoryOf(server) };
  printMemory(results.memory);
  failed =
    only === 'live' ? !results.liveCowriting.pass : only === 'pages' || only === 'static' ? false : !results.registrationBurst.pass || !results.cowritingBurst.pass || !results.liveCowriting.pass;
} finally {
  db?.$client.close();
  await server.stop();
  rmSync(process.env.NODE_COMPILE_CACHE, { recursive: true, force: true });
}

mkdirSync('bench/results', { recursive: true });
// The live-only run keeps its own file, so it never replaces the full results.
const file = arg ? `bench/results/${arg}.json` : 'bench/results/latest.json';
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`\nWrote ${file}`);
if (failed) {
  console.log('A correctness check failed (see PASS/FAIL above).');
  process.exitCode = 1;
}
