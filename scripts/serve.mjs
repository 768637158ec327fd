// Production entry: serves the built portal with request logs, security headers and graceful shutdown.
// `npm start` builds first when needed and then runs this; in production run `node scripts/serve.mjs`.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined });
const buildDir = process.env.BUILD_DIR ?? 'dist';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

function isHttps(req) {
  return req.socket.encrypted === true || req.headers['x-forwarded-proto'] === 'https';
}

// frame-ancestors cannot be set from a <meta> CSP, so it is added to (or becomes) the CSP header of
// every response; Astro writes its own CSP header for on-demand pages through writeHead.
const FRAME_ANCESTORS = "frame-ancestors 'none'";

function withFrameAncestors(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const headers = rest.find((r) => r && typeof r === 'object');
    const fromArgs = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy');
    if (fromArgs) headers[fromArgs] = `${headers[fromArgs]}; ${FRAME_ANCESTORS}`;
    else {
      const current = res.getHeader('content-security-policy');
      res.setHeader('content-security-policy', current ? `${current}; ${FRAME_ANCESTORS}` : FRAME_ANCESTORS);
    }
    return writeHead.call(this, status, ...rest);
  };
}

export async function serve({ host = process.env.HOST ?? 'localhost', port = Number(process.env.PORT ?? 4321) } = {}) {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = await import(pathToFileURL(resolve(buildDir, 'server', 'entry.mjs')).href);

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    res.setHeader('x-request-id', id);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    withFrameAncestors(res);
    if (isHttps(req)) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    res.on('finish', () => {
      // Only the path is logged: query strings can carry one-time codes and tokens.
      const path = (req.url ?? '/').split('?')[0];
      log.info({ reqId: id, method: req.method, route: path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    handler(req, res);
  });
  server.keepAliveTimeout = 5000;

  await new Promise((done) => server.listen(port, host, done));
  log.info({ host, port }, 'listening');

  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
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
