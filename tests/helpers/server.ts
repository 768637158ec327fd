import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';

export const BUILD_DIR = resolve(process.env.BUILD_DIR ?? 'dist');
const ENTRY = join(BUILD_DIR, 'server', 'entry.mjs');
const SERVE = resolve('scripts/serve.mjs');

export interface RunningServer {
  url: string;
  dbPath: string;
  dir: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/**
 * Starts the built portal on a free port with its own temporary database.
 * Demo data is off unless asked for, so each test controls its own data.
 */
export async function startServer(options: { demoData?: boolean; env?: Record<string, string>; dbPath?: string } = {}): Promise<RunningServer> {
  if (!existsSync(ENTRY)) throw new Error(`No build at ${ENTRY}: run "npm run build" first.`);
  const dir = mkdtempSync(join(tmpdir(), 'skbn-test-'));
  const dbPath = options.dbPath ?? join(dir, 'portal.db');
  const port = await freePort();
  let log = '';
  // The server loads no TypeScript source at run time (scripts/serve.mjs: loadPortal), so Node's type stripper
  // never starts; with it switched off, a .ts import slipping into the start path fails every server test.
  // (Demo data is loaded from the TypeScript seed modules, so the switch stays on for it.)
  const nodeArgs = options.demoData ? [] : ['--no-experimental-strip-types'];
  const child = spawn(process.execPath, [...nodeArgs, SERVE], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: dbPath,
      DEMO_DATA: options.demoData ? 'on' : 'off',
      NODE_ENV: 'test',
      BUILD_DIR,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  // Start-up (module loading, migrations) can take long on a busy machine.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Server exited (${child.exitCode}):\n${log}`);
    try {
      // /healthz opens (and migrates) the database, so the server is ready for writes after this.
      const res = await fetch(`${url}/healthz`);
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`Server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dbPath,
    dir,
    process: child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the portal before a test file's tests and stops it afterwards; `ready` receives the server
 * and a connection to its database (for fixtures and checks), closed again at the end.
 */
export function useServer(ready: (ctx: { server: RunningServer; db: Db }) => void, options: Parameters<typeof startServer>[0] = {}): void {
  let ctx: { server: RunningServer; db: Db } | undefined;
  beforeAll(async () => {
    const server = await startServer(options);
    ctx = { server, db: openDb(server.dbPath) };
    ready(ctx);
  });
  afterAll(async () => {
    ctx?.db.$client.close();
    await ctx?.server.stop();
  });
}
