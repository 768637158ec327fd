// The authorization matrix: every on-demand route and every action, for every actor, against the
// outcome written in the table (tests/integration/authz/<domain>.ts). Fails when a route or action
// exists without a row, or a row names something that does not exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { upgradeStatus } from '../helpers/collab.ts';
import { COLLAB_PATH } from '#lib/collab/settings.ts';
import type { AuthzDomain, AuthzFixture, BaseActor, Outcome } from './authz/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE_ACTORS: BaseActor[] = ['anonymous', 'medlem', 'samordnare', 'admin'];

// ---- discovery ----

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** src/pages/aktiviteter/[slug]/index.astro → '/aktiviteter/[slug]'. */
export function routeFromFile(pagesDir: string, file: string): string {
  const rel = relative(pagesDir, file).split(sep).join('/');
  const withoutExt = rel.replace(/\.(astro|ts|js|mjs|md|mdx|html)$/, '');
  const route = ('/' + withoutExt).replace(/\/index$/, '');
  return route === '' ? '/' : route;
}

export function discoverOnDemandRoutes(): string[] {
  const pagesDir = join(ROOT, 'src/pages');
  return walk(pagesDir)
    .filter((f) => /\.(astro|ts|js|mjs)$/.test(f))
    .filter((f) => /export\s+const\s+prerender\s*=\s*false/.test(readFileSync(f, 'utf8')))
    .map((f) => routeFromFile(pagesDir, f))
    .sort();
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function exportedObject(source: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  for (const stmt of source.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const decl of stmt.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) {
        let init: ts.Expression = decl.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
        if (ts.isObjectLiteralExpression(init)) return init;
      }
    }
  }
  return undefined;
}

function importedFile(source: ts.SourceFile, identifier: string, fromFile: string): string | undefined {
  for (const stmt of source.statements) {
    if (!ts.isImportDeclaration(stmt) || !stmt.importClause?.namedBindings || !ts.isNamedImports(stmt.importClause.namedBindings)) continue;
    for (const el of stmt.importClause.namedBindings.elements) {
      if (el.name.text === identifier) return resolve(fromFile, '..', (stmt.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return undefined;
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!p.name) return undefined;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return undefined;
}

/** Action names ('auth.login') from src/actions/index.ts's `server` object and the files it imports. */
export function discoverActions(): string[] {
  const indexFile = join(ROOT, 'src/actions/index.ts');
  const names: string[] = [];
  const visit = (obj: ts.ObjectLiteralExpression, prefix: string, file: string, source: ts.SourceFile) => {
    for (const prop of obj.properties) {
      const key = propertyName(prop);
      if (!key) throw new Error(`Unsupported property in ${file}: ${prop.getText()}`);
      const name = prefix ? `${prefix}.${key}` : key;
      const value = ts.isShorthandPropertyAssignment(prop) ? prop.name : ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
      if (value && ts.isObjectLiteralExpression(value)) visit(value, name, file, source);
      else if (value && ts.isIdentifier(value)) {
        const local = exportedObject(source, value.text);
        const imported = local ? undefined : importedFile(source, value.text, file);
        if (local) visit(local, name, file, source);
        else if (imported) {
          const importedSource = parse(imported);
          const obj = exportedObject(importedSource, value.text);
          if (!obj) throw new Error(`Could not find exported object ${value.text} in ${imported}`);
          visit(obj, name, imported, importedSource);
        } else names.push(name);
      } else names.push(name); // defineAction(...) call
    }
  };
  const source = parse(indexFile);
  const server = exportedObject(source, 'server');
  if (!server) throw new Error('src/actions/index.ts has no `export const server = { … }`');
  visit(server, '', indexFile, source);
  return names.map((n) => `action:${n}`).sort();
}

/** WebSocket endpoints (the live co-writing server attached in scripts/serve.mjs). */
export function discoverSockets(): string[] {
  return [`socket:${COLLAB_PATH}/[ideaId]/[sectionKey]`, `socket:${COLLAB_PATH}/[ideaId]`];
}

async function loadDomains(): Promise<AuthzDomain[]> {
  const dir = join(import.meta.dirname, 'authz');
  const files = readdirSync(dir).filter((f) => /\.ts$/.test(f) && f !== 'types.ts').sort();
  const domains: AuthzDomain[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: AuthzDomain };
    if (!mod.default) throw new Error(`tests/integration/authz/${f} has no default export`);
    domains.push(mod.default);
  }
  return domains;
}

// ---- outcome check ----

async function outcomeOf(res: Response, isAction: boolean): Promise<{ outcome: Outcome | 'other'; detail: string }> {
  const location = res.headers.get('location') ?? '';
  const detail = `${res.status}${location ? ` → ${location}` : ''}`;
  await res.body?.cancel();
  if (isAction) {
    if (res.status === 401) return { outcome: 'login', detail };
    if (res.status === 403) return { outcome: 'forbidden', detail };
    return { outcome: res.status < 500 ? 'ok' : 'other', detail };
  }
  if (res.status >= 300 && res.status < 400) {
    const target = new URL(location, 'http://x');
    if (target.pathname === '/logga-in' && target.searchParams.has('next')) return { outcome: 'login', detail };
    return { outcome: 'ok', detail };
  }
  if (res.status === 403) return { outcome: 'forbidden', detail };
  if (res.status >= 200 && res.status < 300) return { outcome: 'ok', detail };
  return { outcome: 'other', detail };
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!(key in params)) throw new Error(`No value for {${key}} from setup()`);
    return params[key]!;
  });
}

// ---- the test ----

const domains = await loadDomains();
let server: RunningServer;
let db: Db;
const state = new Map<string, { params: Record<string, string>; actors: Record<string, number> }>();

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  const base = {
    medlem: createTestUser(db, { role: 'member' }),
    samordnare: createTestUser(db, { role: 'coordinator' }),
    admin: createTestUser(db, { role: 'admin' }),
  };
  const fixture: AuthzFixture = {
    db,
    users: { medlem: base.medlem, samordnare: base.samordnare, admin: base.admin },
    createUser: (options = {}) => createTestUser(db, options),
  };
  for (const domain of domains) {
    const { params, actors = {} } = domain.setup(fixture);
    state.set(domain.name, { params, actors: { medlem: base.medlem.id, samordnare: base.samordnare.id, admin: base.admin.id, ...actors } });
  }
});


describe('authorization matrix', () => {
  it('lists every on-demand route and every action, and nothing that does not exist', () => {
    const covered = new Set(domains.flatMap((d) => d.cases.map((c) => c.route)));
    const existing = [...discoverOnDemandRoutes(), ...discoverActions(), ...discoverSockets()];
    expect(existing.length).toBeGreaterThan(0);
    const missing = existing.filter((r) => !covered.has(r));
    expect(missing, 'routes/actions without a row in tests/integration/authz/*.ts').toEqual([]);
    const stale = [...covered].filter((r) => !existing.includes(r));
    expect(stale, 'rows for routes/actions that do not exist (or are not on-demand)').toEqual([]);
  });

  it('discovers routes and actions the way the table names them', () => {
    const pages = join(ROOT, 'src/pages');
    expect(routeFromFile(pages, join(pages, 'aktiviteter/[slug]/index.astro'))).toBe('/aktiviteter/[slug]');
    expect(routeFromFile(pages, join(pages, 'index.astro'))).toBe('/');
    expect(routeFromFile(pages, join(pages, 'healthz.ts'))).toBe('/healthz');
    expect(discoverActions()).toContain('action:auth.login');
    expect(discoverOnDemandRoutes()).toContain('/mina-sidor');
  });

  for (const domain of domains) {
    describe(domain.name, () => {
      for (const c of domain.cases) {
        it(`${c.method} ${c.route}`, async () => {
          const { params, actors } = state.get(domain.name)!;
          for (const actor of BASE_ACTORS) expect(c.expect, `${c.route} must list ${actor}`).toHaveProperty(actor);
          const failures: string[] = [];
          for (const [actor, expected] of Object.entries(c.expect)) {
            const client = new Client(server.url);
            if (actor !== 'anonymous') {
              const id = actors[actor];
              if (id === undefined) throw new Error(`Unknown actor "${actor}" in ${c.route}`);
              loginAs(client, db, id); // a fresh session per request: earlier cases may have logged the actor out
            }
            const path = fill(c.path, params);
            const fields = Object.fromEntries(Object.entries(c.fields ?? {}).map(([k, v]) => [k, fill(v, params)]));
            if (c.method === 'UPGRADE') {
              const token = client.cookie('session');
              const status = await upgradeStatus(server.url, path, { origin: server.url, ...(token ? { cookie: `session=${token}` } : {}) });
              const outcome = status === 101 ? 'ok' : status === 401 ? 'login' : status === 403 ? 'forbidden' : 'other';
              if (outcome !== expected) failures.push(`${actor}: expected ${expected}, got ${outcome} (UPGRADE ${path}: ${status})`);
              continue;
            }
            const res = c.method === 'GET' ? await client.get(path) : await client.post(path, fields);
            const { outcome, detail } = await outcomeOf(res, c.route.startsWith('action:'));
            if (outcome !== expected) failures.push(`${actor}: expected ${expected}, got ${outcome} (${c.method} ${path}: ${detail})`);
          }
          expect(failures).toEqual([]);
        });
      }
    });
  }
});
