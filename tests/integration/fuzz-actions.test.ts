// Fuzz test (issue 6, "Bad input"): every Astro Action and every POST endpoint gets malformed,
// oversized, wrong-typed, missing and hostile input as an authorised user, a plain member and an
// anonymous visitor. Never a 5xx; a rejection is a 4xx with a Swedish message (or a redirect) and
// leaves every table's row count unchanged (outbox included: a rejected request sends no mail).
// No table is excluded: rate limits live in memory, and attempt counters are columns (updates).
// Stored hostile text must render escaped. Cases come from a seeded PRNG: FUZZ_SEED=<n> reproduces.
// The default run is bounded: every fixed case (each field missing, wrong-typed, oversized, hostile …) plus
// a few random ones per action; FUZZ_SCALE=<n> multiplies the random cases for long runs (e.g. 20 nightly).
//
// Baselines come from the authorization matrix (tests/integration/authz/*.ts): its setup() builds the
// fixtures and each action row's fields are a valid-shaped request, which the fuzzer then corrupts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, users } from '#db/schema/index.ts';
import { openDb, type Db } from '#lib/db.ts';
import { createSession, generateSessionToken, SESSION_COOKIE } from '#lib/auth/session.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import {
  actionErrorMessages,
  countDiff,
  HOSTILE_VALUES,
  isSwedish,
  multipart,
  rawPost,
  Rng,
  show,
  tableCounter,
  urlencoded,
  type Fields,
} from '../helpers/fuzz.ts';
import type { AuthzCase, AuthzDomain, AuthzFixture, Outcome } from './authz/types.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const ROOT = resolve(import.meta.dirname, '../..');
/** Long runs: FUZZ_SCALE multiplies the random cases (default 1). */
const SCALE = Math.max(1, Math.floor(Number(process.env.FUZZ_SCALE ?? 1)) || 1);
/** Random single-field cases per action for the authorised actor, and for each of the others. */
const RANDOM_CASES_AUTHORISED = 8 * SCALE;
const RANDOM_CASES_OTHERS = 2 * SCALE;
const ONE_MB = 1024 * 1024;

// ---- discovery ----

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** 'group.name' for every defineAction in the files src/actions/index.ts wires into `server`. */
function discoverActions(): string[] {
  const index = readFileSync(join(ROOT, 'src/actions/index.ts'), 'utf8');
  const groups = [...index.matchAll(/import \{ (\w+) \} from '\.\/(\w+)\.ts'/g)].map((m) => ({ name: m[1]!, file: m[2]! }));
  const wired = /export const server = \{([^}]*)\}/.exec(index)![1]!.split(',').map((s) => s.trim()).filter(Boolean);
  return groups
    .filter((g) => wired.includes(g.name))
    .flatMap((g) => [...readFileSync(join(ROOT, 'src/actions', `${g.file}.ts`), 'utf8').matchAll(/^ {2}(\w+): defineAction\(/gm)].map((m) => `${g.name}.${m[1]}`))
    .sort();
}

/** Route patterns of files under src/pages that handle POST themselves (endpoints). */
function discoverPostEndpoints(): string[] {
  const pages = join(ROOT, 'src/pages');
  return walk(pages)
    .filter((f) => /\.(ts|js|mjs)$/.test(f))
    .filter((f) => /export\s+(const|async function|function)\s+(POST|ALL)\b/.test(readFileSync(f, 'utf8')))
    .map((f) => ('/' + relative(pages, f).split(sep).join('/').replace(/\.(ts|js|mjs)$/, '')).replace(/\/index$/, '') || '/')
    .sort();
}

async function loadDomains(): Promise<AuthzDomain[]> {
  const dir = join(import.meta.dirname, 'authz');
  const files = readdirSync(dir).filter((f) => /\.ts$/.test(f) && f !== 'types.ts').sort();
  return Promise.all(files.map(async (f) => ((await import(pathToFileURL(join(dir, f)).href)) as { default: AuthzDomain }).default));
}

const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`);

// ---- the cases ----

type Kind =
  | 'junk-all'
  | 'missing-all'
  | 'oversized'
  | 'json-valid'
  | 'json-invalid'
  | 'text-plain'
  | 'no-content-type'
  | 'multipart-broken'
  | 'single'
  | 'missing-one'
  | 'duplicate'
  | 'array-syntax'
  | 'extra-fields'
  | 'multipart-file';

interface FuzzCase {
  kind: Kind;
  description: string;
  body: Buffer | string | null;
  contentType: string | null;
  /** Malformed for certain: a 2xx (or a state change) is a failure. */
  mustReject: boolean;
}

/** Fields that must never be taken from a form (mass assignment). */
const EXTRA_FIELDS: Fields = [
  ['role', 'admin'],
  ['status', 'active'],
  ['isContactPerson', 'true'],
  ['passwordHash', 'x'],
  ['emailVerifiedAt', '0'],
  ['createdById', '1'],
  ['__proto__[isAdmin]', 'true'],
  ['constructor[prototype][isAdmin]', 'true'],
];

/**
 * Values that are wrong for certain in the named fields (whatever the PRNG picks): negative, zero,
 * huge, NaN and fractional capacities; impossible dates and times. `opensAt`/`closesAt` are added to
 * forms that have dates even when the baseline leaves them out.
 */
const TARGETED: Record<string, string[]> = {
  capacity: ['-1', '0', '-999999999999999999999', '1e400', 'NaN', '2.5', '[5]'],
  quota: ['-5', '0', 'NaN'],
  date: ['2026-02-30', '2026-13-01', '0000-00-00'],
  start: ['25:61', '9'],
  end: ['24:60', '-1:00'],
  opensAt: ['2026-02-30T25:61', '2026-02-30 25:61'],
  closesAt: ['2026-02-30T25:61', '9999-99-99 99:99'],
};

function targetedCases(baseline: Fields): FuzzCase[] {
  const names = new Set(baseline.map(([k]) => k));
  if (names.has('date')) names.add('opensAt').add('closesAt');
  return [...names].flatMap((name) =>
    (TARGETED[name] ?? []).map((value): FuzzCase => {
      const fields: Fields = [...baseline.filter(([k]) => k !== name), [name, value]];
      return { kind: 'single', description: `${name} = ${JSON.stringify(value)} (targeted)`, body: urlencoded(fields), contentType: 'application/x-www-form-urlencoded', mustReject: true };
    }),
  );
}

function fixedCases(baseline: Fields, rng: Rng, authorised: boolean): FuzzCase[] {
  const has = baseline.length > 0;
  const junk = (): Fields => baseline.map(([k]) => [k, rng.pick(HOSTILE_VALUES).value]);
  const form = 'application/x-www-form-urlencoded';
  const cases: FuzzCase[] = [];
  const junkRounds = authorised ? 3 : 1;
  for (let i = 0; i < junkRounds && has; i++) {
    const fields = junk();
    cases.push({ kind: 'junk-all', description: `every field hostile: ${fields.map(([k, v]) => `${k}=${show(v)}`).join(', ')}`, body: urlencoded(fields), contentType: form, mustReject: true });
  }
  if (has) cases.push({ kind: 'missing-all', description: 'empty form', body: '', contentType: form, mustReject: true });
  const bigField = baseline[0]?.[0] ?? 'x';
  cases.push({ kind: 'oversized', description: `${bigField} = 1 MB string`, body: urlencoded([...baseline.filter(([k]) => k !== bigField), [bigField, 'a'.repeat(ONE_MB + 100)]]), contentType: form, mustReject: true });
  if (!authorised) return cases;
  cases.push(...targetedCases(baseline));
  cases.push({ kind: 'json-valid', description: 'valid JSON body', body: JSON.stringify(Object.fromEntries(baseline)), contentType: 'application/json', mustReject: true });
  cases.push({ kind: 'json-invalid', description: 'malformed JSON body', body: '{"slug": "x", ', contentType: 'application/json', mustReject: true });
  cases.push({ kind: 'text-plain', description: 'text/plain body', body: 'slug=x', contentType: 'text/plain', mustReject: true });
  if (has) cases.push({ kind: 'no-content-type', description: 'no content-type', body: null, contentType: null, mustReject: true });
  cases.push({ kind: 'multipart-broken', description: 'multipart without a valid part', body: '--zzz\r\nnonsense', contentType: 'multipart/form-data; boundary=zzz', mustReject: true });
  return cases;
}

function randomCase(baseline: Fields, rng: Rng): FuzzCase {
  const form = 'application/x-www-form-urlencoded';
  const kinds: Kind[] = baseline.length ? ['single', 'single', 'single', 'missing-one', 'duplicate', 'array-syntax', 'extra-fields', 'multipart-file'] : ['extra-fields', 'single'];
  const kind = rng.pick(kinds);
  const hostile = rng.pick(HOSTILE_VALUES);
  const [key] = baseline.length ? rng.pick(baseline) : ['x'];
  switch (kind) {
    case 'missing-one':
      return { kind, description: `without ${key}`, body: urlencoded(baseline.filter(([k]) => k !== key)), contentType: form, mustReject: false };
    case 'duplicate': {
      const first = rng.next() < 0.5;
      const fields: Fields = baseline.flatMap(([k, v]): Fields => (k !== key ? [[k, v]] : first ? [[k, hostile.value], [k, v]] : [[k, v], [k, hostile.value]]));
      return { kind, description: `${key} twice, ${first ? 'first' : 'second'} = ${hostile.label} ${show(hostile.value)}`, body: urlencoded(fields), contentType: form, mustReject: false };
    }
    case 'array-syntax': {
      const fields: Fields = [...baseline.filter(([k]) => k !== key), [`${key}[]`, hostile.value], [`${key}[0]`, 'a'], [`${key}.0`, 'b']];
      return { kind, description: `${key} as array syntax (${hostile.label})`, body: urlencoded(fields), contentType: form, mustReject: false };
    }
    case 'extra-fields': {
      const names = new Set(baseline.map(([k]) => k));
      const fields: Fields = [...baseline, ...EXTRA_FIELDS.filter(([k]) => !names.has(k))];
      return { kind, description: 'extra fields (role=admin, status, __proto__ …)', body: urlencoded(fields), contentType: form, mustReject: false };
    }
    case 'multipart-file': {
      const boundary = `fuzz${rng.int(1e9)}`;
      return { kind, description: `multipart with ${key} as a file`, body: multipart(baseline, boundary, new Set([key])), contentType: `multipart/form-data; boundary=${boundary}`, mustReject: false };
    }
    default: {
      const fields: Fields = baseline.length ? baseline.map(([k, v]) => [k, k === key ? hostile.value : v]) : [['x', hostile.value]];
      const asMultipart = rng.next() < 0.2;
      const boundary = `fuzz${rng.int(1e9)}`;
      return {
        kind: 'single',
        description: `${key} = ${hostile.label} ${show(hostile.value)}${asMultipart ? ' (multipart)' : ''}`,
        body: asMultipart ? multipart(fields, boundary) : urlencoded(fields),
        contentType: asMultipart ? `multipart/form-data; boundary=${boundary}` : form,
        mustReject: false,
      };
    }
  }
}

// ---- checking a response ----

interface Sent {
  target: string;
  path: string;
  actor: string;
  fuzz: FuzzCase;
  /** Whether this actor may succeed at all (matrix outcome 'ok'). */
  allowed: boolean;
  /** Endpoints that ignore or tolerate their body by design (no rejection expected). */
  tolerant?: boolean;
}

/**
 * Row-count changes a rejection may make by design. auth.verify: after too many wrong codes (or an
 * expired one) the verification request is deleted, so the code cannot be guessed further — the
 * rejection burns it on purpose. Nothing may ever be added by a rejection.
 */
const MAY_SHRINK_ON_REJECTION: Record<string, string[]> = { 'auth.verify': ['email_verification_requests'] };

function unexpectedChanges(target: string, before: Record<string, number>, after: Record<string, number>): string[] {
  const mayShrink = MAY_SHRINK_ON_REJECTION[target] ?? [];
  return countDiff(before, after).filter((line) => {
    const table = line.split(':')[0]!;
    return !(mayShrink.includes(table) && after[table]! < before[table]!);
  });
}

let server: RunningServer;
let db: Db;
let counts: () => Record<string, number>;
const actorIds = new Map<string, number>();
const stats = { requests: 0, rejected: 0, accepted: 0, redirected: 0 };

function cookieFor(actor: string): string | undefined {
  if (actor === 'anonymous') return undefined;
  const id = actorIds.get(actor);
  if (id === undefined) throw new Error(`unknown actor ${actor}`);
  const token = generateSessionToken();
  createSession(db, token, id); // a fresh session per request: a fuzzed request may have ended the last one
  return `${SESSION_COOKIE}=${token}`;
}

async function check(s: Sent): Promise<string | null> {
  const cookie = cookieFor(s.actor);
  const before = counts();
  let res: Response;
  try {
    res = await rawPost(server.url, s.path, s.fuzz.body, s.fuzz.contentType, cookie);
  } catch (error) {
    const exited = server.process.exitCode !== null || server.process.signalCode !== null;
    return `[seed ${SEED}] ${s.target} as ${s.actor} — ${s.fuzz.kind}: ${s.fuzz.description}: request failed (${(error as Error).message})${exited ? `; the server died:\n${server.output().slice(-3000)}` : ''}`;
  }
  const text = await res.text();
  const after = counts();
  stats.requests++;
  const where = `[seed ${SEED}] ${s.target} as ${s.actor} — ${s.fuzz.kind}: ${s.fuzz.description} → ${res.status}`;
  const changed = unexpectedChanges(s.target, before, after);
  if (res.status >= 500) return `${where}: server error ${text.slice(0, 200)}`;
  if (res.status >= 300 && res.status < 400) {
    stats.redirected++;
    if (s.fuzz.mustReject && !s.tolerant && changed.length) return `${where}: redirect after malformed input but rows changed (${changed.join('; ')})`;
    return null;
  }
  if (res.status < 300) {
    stats.accepted++;
    if (s.tolerant) return null;
    if (s.fuzz.mustReject) return `${where}: malformed input accepted (${text.slice(0, 200)})${changed.length ? `; rows changed: ${changed.join('; ')}` : ''}`;
    if (!s.allowed) return `${where}: accepted for an actor without the right (${text.slice(0, 200)})`;
    return null;
  }
  stats.rejected++;
  const problems: string[] = [];
  if (changed.length) problems.push(`rejected but rows changed: ${changed.join('; ')}`);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`unparseable JSON ${text.slice(0, 100)}`);
    }
    const messages = body === undefined ? [] : actionErrorMessages(body);
    const notSwedish = messages.filter((m) => !isSwedish(m));
    if (!messages.length || notSwedish.length) problems.push(`message not Swedish: ${JSON.stringify(notSwedish.length ? notSwedish : body).slice(0, 300)}`);
  } else if (type.includes('text/html')) {
    // A form page re-rendered with the error: a Swedish alert, and none of the framework's English texts.
    if (!/role="alert"/.test(text)) problems.push('HTML error page without an error message (role="alert")');
    const english = /Request body exceeds|This action only accepts|Cross-site/.exec(text);
    if (english) problems.push(`English framework text on the page: ${english[0]}`);
  } else if (!isSwedish(text)) {
    problems.push(`non-Swedish ${type || 'untyped'} body: ${text.slice(0, 200)}`);
  }
  return problems.length ? `${where}: ${problems.join('; ')}` : null;
}

// ---- setup ----

const domains = await loadDomains();
const params: Record<string, string> = {};
const actionCases = new Map<string, AuthzCase>();
const endpointCases = new Map<string, AuthzCase>();
for (const d of domains) {
  for (const c of d.cases) {
    if (c.route.startsWith('action:')) {
      if (!actionCases.has(c.route.slice(7))) actionCases.set(c.route.slice(7), c);
    } else if (c.method === 'POST' && !endpointCases.has(c.route)) endpointCases.set(c.route, c);
  }
}

beforeAll(async () => {
  // Background jobs off: the sweeps must not write (reminders, digests) while counts are compared.
  server = await startServer({ env: { ACTIVITY_JOBS: 'off', IDEA_JOBS: 'off' } });
  db = openDb(server.dbPath);
  const base = {
    medlem: createTestUser(db, { role: 'member' }),
    samordnare: createTestUser(db, { role: 'coordinator' }),
    admin: createTestUser(db, { role: 'admin' }),
  };
  for (const [k, v] of Object.entries(base)) actorIds.set(k, v.id);
  const fixture: AuthzFixture = { db, users: base, createUser: (options = {}) => createTestUser(db, options) };
  for (const d of domains) {
    const out = d.setup(fixture);
    for (const [k, v] of Object.entries(out.params)) {
      if (k in params && params[k] !== v) throw new Error(`param {${k}} is defined by two domains`);
      params[k] = v;
    }
    for (const [k, v] of Object.entries(out.actors ?? {})) actorIds.set(k, v);
  }
  counts = tableCounter(db);
});

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

/** The actor that may use the action (admin when the matrix allows it), so validation is what is exercised. */
function authorisedActor(c: AuthzCase): string {
  const order = ['admin', ...Object.keys(c.expect).filter((a) => !['anonymous', 'medlem', 'samordnare', 'admin'].includes(a)), 'samordnare', 'medlem'];
  return order.find((a) => c.expect[a] === 'ok') ?? 'admin';
}

function baselineOf(c: AuthzCase): Fields {
  return Object.entries(c.fields ?? {}).map(([k, v]) => [k, fill(v, params)]);
}

describe('fuzzed input', () => {
  it('covers every action and every POST endpoint', () => {
    const actions = discoverActions();
    expect(actions.length).toBeGreaterThan(30);
    expect(actions.filter((a) => !actionCases.has(a)), 'actions without a baseline row in tests/integration/authz').toEqual([]);
    const endpoints = discoverPostEndpoints();
    expect(endpoints).toContain('/logga-ut');
    expect(endpoints.filter((e) => !endpointCases.has(e)), 'POST endpoints without a row in tests/integration/authz').toEqual([]);
  });

  for (const name of discoverActions()) {
    it(`action ${name}`, async () => {
      const c = actionCases.get(name);
      expect(c, `no baseline for ${name}`).toBeDefined();
      const rng = new Rng(SEED ^ [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, 7));
      const baseline = baselineOf(c!);
      const path = `/_actions/${name}`;
      const authorised = authorisedActor(c!);
      const failures: string[] = [];
      for (const actor of [authorised, 'medlem', 'anonymous'].filter((a, i, all) => all.indexOf(a) === i)) {
        const isAuthorised = actor === authorised;
        const allowed = (c!.expect as Record<string, Outcome>)[actor] === 'ok';
        const cases = [...fixedCases(baseline, rng, isAuthorised)];
        const n = isAuthorised ? RANDOM_CASES_AUTHORISED : RANDOM_CASES_OTHERS;
        for (let i = 0; i < n; i++) cases.push(randomCase(baseline, rng));
        for (const fuzz of cases) {
          const failure = await check({ target: name, path, actor, fuzz, allowed });
          if (failure) failures.push(failure);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('unknown and odd action names get a Swedish 404 or 400', async () => {
    const failures: string[] = [];
    for (const name of ['auth.doesNotExist', 'auth', 'constructor', '__proto__', 'auth.__proto__', 'auth.login.call', 'toString', 'auth.login%00', 'auth.login.', '.auth.login']) {
      for (const actor of ['admin', 'anonymous']) {
        const failure = await check({
          target: `/_actions/${name}`,
          path: `/_actions/${name}`,
          actor,
          allowed: false,
          fuzz: { kind: 'junk-all', description: 'unknown action', body: urlencoded([['x', '1']]), contentType: 'application/x-www-form-urlencoded', mustReject: true },
        });
        if (failure) failures.push(failure);
      }
    }
    expect(failures).toEqual([]);
  });

  // Form posts (`<page>?_action=name`, what a browser without JavaScript sends) for a sample of actions.
  const FORM_PAGES: Array<[string, string]> = [
    ['auth.login', '/logga-in'],
    ['auth.signup', '/skapa-konto'],
    ['auth.requestReset', '/glomt-losenord'],
    ['auth.updateProfile', '/mina-sidor/profil'],
    ['auth.changePassword', '/mina-sidor/sakerhet'],
    ['auth.saveOrganisation', '/admin/organisationer'],
    ['activities.create', '/aktiviteter/ny'],
    ['activities.register', '/aktiviteter/{pub}'],
    ['activities.update', '/aktiviteter/{pub}/redigera'],
    ['activities.mailParticipants', '/aktiviteter/{pub}/deltagare'],
    ['clusters.createGroup', '/klustergrupper/ny'],
    ['clusters.saveSection', '/klustergrupper/{slugA}/ideer/{ideaA}/avsnitt/budget'],
    ['clusters.addComment', '/klustergrupper/{slugA}/ideer/{ideaA}/avsnitt/problemformulering'],
  ];
  for (const [name, page] of FORM_PAGES) {
    it(`form post ${page}?_action=${name}`, async () => {
      const c = actionCases.get(name)!;
      const rng = new Rng(SEED + name.length * 7919);
      const baseline = baselineOf(c);
      const path = `${fill(page, params)}?_action=${name}`;
      const actor = authorisedActor(c);
      const failures: string[] = [];
      const cases = [...fixedCases(baseline, rng, true).filter((f) => ['junk-all', 'missing-all', 'oversized', 'json-invalid', 'json-valid', 'text-plain', 'multipart-broken'].includes(f.kind))];
      for (let i = 0; i < 4; i++) cases.push(randomCase(baseline, rng));
      for (const fuzz of cases) {
        const failure = await check({ target: `${page}?_action=${name}`, path, actor, fuzz, allowed: true });
        if (failure) failures.push(failure);
      }
      // Anonymous: the action answers 401 and the member page sends the visitor to log in.
      const anon = await check({ target: `${page}?_action=${name}`, path, actor: 'anonymous', fuzz: fixedCases(baseline, rng, false)[0]!, allowed: c.expect.anonymous === 'ok' });
      if (anon) failures.push(anon);
      expect(failures).toEqual([]);
    });
  }

  for (const [route, c] of endpointCases) {
    it(`POST endpoint ${route}`, async () => {
      const rng = new Rng(SEED + route.length);
      const baseline = baselineOf(c);
      const path = fill(c.path, params);
      const failures: string[] = [];
      const actors = [...new Set([authorisedActor(c), 'admin', 'medlem', 'anonymous'])];
      for (const actor of actors) {
        const cases = [...fixedCases(baseline, rng, true)];
        for (let i = 0; i < 6; i++) cases.push(randomCase(baseline, rng));
        for (const fuzz of cases) {
          // Both endpoints treat their body as optional by design: log-out ignores it; the presence
          // heartbeat records the viewer and ignores a section it does not know. A 2xx/3xx is therefore
          // fine; a 5xx, or a 4xx without a Swedish message or with a write, is not.
          const failure = await check({ target: route, path, actor, fuzz, allowed: (c.expect as Record<string, Outcome>)[actor] === 'ok', tolerant: true });
          if (failure) failures.push(failure);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('never takes a role, status or owner from a form (mass assignment)', async () => {
    // One explicit try on top of the random extra-field cases: a member saves the profile with extras.
    const res = await rawPost(server.url, '/_actions/auth.updateProfile', urlencoded([['name', 'Medlem Fuzz'], ...EXTRA_FIELDS]), 'application/x-www-form-urlencoded', cookieFor('medlem'));
    expect(res.status, await res.text()).toBe(200);
    const roles = Object.fromEntries(['medlem', 'samordnare', 'admin'].map((a) => [a, db.select().from(users).where(eq(users.id, actorIds.get(a)!)).get()?.role]));
    expect(roles).toEqual({ medlem: 'member', samordnare: 'coordinator', admin: 'admin' });
    const medlem = db.select().from(users).where(eq(users.id, actorIds.get('medlem')!)).get()!;
    expect(medlem.isContactPerson).toBe(false);
    expect(stats.requests, `seed ${SEED}: ${JSON.stringify(stats)}`).toBeGreaterThan(1000);
  });
});

// ---- stored text renders escaped ----

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

/**
 * Live markup from the payloads, found by parsing the HTML as a browser would: a script element with
 * the payload, an event-handler attribute, the payload's <img src=x>, or a javascript: link. Text
 * inside an attribute value (value="<script>…") is inert and does not count.
 */
function unescaped(html: string): { live: string[]; present: boolean } {
  const live: string[] = [];
  let present = false;
  let inScript = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'script') inScript = true;
        for (const [key, value] of Object.entries(attribs)) {
          if (value.includes('alert(1)')) present = true;
          if (/^on/i.test(key)) live.push(`<${name} ${key}="${value}">`);
          if ((key === 'href' || key === 'src' || key === 'action') && /^\s*javascript:/i.test(value)) live.push(`<${name} ${key}="${value}">`);
        }
        if (name === 'img' && attribs.src === 'x') live.push('<img src=x>');
      },
      ontext(text) {
        if (text.includes('alert(1)')) {
          present = true;
          if (inScript) live.push(`<script>${text}</script>`);
        }
      },
      onclosetag(name) {
        if (name === 'script') inScript = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { live, present };
}

describe('stored hostile text renders escaped', () => {
  async function pageIssues(client: Client, paths: string[]): Promise<string[]> {
    const issues: string[] = [];
    for (const p of paths) {
      const res = await client.get(p);
      const html = await res.text();
      if (res.status !== 200) issues.push(`${p}: status ${res.status}`);
      const { live, present } = unescaped(html);
      if (live.length) issues.push(`${p}: live markup ${live.join(', ')}`);
      if (!present) issues.push(`${p}: the stored text is not on the page at all`);
    }
    return issues;
  }

  it('profile name (member pages and the admin member page)', async () => {
    const member = createTestUser(db, { role: 'member' });
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    // Names refuse markup characters since issue 10 (src/lib/text/names.ts): the action says so, and a
    // name stored before that rule is written straight into the database to check the escaping.
    const refused = await client.post('/_actions/auth.updateProfile', { name: `${XSS[0]} ${XSS[1]}`.slice(0, 100), roleTitle: XSS[1]!, phone: '' });
    expect(refused.status).toBe(400);
    const res = await client.post('/_actions/auth.updateProfile', { name: 'Fuzz Person', roleTitle: XSS[1]!, phone: '' });
    expect(res.status, await res.text()).toBe(200);
    db.update(users).set({ name: `${XSS[0]} ${XSS[1]}`.slice(0, 100) }).where(eq(users.id, member.id)).run();
    expect(db.select().from(users).where(eq(users.id, member.id)).get()!.name).toContain('<script>');
    const admin = new Client(server.url);
    loginAs(admin, db, actorIds.get('admin')!);
    expect([...(await pageIssues(client, ['/mina-sidor/profil', '/mina-sidor'])), ...(await pageIssues(admin, [`/admin/medlemmar/${member.id}`]))]).toEqual([]);
  });

  it('activity title and description (activity page, list, edit form)', async () => {
    const admin = new Client(server.url);
    loginAs(admin, db, actorIds.get('admin')!);
    const res = await admin.post('/_actions/activities.create', {
      title: `Träff ${XSS[0]}`,
      description: `Beskrivning ${XSS[0]} och ${XSS[1]} samt mer text.`,
      kind: 'network_meeting',
      place: `Stadshuset ${XSS[1]}`,
      capacity: '10',
      date: '2030-05-14',
      start: '09:00',
      end: '12:00',
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const slug = db.select().from(activities).where(eq(activities.title, `Träff ${XSS[0]}`)).get()?.slug;
    expect(slug).toBeTruthy();
    const published = await admin.post('/_actions/activities.publish', { slug: slug! });
    expect(published.status, await published.text()).toBe(200);
    const anonymous = new Client(server.url);
    expect([...(await pageIssues(admin, [`/aktiviteter/${slug}`, `/aktiviteter/${slug}/redigera`, '/aktiviteter'])), ...(await pageIssues(anonymous, [`/aktiviteter/${slug}`]))]).toEqual([]);
  });

  it('cluster idea section text and comment (section page, idea page, print view)', async () => {
    const member = new Client(server.url);
    loginAs(member, db, actorIds.get('gruppmedlem')!);
    const save = await member.post('/_actions/clusters.saveSection', { ideaId: params.ideaA!, sectionKey: 'malgrupp', baseRevisionId: '0', text: `Text ${XSS[0]}\n\n${XSS[1]}\n\n[länk](javascript:alert(1))`, intent: 'spara' });
    expect(save.status, await save.text()).toBe(200);
    const comment = await member.post('/_actions/clusters.addComment', { ideaId: params.ideaA!, sectionKey: 'malgrupp', body: `Kommentar ${XSS[0]} ${XSS[1]}` });
    expect(comment.status, await comment.text()).toBe(200);
    const idea = `/klustergrupper/${params.slugA}/ideer/${params.ideaA}`;
    const issues = await pageIssues(member, [`${idea}/avsnitt/malgrupp`]);
    for (const p of [idea, `${idea}/utskrift`]) {
      const html = await (await member.get(p)).text();
      const { live } = unescaped(html);
      if (live.length) issues.push(`${p}: live markup ${live.join(', ')}`);
    }
    expect(issues).toEqual([]);
  });
});
