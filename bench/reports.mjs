// /rapporter and /natverket over a year of 500 held activities with 10,000 registrations (issue 12's goal:
// p99 under 200 ms). Runs on its own (`node bench/reports.mjs`) or from bench/run.mjs. Latency is measured
// with 1 connection (the render time one coordinator sees) and with 10 (several at once).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { httpGet } from './server.mjs';
import { mulberry32 } from '../tests/helpers/fuzz.ts';
import { SESSION_COOKIE, createSession, generateSessionToken } from '#lib/auth/session.ts';
import { ACTIVITY_KINDS, activities, activityDates, attendance, organisations, registrations, users } from '#db/schema/index.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NO_PASSWORD = '$argon2id$bench-users-have-no-password';
const MUNICIPALITIES = ['Essunga', 'Falköping', 'Grästorp', 'Gullspång', 'Götene', 'Hjo', 'Karlsborg', 'Lidköping', 'Mariestad', 'Skara', 'Skövde', 'Tibro', 'Tidaholm', 'Töreboda', 'Vara'];
const GUIDES = [
  { slug: '7tjugo', title: '7TJUGO – egenmakt och medvetna val' },
  { slug: 'supported-employment', title: 'Supported Employment och IPS' },
  { slug: 'mentorskap', title: 'Mentorskap för unga' },
  { slug: 'tjanstedesign', title: 'Tjänstedesign och målgruppsmedverkan' },
  { slug: 'samverkan-en-vag-in', title: 'Samverkan kring unga: en väg in' },
];

/** The /rapporter address for the last year (the reports benchmark's period). */
export function reportPath() {
  const day = (d) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return `/rapporter?from=${day(new Date(Date.now() - 366 * DAY))}&to=${day(new Date())}`;
}

/** 500 activities in the last 365 days, 10,000 confirmed registrations (85 % present), 1,500 people in 25 organisations. */
export function createReportFixtures(db, { activityCount = 500, registrationCount = 10_000, people = 1_500 } = {}) {
  const rand = mulberry32(12);
  const now = Date.now();
  return db.transaction((tx) => {
    const orgIds = [
      ...MUNICIPALITIES.map((m) => tx.insert(organisations).values({ name: `Bench ${m} kommun`, slug: `bench-${m.toLowerCase()}`, type: 'municipality', municipality: m }).returning().get().id),
      ...Array.from({ length: 10 }, (_, i) => tx.insert(organisations).values({ name: `Bench regional organisation ${i + 1}`, slug: `bench-regional-${i + 1}`, type: 'agency', municipality: null }).returning().get().id),
    ];
    const userIds = Array.from({ length: people }, (_, i) =>
      tx.insert(users).values({ email: `bench-rapport-${i}@exempel.se`, name: `Deltagare ${i}`, passwordHash: NO_PASSWORD, organisationId: orgIds[i % orgIds.length], status: 'active' }).returning().get().id,
    );
    const perActivity = registrationCount / activityCount;
    let regs = 0;
    for (let a = 0; a < activityCount; a++) {
      // Whole days back, at 09:00 UTC (10:00/11:00 in Stockholm): the time of day of the run does not matter.
      const day = new Date(now - (1 + Math.floor((a / activityCount) * 360)) * DAY);
      day.setUTCHours(9, 0, 0, 0);
      const dates = rand() < 0.2 ? 2 : 1;
      const spans = Array.from({ length: dates }, (_, d) => ({ startsAt: new Date(day.getTime() + d * 7 * DAY), endsAt: new Date(day.getTime() + d * 7 * DAY + 3 * HOUR) }));
      const kind = ACTIVITY_KINDS[a % ACTIVITY_KINDS.length];
      const id = tx
        .insert(activities)
        .values({
          slug: `bench-rapport-${a}`,
          title: `Bench-aktivitet ${a}`,
          description: 'Aktivitet för rapportbenchmarken.',
          kind,
          status: 'published',
          municipality: MUNICIPALITIES[a % MUNICIPALITIES.length],
          organisationQuota: kind === 'course' ? 3 : null,
          guides: [GUIDES[a % GUIDES.length], ...(a % 3 === 0 ? [GUIDES[(a + 1) % GUIDES.length]] : [])],
          startsAt: spans[0].startsAt,
          endsAt: spans.at(-1).endsAt,
        })
        .returning()
        .get().id;
      const dateIds = spans.map((s) => tx.insert(activityDates).values({ activityId: id, ...s }).returning().get().id);
      const n = a === activityCount - 1 ? registrationCount - regs : Math.round(perActivity);
      const start = Math.floor(rand() * people);
      for (let r = 0; r < n; r++) {
        const regId = tx.insert(registrations).values({ activityId: id, userId: userIds[(start + r * 7) % people], status: 'confirmed' }).returning().get().id;
        if (rand() < 0.85) for (const dateId of dateIds) tx.insert(attendance).values({ registrationId: regId, activityDateId: dateId }).run();
      }
      regs += n;
    }
    const coordinator = tx.insert(users).values({ email: 'bench-samordnare@exempel.se', name: 'Bench Samordnare', passwordHash: NO_PASSWORD, role: 'coordinator', status: 'active' }).returning().get().id;
    const token = generateSessionToken();
    createSession(tx, token, coordinator);
    return { activities: activityCount, registrations: regs, people, cookie: `${SESSION_COOKIE}=${token}` };
  });
}

/** CPU time (user + system) the server process has used, in ms; Linux only, else null. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function cannon(url, cookie, connections, duration) {
  return new Promise((done, fail) => autocannon({ url, connections, duration, headers: { cookie } }, (e, r) => (e ? fail(e) : done(r))));
}

export async function benchReports(server, db, { duration = Number(process.env.BENCH_DURATION ?? 10), fixtures } = {}) {
  const fx = fixtures ?? createReportFixtures(db);
  const pages = [
    { name: 'Rapporter (ett år)', path: reportPath() },
    { name: 'Nätverket', path: '/natverket' },
  ];
  const results = [];
  for (const page of pages) {
    const url = server.url + page.path;
    const check = await httpGet(url, { cookie: fx.cookie });
    const html = check.body.toString();
    if (check.status !== 200 || !html.includes('map-svg')) throw new Error(`${page.path} answered ${check.status}`);
    for (const connections of [1, 10]) {
      const cpuBefore = cpuMs(server.pid);
      const r = await cannon(url, fx.cookie, connections, duration);
      const cpuAfter = cpuMs(server.pid);
      // CPU per request does not depend on what else the machine runs, unlike the latencies.
      const serverCpuMsPerRequest = cpuBefore === null || cpuAfter === null ? null : Number(((cpuAfter - cpuBefore) / Math.max(1, r.requests.total)).toFixed(1));
      results.push({ page: page.name, path: page.path, kb: Number((html.length / 1024).toFixed(1)), connections, requestsPerSecond: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, serverCpuMsPerRequest, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    }
  }
  return { fixtures: { activities: fx.activities, registrations: fx.registrations, people: fx.people }, durationSeconds: duration, results };
}

export function printReports(r) {
  console.log(`\nLoad average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  console.log(`Reports over ${r.fixtures.activities} activities, ${r.fixtures.registrations} registrations, ${r.fixtures.people} people (goal: p99 < 200 ms)`);
  for (const x of r.results) console.log(`  ${x.page.padEnd(20)} ${String(x.kb).padStart(6)} KB  ${x.connections} conn  ${String(x.requestsPerSecond).padStart(5)} req/s  p50 ${x.p50Ms} ms  p99 ${x.p99Ms} ms  server CPU ${x.serverCpuMsPerRequest ?? '–'} ms/req  non-2xx ${x.non2xx}  errors ${x.errors}`);
}

// Standalone: build (or reuse) the load build, start a server, fill it and measure.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.chdir(fileURLToPath(new URL('..', import.meta.url)));
  const { ensureLoadBuild, startServer } = await import('./server.mjs');
  const { openDb } = await import('#lib/db.ts');
  const build = ensureLoadBuild();
  const server = await startServer(build.dir);
  const db = openDb(server.dbPath);
  try {
    printReports(await benchReports(server, db));
  } finally {
    db.$client.close();
    await server.stop();
  }
}
