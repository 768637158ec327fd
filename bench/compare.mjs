// `node bench/compare.mjs [rounds] [seconds] page…`: CPU per request of several pages against Astro's floor,
// measured in turns in one server: the floor, then each page, `rounds` rounds of `seconds` at 10 connections, after
// one round that is not counted (the server's code is still being optimised then). The server runs on one core and
// the load on the other. Prints each page's median, its fastest round and the ratio of medians (floor ÷ page).
// Taking turns puts the machine's drift on every page alike: single runs of bench/profile.mjs differ by up to 30 %.
// Pages by name as in bench/page-names.mjs. PROFILE_BUILD_DIR=<copy of a bench build under .builds/> serves that
// build instead (to compare two builds, run this once with each). Not part of `npm run bench`.
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
process.env.ACTIVITY_JOBS = 'off';
const [rounds = '5', seconds = '3', ...names] = process.argv.slice(2);
const { buildUnderStudy, cpuMs, pinApart, startServer } = await import('./server.mjs');
const { cannon } = await import('./ssr.mjs');
const { openDb } = await import('#lib/db.ts');
const { createPageFixtures } = await import('./fixtures.mjs');
const { pageByName } = await import('./page-names.mjs');

const CONNECTIONS = 10;
const server = await startServer(buildUnderStudy().dir);
pinApart(server.pid);
const db = openDb(server.dbPath);
try {
  const fx = createPageFixtures(db);
  const pages = ['floor', ...names].map((name) => {
    const [path, cookie] = pageByName(name, db, fx);
    return { name, url: server.url + path, headers: cookie ? { cookie } : {}, cpu: [] };
  });
  for (let round = 0; round <= Number(rounds); round++) {
    for (const p of pages) {
      const before = cpuMs(server.pid);
      const result = await cannon(p.url, p.headers, Number(seconds), CONNECTIONS);
      if (result.non2xx || result.errors) throw new Error(`${p.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      if (round > 0) p.cpu.push((cpuMs(server.pid) - before) / result.requests.total);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const floor = median(pages[0].cpu);
  console.log(`CPU ms per request (server), ${rounds} rounds of ${seconds} s at ${CONNECTIONS} connections`);
  for (const p of pages) {
    const m = median(p.cpu);
    console.log(`${p.name.padEnd(30)} median ${m.toFixed(3)}  fastest ${Math.min(...p.cpu).toFixed(3)}  ratio ${(floor / m).toFixed(2)}  rounds ${p.cpu.map((x) => x.toFixed(2)).join(' ')}`);
  }
} finally {
  db.$client.close();
  await server.stop();
}
process.exit(0);
