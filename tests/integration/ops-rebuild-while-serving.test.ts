// `npm run build` while the portal is serving: the new build is written to a fresh folder and swapped in,
// and the running server keeps answering every route from its own build — pages it has not loaded yet,
// actions and server islands included — until it is restarted. (One real build: a slow test.)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { BUILD_DIR, startServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { freshBuildDir, pruneBuilds, removeBuild, swapIn, usersOf } from '../../scripts/build/releases.mjs';
import type { AuthzCase, AuthzDomain, AuthzFixture, Outcome } from './authz/types.ts';

const tmp = mkdtempSync(join(tmpdir(), 'skbn-rebuild-'));
const target = join(tmp, 'site');
let server: RunningServer | undefined;
let db: Db | undefined;
let first: string | undefined;

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
  removeBuild(target);
  if (first) rmSync(first, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

async function domains(): Promise<AuthzDomain[]> {
  const dir = resolve('tests/integration/authz');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'types.ts');
  return Promise.all(files.map(async (f) => ((await import(pathToFileURL(join(dir, f)).href)) as { default: AuthzDomain }).default));
}

function build(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    let output = '';
    const child = spawn(process.execPath, ['scripts/build.mjs'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('rebuilding under a running server', () => {
  it('swaps the new build in while the running server keeps answering every route from its own build', { timeout: 900_000 }, async () => {
    // The running build lives in the target's own builds folder, like a deployed `dist`.
    first = freshBuildDir(target, new Date('2000-01-01T00:00:00Z'));
    cpSync(realpathSync(BUILD_DIR), first, { recursive: true });
    rmSync(join(first, '.in-use'), { recursive: true, force: true });
    swapIn(target, first);
    server = await startServer({ env: { BUILD_DIR: target } });
    db = openDb(server.dbPath);
    expect(usersOf(first)).toEqual([server.process.pid]);

    // Everything the rebuilt routes will need, made before the build so no page is loaded early.
    const fixture: AuthzFixture = {
      db,
      users: { medlem: createTestUser(db, { role: 'member' }), samordnare: createTestUser(db, { role: 'coordinator' }), admin: createTestUser(db, { role: 'admin' }) },
      createUser: (options = {}) => createTestUser(db!, options),
    };
    const cases: Array<{ c: AuthzCase; params: Record<string, string>; actors: Record<string, number> }> = [];
    for (const d of await domains()) {
      const { params, actors = {} } = d.setup(fixture);
      for (const c of d.cases) cases.push({ c, params, actors: { medlem: fixture.users.medlem.id, samordnare: fixture.users.samordnare.id, admin: fixture.users.admin.id, ...actors } });
    }
    const clientDir = join(first, 'client');
    const pages = walk(clientDir)
      .filter((f) => f.endsWith('index.html') && !f.includes(`${join(clientDir, 'pagefind')}`))
      .map((f) => '/' + relative(clientDir, f).replace(/(^|\/)index\.html$/, ''));
    expect(pages).toContain('/guider/mentorskap');

    // Requests keep coming while the build runs.
    const during: string[] = [];
    let building = true;
    const traffic = (async () => {
      while (building) {
        for (const path of ['/healthz', '/guider/7tjugo']) {
          const res = await fetch(server!.url + path);
          await res.arrayBuffer();
          if (res.status !== 200) during.push(`${path}: ${res.status}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const result = await build({ BUILD_DIR: target });
    building = false;
    await traffic;
    expect(result.code, result.output).toBe(0);
    expect(during).toEqual([]);
    const second = realpathSync(target);
    expect(second).not.toBe(realpathSync(first));
    expect(existsSync(join(second, 'client', 'guider', 'mentorskap', 'index.html.br'))).toBe(true);
    // Pruning never takes the folder a live server serves, even with nothing else kept.
    expect(pruneBuilds(target, 0)).toEqual([]);
    expect(existsSync(first)).toBe(true);

    const failures: string[] = [];
    for (const path of pages) {
      const res = await fetch(server.url + path);
      await res.arrayBuffer();
      if (res.status !== 200) failures.push(`GET ${path}: ${res.status}`);
    }
    // Server islands: the guide page's island must still decrypt with the running build's key.
    const guide = await (await fetch(`${server.url}/guider/mentorskap`)).text();
    const islands = [...guide.matchAll(/["'](\/_server-islands\/[^"']+)["']/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(islands.length, 'server islands on the guide page').toBeGreaterThan(0);
    for (const path of islands) {
      const res = await fetch(server.url + path);
      const body = await res.text();
      if (res.status !== 200) failures.push(`island ${path}: ${res.status} ${body.slice(0, 200)}`);
    }
    // Every on-demand route and action from the authorization matrix, as an actor it allows (or anonymous).
    for (const { c, params, actors } of cases) {
      const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => params[k]!);
      const actor = (['admin', 'coordinator', 'member', ...Object.keys(actors)] as string[]).find((a) => (c.expect[a] as Outcome | undefined) === 'ok') ?? 'anonymous';
      const client = new Client(server.url);
      if (actor !== 'anonymous') loginAs(client, db, actors[actor]!);
      const fields = Object.fromEntries(Object.entries(c.fields ?? {}).map(([k, v]) => [k, fill(v)]));
      const res = c.method === 'GET' ? await client.get(fill(c.path)) : await client.post(fill(c.path), fields);
      const body = await res.text();
      if (res.status >= 500 || /ERR_MODULE_NOT_FOUND|Encrypted componentExport/.test(body)) failures.push(`${c.method} ${c.route} as ${actor}: ${res.status} ${body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(server.output()).not.toMatch(/ERR_MODULE_NOT_FOUND|Encrypted componentExport/);
  });
});
