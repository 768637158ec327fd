// Builds (or reuses) the production build for the load benchmarks in .builds/bench-load and runs
// `node scripts/serve.mjs` from it on 127.0.0.1 with a fresh temporary database. Never touches dist/.
import { execSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { removeBuild } from '../scripts/build/releases.mjs';

export const LOAD_BUILD_DIR = resolve('.builds', 'bench-load');
const STAMP = join(LOAD_BUILD_DIR, '.bench-source-stamp');
// Everything the build reads. A changed size or mtime anywhere means a rebuild.
const SOURCES = ['src', 'db', 'content', 'public', 'bench/routes', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function walk(path) {
  if (!existsSync(path)) return [];
  const st = statSync(path);
  if (!st.isDirectory()) return [`${path}:${st.size}:${st.mtimeMs}`];
  return readdirSync(path)
    .sort()
    .flatMap((name) => walk(join(path, name)));
}

function sourceStamp() {
  return createHash('sha256').update(SOURCES.flatMap(walk).join('\n')).digest('hex');
}

/** Returns { dir, seconds, reused }: builds only when the sources changed since the last bench build. */
export function ensureLoadBuild() {
  const stamp = sourceStamp();
  const entry = join(LOAD_BUILD_DIR, 'server', 'entry.mjs');
  if (existsSync(entry) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) return { dir: LOAD_BUILD_DIR, seconds: 0, reused: true };
  removeBuild(LOAD_BUILD_DIR);
  const started = performance.now();
  // The normal content (no synthetic guides): CONTENT_DIR is removed in case the caller has it set.
  // BENCH_ROUTES adds the benchmark's own routes (Astro's floor, the memory figures: bench/routes/) to this build only.
  const env = { ...process.env, BUILD_DIR: LOAD_BUILD_DIR, BENCH_ROUTES: '1' };
  delete env.CONTENT_DIR;
  execSync('npm run build', { stdio: 'ignore', env });
  writeFileSync(STAMP, stamp);
  return { dir: LOAD_BUILD_DIR, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), reused: false };
}

/** The build bench/profile.mjs and bench/compare.mjs serve: PROFILE_BUILD_DIR (another bench build, e.g. of an older commit, copied under .builds/ so it finds node_modules) or the bench's own. */
export function buildUnderStudy() {
  return process.env.PROFILE_BUILD_DIR ? { dir: process.env.PROFILE_BUILD_DIR } : ensureLoadBuild();
}

/**
 * The server (all its threads) on the second core, this process and autocannon on the first, so the two do not
 * take turns on one core: CPU per request varies much less between runs.
 */
export function pinApart(serverPid) {
  execSync(`taskset -apc 1 ${serverPid} && taskset -apc 0 ${process.pid}`, { stdio: 'ignore' });
}

export async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const running = new Set();
const tempDirs = new Set();
// Whatever happens to the bench process, no server or temporary database is left behind.
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
// Ctrl-C or a kill: exit normally so the hook above runs.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Waits until `url` answers (any status below 500), bounded by `timeoutMs`. */
export async function waitFor(url, child, output, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Process exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`No answer from ${url} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a child with SIGTERM, then SIGKILL after 5 s. */
export async function stopChild(child) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.delete(child);
}

/** Tracks a child so it is killed when the bench process exits. */
export function track(child) {
  running.add(child);
  return child;
}

/**
 * The environment variables and Node flags `npm run serve` starts the server with (package.json:
 * `NAME=value … node --flag … scripts/serve.mjs`), so the bench runs it as production does.
 */
export function serveCommand() {
  const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.serve;
  const m = /((?:\b[A-Z][A-Z0-9_]*=\S+\s+)*)\bnode((?:\s+--\S+)*)\s+scripts\/serve\.mjs/.exec(script);
  if (!m) throw new Error(`package.json's serve script does not run scripts/serve.mjs: ${script}`);
  const words = (text) => text.trim().split(/\s+/).filter(Boolean);
  return { env: Object.fromEntries(words(m[1]).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)])), flags: words(m[2]) };
}

export function serveNodeFlags() {
  return serveCommand().flags;
}

/**
 * Starts the production server (NODE_ENV=production, so no demo data) on a free 127.0.0.1 port with
 * its own empty database, and waits for the first 200 on /healthz (which also creates and migrates the
 * database). `startMs` is the time from spawning `node scripts/serve.mjs` to that first 200.
 */
export async function startServer(buildDir) {
  const dir = mkdtempSync(join(tmpdir(), 'skbn-bench-'));
  tempDirs.add(dir);
  const dbPath = join(dir, 'portal.db');
  const port = await freePort();
  let log = '';
  const started = performance.now();
  const child = track(
    // The flags of `npm run serve`; BENCH_SERVER_FLAGS (e.g. "--max-semi-space-size=8") replaces them to try others.
    spawn(process.execPath, [...(process.env.BENCH_SERVER_FLAGS !== undefined ? process.env.BENCH_SERVER_FLAGS.split(' ').filter(Boolean) : serveNodeFlags()), resolve('scripts/serve.mjs')], {
      env: {
        // The serve script's variables (e.g. MALLOC_ARENA_MAX) unless the caller sets them, to try others.
        ...serveCommand().env,
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_PATH: dbPath,
        NODE_ENV: 'production',
        // Production refuses to start without a public origin for links (src/lib/config.ts).
        SITE_URL: `http://127.0.0.1:${port}`,
        BUILD_DIR: buildDir,
        // Request logs at info level would measure pino writing to a pipe; warnings still show.
        LOG_LEVEL: 'warn',
        ACTIVITY_JOBS: 'on',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const startMs = await firstOk(`${url}/healthz`, child, () => log, started);
  return {
    url,
    dbPath,
    pid: child.pid,
    startMs,
    // CPU the server used until then: unlike the wall time, it barely depends on what else the machine runs.
    startCpuMs: cpuMs(child.pid),
    output: () => log,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
}

/**
 * One GET on its own connection: { status, headers, body }. fetch() would reuse a kept-alive socket, and
 * after the bench process spent longer than the server's keep-alive timeout writing fixtures (synchronous
 * SQLite), that socket is closed on the server's side ("other side closed").
 */
export function httpGet(url, headers = {}) {
  return new Promise((done, fail) => {
    get(url, { agent: false, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail);
  });
}

/** CPU time (user + system) a process has used, in ms (Linux /proc; null elsewhere). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Polls `url` every 5 ms until it answers 200; returns the ms since `started`. */
async function firstOk(url, child, output, started, timeoutMs = 30_000) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Process exited (${child.exitCode}):\n${output()}`);
    const res = await httpGet(url).catch(() => null); // null: not listening yet
    if (res?.status === 200) return Math.round(performance.now() - started);
    if (res && res.status >= 500) throw new Error(`${url} answered ${res.status}:\n${output()}`);
    if (performance.now() - started > timeoutMs) throw new Error(`No 200 from ${url} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The server's process.memoryUsage() split, from the bench-only /_bench/memory route (MB). */
export async function memoryOf(server) {
  const res = await httpGet(`${server.url}/_bench/memory`);
  if (res.status !== 200) throw new Error(`/_bench/memory answered ${res.status}: the bench build lacks its routes`);
  return JSON.parse(res.body.toString());
}
