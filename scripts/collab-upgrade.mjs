// Hands WebSocket upgrade requests to the live co-writing server (src/lib/collab/), which the Astro
// bundle publishes on globalThis when its middleware loads; any other upgrade is refused.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const KEY = Symbol.for('skaraborgsnatet.collab');

export function attachCollab(server, buildDir = process.env.BUILD_DIR ?? 'dist') {
  // Astro loads the middleware on the first request; load it now so editors reconnecting right after a
  // restart find the server before any page has been requested.
  const middleware = resolve(buildDir, 'server', 'virtual_astro_middleware.mjs');
  if (existsSync(middleware)) import(pathToFileURL(middleware).href).catch(() => {});

  server.on('upgrade', (req, socket, head) => {
    // A client that hangs up mid-handshake must not take the process down with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const collab = globalThis[KEY];
    let handled = false;
    try {
      handled = collab?.handleUpgrade(req, socket, head) ?? false;
    } catch (error) {
      console.error('collab upgrade failed', error);
      socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (handled) return;
    const status = collab ? '404 Not Found' : '503 Service Unavailable';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  // Live text becomes a revision and editors are told to reconnect before the process stops.
  const stop = () => globalThis[KEY]?.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
