// The shared cache of public pages: a stored page is served while the data and the minute are those it was
// rendered at; a write (even one during the render), the next minute, a cookie or a non-200 answer means a
// render; the cache stays within its byte bound.
import { describe, expect, it } from 'vitest';
import { openDb } from '#lib/db.ts';
import { organisations } from '#db/schema/index.ts';
import { isSharedPage, publicPageCache } from '#lib/cache/public-pages.ts';

const T = new Date('2027-03-01T10:00:10Z');
const LATER_SAME_MINUTE = new Date('2027-03-01T10:00:50Z');
const NEXT_MINUTE = new Date('2027-03-01T10:01:00Z');
const url = new URL('http://localhost/aktiviteter?typ=kurs');

function page(text: string, init: ResponseInit = {}) {
  return new Response(text, { status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" }, ...init });
}

/** A render that counts its calls and answers with the call's number. */
function renderer(init?: ResponseInit) {
  let calls = 0;
  const render = async () => page(`<p>render ${++calls}</p>`, init);
  return { render, calls: () => calls };
}

const noCookie = () => false;
const addOrganisation = (db: ReturnType<typeof openDb>, slug: string) =>
  db.insert(organisations).values({ name: `Org ${slug}`, slug, type: 'municipality', municipality: 'Skövde' }).run();

describe('publicPageCache', () => {
  it('renders once per URL, data revision and minute, and gives the stored bytes and headers after that', async () => {
    const db = openDb(':memory:');
    const cache = publicPageCache();
    const r = renderer();
    const first = await cache.serve(db, url, r.render, noCookie, T);
    expect(await first.text()).toBe('<p>render 1</p>');
    const second = await cache.serve(db, url, r.render, noCookie, LATER_SAME_MINUTE);
    expect(await second.text()).toBe('<p>render 1</p>');
    expect(second.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(second.status).toBe(200);
    expect(second.headers.get('x-shared-cache')).toBe('hit');
    expect(first.headers.get('x-shared-cache')).toBeNull();
    expect(r.calls()).toBe(1);
    // Another query string is another page.
    expect(await (await cache.serve(db, new URL('http://localhost/aktiviteter?typ=studiebesok'), r.render, noCookie, T)).text()).toBe('<p>render 2</p>');
    // The next minute renders again (an activity may have ended).
    expect(await (await cache.serve(db, url, r.render, noCookie, NEXT_MINUTE)).text()).toBe('<p>render 3</p>');
  });

  it('renders again after any write to the database', async () => {
    const db = openDb(':memory:');
    const cache = publicPageCache();
    const r = renderer();
    await cache.serve(db, url, r.render, noCookie, T);
    addOrganisation(db, 'ny');
    expect(await (await cache.serve(db, url, r.render, noCookie, T)).text()).toBe('<p>render 2</p>');
    expect(await (await cache.serve(db, url, r.render, noCookie, T)).text()).toBe('<p>render 2</p>');
  });

  it('never keeps a page rendered while a write happened: the copy is already behind the data', async () => {
    const db = openDb(':memory:');
    const cache = publicPageCache();
    let calls = 0;
    const writingRender = async () => {
      calls++;
      if (calls === 1) addOrganisation(db, 'under-renderingen');
      return page(`<p>render ${calls}</p>`);
    };
    await cache.serve(db, url, writingRender, noCookie, T);
    expect(await (await cache.serve(db, url, writingRender, noCookie, T)).text()).toBe('<p>render 2</p>');
    expect(await (await cache.serve(db, url, writingRender, noCookie, T)).text()).toBe('<p>render 2</p>');
  });

  it('keeps nothing that sets a cookie, is not a 200 or is not HTML', async () => {
    const db = openDb(':memory:');
    for (const [init, setsCookie] of [
      [{ status: 404 }, noCookie],
      [{ headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } }, noCookie],
      [{ headers: { 'content-type': 'application/json' } }, noCookie],
      [{}, () => true],
    ] as const) {
      const cache = publicPageCache();
      const r = renderer(init as ResponseInit);
      await cache.serve(db, url, r.render, setsCookie, T);
      await cache.serve(db, url, r.render, setsCookie, T);
      expect(r.calls(), JSON.stringify(init)).toBe(2);
      expect(cache.bytes).toBe(0);
    }
  });

  it('stays within its byte bound, dropping the least recently used page', async () => {
    const db = openDb(':memory:');
    const cache = publicPageCache(3000);
    const big = async () => page('x'.repeat(1000));
    for (let i = 1; i <= 5; i++) await cache.serve(db, new URL(`http://localhost/aktiviteter?sida=${i}`), big, noCookie, T);
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    expect(cache.bytes).toBeGreaterThan(0);
  });

  it('is used only for GET of the pages listed as shared, by requests without any cookie', () => {
    const shared = (path: string, init: RequestInit = {}) => isSharedPage(new Request(`http://localhost${path}`, init), new URL(`http://localhost${path}`));
    for (const path of ['/', '/aktiviteter?sida=2', '/aktiviteter/', '/aktiviteter/natverkstraff-i-skovde', '/natverket', '/organisationer']) expect(shared(path), path).toBe(true);
    for (const path of ['/mina-sidor', '/aktiviteter/kalender.ics', '/aktiviteter/natverkstraff-i-skovde/deltagare', '/klustergrupper', '/logga-in', '/rapporter']) expect(shared(path), path).toBe(false);
    expect(shared('/aktiviteter', { method: 'POST' })).toBe(false);
    expect(shared('/aktiviteter', { headers: { cookie: 'session=abc' } })).toBe(false);
    expect(shared('/aktiviteter', { headers: { cookie: 'annan=1' } })).toBe(false);
  });
});
