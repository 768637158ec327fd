// Prints the load figures as readable tables.
function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '–')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(['  ' + line(cells[0]), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map((r) => '  ' + line(r))].join('\n'));
}

const mark = (ok) => (ok ? 'PASS' : 'FAIL');
const goal = (ok) => (ok ? 'met' : 'missed');

export function printFloor(r) {
  for (const b of r.byConnections) {
    console.log(`\nPages against Astro's floor, ${b.connections} connections × ${r.durationSeconds} s (floor runs ${b.floor.runs.join('/')} req/s; goal: ratio ≥ 0.5 at 10 connections, p99 ≤ 50 ms at 50)`);
    table(
      ['page', 'KB', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'ratio to floor', 'goal'],
      [
        ['Astro floor', (b.floor.htmlBytes / 1024).toFixed(1), b.floor.requestsPerSecond, b.floor.p50Ms, b.floor.p99Ms, b.floor.non2xx, b.floor.errors + b.floor.timeouts, '1.00', ''],
        ...b.pages.map((p) => [
          p.page,
          (p.htmlBytes / 1024).toFixed(1),
          p.requestsPerSecond,
          p.p50Ms,
          p.p99Ms,
          p.non2xx,
          p.errors + p.timeouts,
          p.ratio.toFixed(2),
          b.connections === 10 ? `ratio ${goal(p.ratio >= 0.5)}` : b.connections === 50 ? `p99 ${goal(p.p99Ms <= 50)}` : '',
        ]),
      ],
    );
  }
}

export function printStart(ms, cpu, restartMs, restartCpu) {
  console.log(`\nStart: node scripts/serve.mjs → first 200 on /healthz (fresh database, migrations included): ${ms} ms, server CPU ${cpu ?? '–'} ms (goal ≤ 1,000 ms) – ${goal(ms <= 1000)}`);
  console.log(`Restart of the same build (Node's compile cache written by the first start): ${restartMs} ms, server CPU ${restartCpu ?? '–'} ms`);
}

export function printRegistration(r) {
  console.log(`\nRegistration burst: ${r.members} members at once, ${r.seats} seats (${r.wallSeconds} s)`);
  table(
    ['', 'confirmed', 'waitlisted', 'errors', 'p50 ms', 'p99 ms', 'check'],
    [[`expected`, r.expected.confirmed, r.expected.waitlisted, r.expected.errors, '', '', ''], ['measured', r.confirmed, r.waitlisted, r.errors, r.p50Ms, r.p99Ms, mark(r.pass)]],
  );
  if (r.errors) console.log(`  errors: ${JSON.stringify(r.errorKinds)}`);
}

export function printCowriting(r) {
  console.log(`\nCo-writing burst: ${r.writers} writers × ${r.savesPerWriter} saves, ${r.sharedLines} shared lines (${r.requests} requests, ${r.wallSeconds} s)`);
  table(
    ['applied', 'merged', 'conflicts', 'resolved', 'lost', 'errors', 'p50 ms', 'p99 ms', 'check'],
    [[r.applied, r.merged, r.conflicts, r.resolved, r.lost, r.errors + r.abandoned + r.unchanged + r.viewMismatches, r.p50Ms, r.p99Ms, mark(r.pass)]],
  );
}

export function printLiveCowriting(r) {
  console.log(`\nLive co-writing: ${r.clients} clients × ${r.editsPerClient} edits (one every ${r.intervalMs} ms each) on one section, ${r.wallSeconds} s (goal p99 ≤ 100 ms)`);
  table(
    ['edits', 'converged', 'lost (clients)', 'lost (revision)', 'arrivals', 'p50 ms', 'p99 ms', 'max ms', 'server RSS MB', 'check'],
    [[r.edits, r.converged ? 'yes' : 'no', r.lostInClients, r.lostInRevision, `${r.arrivals}/${r.expectedArrivals}`, r.p50Ms, r.p99Ms, r.maxMs, `${r.serverRssMb.before} → ${r.serverRssMb.after}`, `${mark(r.pass)}, p99 ${goal(r.p99Ms <= 100)}`]],
  );
  console.log(`  CPU used during the run: server ${r.cpuSeconds.server} s, the ${r.clients} clients (benchmark process) ${r.cpuSeconds.clients} s`);
}

export function printMemory(m) {
  console.log(`\nServer memory (goal ≤ 150 MB after the whole bench): after start ${m.afterStartMb} MB, right after the last request ${m.afterLoadMb} MB (peak ${m.peakMb} MB), after ${m.idleWaitS} s without requests ${m.afterIdleMb} MB – ${goal(m.afterIdleMb <= 150)} (right after the last request: ${goal(m.afterLoadMb <= 150)})`);
  const split = (x) => `rss ${x.rss}, heap ${x.heapUsed}/${x.heapTotal}, external ${x.external}, array buffers ${x.arrayBuffers}`;
  for (const [label, x] of Object.entries(m.split ?? {})) if (x) console.log(`  ${label.padEnd(12)} ${split(x)} (MB)`);
}

export function printStaticFiles(rows) {
  console.log(`\nStatic files through scripts/serve.mjs (Brotli), beside bare node:http with the same bytes; best of alternating runs (goal: ratio ≥ 0.5)`);
  table(
    ['file', 'KB', 'encoding', 'served req/s', 'runs', 'p50 ms', 'p99 ms', 'non-2xx', 'bare req/s', 'runs', 'bare p99', 'ratio', 'goal'],
    rows.map((r) => [r.file, (r.bytes / 1024).toFixed(1), r.contentEncoding ?? '–', r.served.requestsPerSecond, r.served.runs.join('/'), r.served.p50Ms, r.served.p99Ms, r.served.non2xx, r.bare.requestsPerSecond, r.bare.runs.join('/'), r.bare.p99Ms, r.ratio.toFixed(2), goal(r.ratio >= 0.5)]),
  );
}
