// Compression and caching through scripts/serve.mjs: precompressed static files and on-the-fly
// compression of on-demand pages (Brotli, or gzip when only gzip is accepted), Vary, Cache-Control.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { createSession, generateSessionToken, SESSION_COOKIE } from '#lib/auth/session.ts';

let server: RunningServer;
let db: Db;
let cssPath: string;
let metaPath: string;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that keeps the bytes as sent (fetch would decompress them). */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(new URL(path, server.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

function decoded(r: Raw): string {
  const enc = r.headers['content-encoding'];
  return (enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8');
}

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  const guide = decoded(await get('/guider/mentorskap'));
  cssPath = /href="(\/_astro\/[^"]+\.css)"/.exec(guide)![1]!;
  const entry = JSON.parse(decoded(await get('/pagefind/pagefind-entry.json')));
  const { hash } = Object.values(entry.languages as Record<string, { hash: string }>)[0]!;
  expect(hash).toMatch(/^[a-z]+_[0-9a-f]+$/);
  metaPath = `/pagefind/pagefind.${hash}.pf_meta`;
});

function memberCookie(): string {
  const token = generateSessionToken();
  createSession(db, token, createTestUser(db).id);
  return `${SESSION_COOKIE}=${token}`;
}

describe('compression', () => {
  const cases = () => [
    { name: 'a guide page', path: '/guider/mentorskap', type: /^text\/html/, text: 'Mentorskap för unga' },
    { name: 'a CSS file', path: cssPath, type: /^text\/css/, text: '{' },
    { name: 'the Pagefind entry', path: '/pagefind/pagefind.js', type: /javascript/, text: 'pagefind' },
    { name: 'an on-demand page', path: '/aktiviteter', type: /^text\/html/, text: '<h1' },
  ];

  for (const [accept, expected] of [
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate', 'gzip'],
  ] as const) {
    it(`answers ${expected} when the client accepts "${accept}"`, async () => {
      for (const c of cases()) {
        const plain = await get(c.path);
        expect(plain.status, c.name).toBe(200);
        expect(plain.headers['content-encoding'], c.name).toBeUndefined();
        expect(plain.body.length, c.name).toBeGreaterThan(1024);
        const r = await get(c.path, { 'accept-encoding': accept });
        expect(r.status, c.name).toBe(200);
        expect(r.headers['content-encoding'], c.name).toBe(expected);
        expect(r.headers['content-type'], c.name).toMatch(c.type);
        expect(String(r.headers.vary), c.name).toMatch(/accept-encoding/i);
        expect(r.body.length, c.name).toBeLessThan(plain.body.length);
        const text = decoded(r);
        expect(text, c.name).toContain(c.text);
        if (c.path !== '/aktiviteter') expect(text, c.name).toBe(plain.body.toString('utf8'));
      }
    });
  }

  it('compresses an on-demand page for a logged-in member too, and keeps the security headers', async () => {
    const r = await get('/mina-sidor', { 'accept-encoding': 'br', cookie: memberCookie() });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(decoded(r)).toContain('Mina sidor');
    expect(String(r.headers['content-security-policy'])).toMatch(/script-src .*; frame-ancestors 'none'$/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const stat = await get('/guider/mentorskap', { 'accept-encoding': 'br' });
    expect(stat.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(stat.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('cache headers', () => {
  it('hashed files under /_astro/ and /pagefind/ are immutable for a year', async () => {
    for (const path of [cssPath, metaPath]) {
      const r = await get(path, { 'accept-encoding': 'br' });
      expect(r.status, path).toBe(200);
      expect(r.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
  });

  it('HTML and unhashed static files revalidate, with an ETag that answers 304', async () => {
    for (const path of ['/guider/mentorskap', '/om', '/pagefind/pagefind.js', '/pagefind/pagefind-entry.json']) {
      const r = await get(path, { 'accept-encoding': 'br' });
      expect(r.headers['cache-control'], path).toBe('public, max-age=0, must-revalidate');
      const etag = String(r.headers.etag);
      expect(etag, path).toMatch(/^W\/"/);
      expect((await get(path, { 'accept-encoding': 'br', 'if-none-match': etag })).status, path).toBe(304);
    }
  });

  it('private pages are private, no-store — logged in or not', async () => {
    const cookie = memberCookie();
    for (const path of ['/mina-sidor', '/mina-sidor/profil', '/admin']) {
      const r = await get(path, { cookie, 'accept-encoding': 'br' });
      expect(r.headers['cache-control'], path).toBe('private, no-store');
    }
    const anonymous = await get('/mina-sidor');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers['cache-control']).toBe('private, no-store');
    // A public on-demand page is private for a logged-in member (it shows their name) ...
    expect((await get('/aktiviteter', { cookie })).headers['cache-control']).toBe('private, no-store');
    // ... and revalidated for everyone else; a route's own public value is kept.
    expect((await get('/aktiviteter')).headers['cache-control']).toBe('no-cache');
    expect((await get('/aktiviteter/kalender.ics')).headers['cache-control']).toBe('public, max-age=300');
  });
});
