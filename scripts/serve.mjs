// Production entry: serves the built portal with request logs, security headers, compression, caching
// and graceful shutdown. `npm start` builds first when needed and then runs this; in production run
// `npm run serve` (node with the flags below, then this file).
//
// Static files (prerendered pages, /_astro/ bundles, Pagefind) are answered from memory before Astro, with
// the .br/.gz variants written at build time (scripts/serve/static-files.mjs); responses rendered on demand
// are compressed on the fly (`compression`, above 1 KB). Cache-Control for both comes from
// scripts/serve/cache-policy.mjs.
//
// Node flags (set where the server is started: `npm run serve` and `npm start` in package.json; the
// benchmark starts the server with the same ones, read from there): --max-semi-space-size=4 and
// --max-old-space-size=128. Page rendering allocates a lot of short-lived memory; with V8's defaults (16 MB
// semi-spaces, an old space that grows while allocation is fast) the heap grew to ~210 MB for ~50 MB of
// live objects and RSS went from ~130 MB to ~390 MB under the benchmark's page runs, never shrinking. With
// 4 MB semi-spaces fewer short-lived objects are promoted, and the old-space cap makes V8 collect instead of
// growing: in the same runs RSS stayed at ~170–200 MB (bench/results, README "Prestanda"). 128 MB leaves room
// above the ~50–120 MB live under 50 concurrent renders and the 1,000-request registration burst.
//
// Environment (set in the same scripts, before `node`): MALLOC_ARENA_MAX=2. glibc gives every thread that
// allocates (libuv's pool hashing Astro's CSP digests and answering fs calls, V8's helper threads) its own
// malloc arena and keeps the freed memory of each; with two arenas an idea-page run (50 connections, 8 s)
// ended at 178 MB RSS instead of 205 MB, and the page's CPU per request against the floor's stayed the same
// (0.22 vs 0.23). MALLOC_MMAP_THRESHOLD_=32768 saved another 5–20 MB but made the idea page's views dearer
// (25–100 % more CPU in one pass, its ratio 0.13–0.19 instead of 0.18–0.20 when measured again: large
// buffers become mmap/munmap calls), so it is not set. SQLite's page cache is bounded
// in src/lib/db.ts. Once the server has gone quiet after load it runs one last-resort collection to give
// the memory back (scripts/serve/idle-gc.mjs): V8's own memory reducer never starts in an idle Node server.
// Flags that shrink the heap under load instead (--optimize-for-size, --memory-saver-mode) reached 125–135 MB
// but cost 40–90 % more CPU per request, the floor's included; so do malloc's mmap thresholds (above).
//
// The build folder (BUILD_DIR, default `dist`, normally a link swapped by `npm run build`) is resolved
// once at start: this process keeps serving that build even when a new one is swapped in.
import { randomUUID } from 'node:crypto';
import { enableCompileCache } from 'node:module';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import pino from 'pino';
import { attachCollab } from './collab-upgrade.mjs';
import { markInUse } from './build/releases.mjs';
import { onDemandCacheControl, staticCacheControl } from './serve/cache-policy.mjs';
import { staticFiles } from './serve/static-files.mjs';
import { startIdleGc } from './serve/idle-gc.mjs';
import { loadDemoData } from './demo-data.mjs';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined });
const buildDir = process.env.BUILD_DIR ?? 'dist';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

// Methods the portal never answers (undici refuses to build a Request for TRACE/TRACK/CONNECT, a 500).
const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/**
 * X-Forwarded-* and Forwarded count only when the direct peer is a configured proxy (TRUSTED_PROXY).
 * @param {import('../src/lib/config.ts').PublishedConfig} portal
 */
function dropUntrustedForwardedHeaders(req, portal) {
  if (portal.isTrustedProxy(req.socket.remoteAddress)) return;
  for (const name of portal.FORWARDED_HEADERS) delete req.headers[name];
}

/**
 * Loads the bundle's middleware, which publishes the configuration checks, the background jobs and the
 * live co-writing server (src/middleware.ts). Taking the configuration checks from the bundle rather than
 * from src/lib/config.ts keeps TypeScript sources out of the server process: the first .ts import starts
 * Node's type stripper, which then stays resident (13 MB of RSS and four threads after start, measured).
 */
async function loadPortal(root) {
  // V8's code cache for the bundle on disk (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE): a restart
  // of the same build compiles nothing again. It never fails the start (Node reports a problem and goes on).
  enableCompileCache();
  await import(pathToFileURL(join(root, 'server', 'virtual_astro_middleware.mjs')).href);
  const portal = globalThis[Symbol.for('skaraborgsnatet.config')];
  const jobs = globalThis[Symbol.for('skaraborgsnatet.jobs')];
  if (!portal || !jobs) throw new Error('The build publishes no configuration or jobs (src/middleware.ts): is the middleware missing?');
  return { portal, jobs };
}

function isHttps(req) {
  return req.socket.encrypted === true || req.headers['x-forwarded-proto'] === 'https';
}

// frame-ancestors cannot be set from a <meta> CSP, so it is added to (or becomes) the CSP header of
// every response; Astro writes its own CSP header for on-demand pages through writeHead.
const FRAME_ANCESTORS = "frame-ancestors 'none'";

function headerName(headers, name) {
  return headers && Object.keys(headers).find((k) => k.toLowerCase() === name);
}

/** On-demand responses: adds frame-ancestors to Astro's CSP header and sets Cache-Control, just before the head is sent. */
function withOnDemandHeaders(req, res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const headers = rest.find((r) => r && typeof r === 'object');
    const csp = headerName(headers, 'content-security-policy');
    if (csp) headers[csp] = `${headers[csp]}; ${FRAME_ANCESTORS}`;
    else {
      const current = res.getHeader('content-security-policy');
      res.setHeader('content-security-policy', current ? `${current}; ${FRAME_ANCESTORS}` : FRAME_ANCESTORS);
    }
    const cc = headerName(headers, 'cache-control');
    const value = onDemandCacheControl({
      pathname: (req.url ?? '/').split('?')[0],
      cookie: req.headers.cookie,
      setsCookie: Boolean(headerName(headers, 'set-cookie') || res.getHeader('set-cookie')),
      routeValue: (cc ? headers[cc] : res.getHeader('cache-control')) ?? null,
    });
    if (cc) delete headers[cc];
    res.setHeader('cache-control', value);
    return writeHead.call(this, status, ...rest);
  };
}

export async function serve({ host = process.env.HOST ?? 'localhost', port = Number(process.env.PORT ?? 4321) } = {}) {
  // The portal's code reads where it listens from the environment (src/lib/config.ts: siteUrl()).
  process.env.HOST = host;
  process.env.PORT = String(port);
  // The real folder, not the link: a later build swaps the link, this process keeps its own files.
  const root = realpathSync(resolve(buildDir));
  // Loading the bundle reads no configuration and opens no database: both happen on first use.
  const { portal, jobs } = await loadPortal(root);
  let config;
  try {
    config = portal.loadConfig();
  } catch (error) {
    if (!(error instanceof portal.ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  // Demo data goes into an empty database before the portal opens it (not in production, not with DEMO_DATA=off).
  if (config.demoData) await loadDemoData(config.databasePath);
  const { handler } = await import(pathToFileURL(join(root, 'server', 'entry.mjs')).href);
  // Background jobs (offer sweep, reminders, digests, the mail sender) are registered once, here.
  jobs.start();
  const unmark = markInUse(root);
  process.once('exit', unmark);

  const statics = staticFiles(join(root, 'client'), staticCacheControl);
  const compress = compression({ threshold: 1024 });
  // The build's handler is Astro's alone (adapter mode 'middleware', astro.config.mjs): called without a
  // `next`, a path no route matches gets the portal's 404 page.
  const onDemand = (req, res) => {
    withOnDemandHeaders(req, res);
    compress(req, res, () => handler(req, res));
  };

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    res.setHeader('x-request-id', id);
    dropUntrustedForwardedHeaders(req, portal);
    // The error page (src/pages/500.astro) shows the id, so a report can be matched to the log line.
    req.headers['x-request-id'] = id;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (isHttps(req)) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    res.on('finish', () => {
      // Only the path is logged: query strings can carry one-time codes and tokens.
      const path = (req.url ?? '/').split('?')[0];
      log.info({ reqId: id, method: req.method, route: path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    if (REFUSED_METHODS.has(req.method ?? '')) {
      res.writeHead(405, { allow: 'GET, HEAD, POST', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Metoden stöds inte.');
      return;
    }
    // Static pages carry their CSP in a <meta>; the header adds what a <meta> cannot say.
    res.setHeader('content-security-policy', FRAME_ANCESTORS);
    if (statics.handle(req, res)) return;
    res.removeHeader('content-security-policy');
    onDemand(req, res);
  });
  server.keepAliveTimeout = 5000;
  attachCollab(server, root);

  await new Promise((done) => server.listen(port, host, done));
  log.info({ host, port, build: root, staticFiles: statics.files, staticMb: Number((statics.bytes / 2 ** 20).toFixed(1)) }, 'listening');
  const stopIdleGc = startIdleGc(log);

  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    jobs.stop();
    stopIdleGc();
    server.close(() => {
      log.info('all requests finished');
      process.exit(0); // the database closes in its exit hook (src/lib/db.ts)
    });
    server.closeIdleConnections();
    setTimeout(() => {
      log.warn('requests still running after 10 s; closing them');
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
