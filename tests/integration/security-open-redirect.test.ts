// Issue 10, finding 5: after log-in, `next` must never lead to another site. Each path below made
// the portal answer `303 Location: //evil.example/…` (protocol-relative: another origin) before the fix.
import { describe, expect, it } from 'vitest';
import { type Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs, TEST_PASSWORD } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

const ATTACKS = [
  '/.//evil.example/phish',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/.%2e//evil.example',
  '/%2F%2Fevil.example',
  '/%5C%5Cevil.example',
  '/./\\evil.example',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example',
  '/\t/evil.example',
];

/** Where a browser on the portal would go for this Location header. */
function landsOn(location: string | null, base: string): URL {
  return new URL(location ?? '', base);
}

describe('open redirect after log-in', () => {
  it('a logged-in GET /logga-in?next=… stays on the portal for every variant', async () => {
    const client = new Client(server.url);
    loginAs(client, db, createTestUser(db).id);
    for (const next of ATTACKS) {
      const res = await client.get(`/logga-in?next=${encodeURIComponent(next)}`);
      expect(res.status, next).toBe(303);
      const location = res.headers.get('location');
      expect(landsOn(location, server.url).origin, `${next} → ${location}`).toBe(new URL(server.url).origin);
      expect(location, next).toMatch(/^\/(?![\/\\])/);
    }
    // The raw (not re-encoded) form of the report's example, as a browser would send it.
    const raw = await client.get('/logga-in?next=/.//evil.example/phish');
    expect(raw.headers.get('location')).toBe('/mina-sidor');
  });

  it('the log-in form’s next field stays on the portal', async () => {
    const user = createTestUser(db);
    for (const next of ATTACKS.slice(0, 4)) {
      const res = await new Client(server.url).post('/logga-in?_action=auth.login', { email: user.email, password: TEST_PASSWORD, next });
      expect(res.status, next).toBe(303);
      expect(landsOn(res.headers.get('location'), server.url).origin, next).toBe(new URL(server.url).origin);
      expect(res.headers.get('location'), next).toMatch(/^\/(?![\/\\])/);
    }
  });

  it('still brings the user back to a page on the portal', async () => {
    const client = new Client(server.url);
    loginAs(client, db, createTestUser(db).id);
    const res = await client.get(`/logga-in?next=${encodeURIComponent('/aktiviteter?typ=kurs#lista')}`);
    expect(res.headers.get('location')).toBe('/aktiviteter?typ=kurs#lista');
  });
});
