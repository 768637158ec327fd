// The process-wide live co-writing server. Built inside the Astro bundle (so it shares the bundle's
// database connection and domain code) and published on globalThis for scripts/serve.mjs, which
// owns the http.Server and hands it upgrade requests (scripts/collab-upgrade.mjs).
import { getDb } from '#lib/db.ts';
import { createCollabServer, type CollabServer } from './sync-server.ts';

const KEY = Symbol.for('skaraborgsnatet.collab');
type WithCollab = typeof globalThis & { [KEY]?: CollabServer };

export function collab(): CollabServer {
  const g = globalThis as WithCollab;
  return (g[KEY] ??= createCollabServer(getDb));
}
