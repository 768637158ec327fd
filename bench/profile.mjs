// `node bench/profile.mjs [page] [seconds] [connections]`: starts the bench build's server with --cpu-prof,
// loads one page with autocannon and leaves a .cpuprofile in .builds/profiles (open it in Chrome DevTools, or
// read the summary printed here; the floor runs before and after are in it too, so the page's part is smaller: self time per function, heaviest first). page: idea, aktiviteter,
// mina-sidor, rapporter, floor or any path (`/logga-in`; `/mina-sidor/profil@viewer` as the logged-in viewer). PROFILE=0: no profile, only req/s and CPU per request. PIN=1: server and load on a core each. Not part of `npm run bench`. To compare pages with each other, bench/compare.mjs
// measures them in turns.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
process.env.ACTIVITY_JOBS = 'off';
const [pageName = 'idea', seconds = '10', connections = '10'] = process.argv.slice(2);
const dir = resolve('.builds', 'profiles');
mkdirSync(dir, { recursive: true });
const { cpuMs, httpGet, buildUnderStudy, pinApart, startServer, serveNodeFlags, memoryOf } = await import('./server.mjs');
const { cannon, summary, FLOOR } = await import('./ssr.mjs');
const { openDb } = await import('#lib/db.ts');
const { createPageFixtures } = await import('./fixtures.mjs');
const { pageByName } = await import('./page-names.mjs');

const build = buildUnderStudy();
const profiling = process.env.PROFILE !== '0';
process.env.BENCH_SERVER_FLAGS ??= [...serveNodeFlags(), ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [])].join(' ');
const server = await startServer(build.dir);
if (process.env.PIN === '1') pinApart(server.pid);
const db = openDb(server.dbPath);
try {
  const fx = createPageFixtures(db);
  const [path, cookie] = pageByName(pageName, db, fx);
  const headers = cookie ? { cookie } : {};
  // SAVE_HTML=<file>: the page as the load run gets it, to look at what it sends.
  if (process.env.SAVE_HTML) writeFileSync(process.env.SAVE_HTML, (await httpGet(server.url + path, headers)).body);
  // The server's CPU time per request as well: unlike req/s it barely depends on what else the machine runs.
  const run = async (p, h) => {
    await cannon(server.url + p, h, 2, Number(connections));
    const cpu = cpuMs(server.pid);
    const s = summary(await cannon(server.url + p, h, Number(seconds), Number(connections)));
    return { ...s, cpuMsPerRequest: Number(((cpuMs(server.pid) - cpu) / s.requests).toFixed(3)) };
  };
  // The floor before and after, as in the bench: the page's ratio to the better one (same run, same load).
  // (Not while profiling: the profile shows the page alone.)
  const floors = profiling ? [] : [await run(FLOOR.path, {})];
  const r = await run(path, headers);
  if (!profiling) floors.push(await run(FLOOR.path, {}));
  if (profiling) floors.push({ requestsPerSecond: NaN, cpuMsPerRequest: NaN });
  const floor = Math.max(...floors.map((f) => f.requestsPerSecond));
  const floorCpu = Math.min(...floors.map((f) => f.cpuMsPerRequest));
  console.log(pageName, r, `ratio ${(r.requestsPerSecond / floor).toFixed(2)} (floor ${floors.map((f) => f.requestsPerSecond).join('/')} req/s)`);
  console.log(`CPU per request: page ${r.cpuMsPerRequest} ms, floor ${floorCpu} ms (${(floorCpu / r.cpuMsPerRequest).toFixed(2)})`, await memoryOf(server));
} finally {
  db.$client.close();
  await server.stop();
}
if (!profiling) process.exit(0);
const newest = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
const profile = JSON.parse(readFileSync(newest, 'utf8'));
const self = new Map();
const dt = new Map();
profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
let total = 0;
for (const node of profile.nodes) {
  const t = dt.get(node.id) ?? 0;
  total += t;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist|bench-load)\//, '$1/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + t);
}
console.log(`\n${newest}\nself time, top 40 (of ${(total / 1000).toFixed(0)} ms):`);
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
