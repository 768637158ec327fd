// Whole responses of public pages, shared by every visitor who is not logged in: a page that is the same
// for all of them (start page, activity list and pages, the network map) is rendered once per URL, revision
// of the data and minute, and later visitors in that minute get the stored bytes without a render — what a
// micro-caching reverse proxy in front of pretix or Indico does, but invalidated by the write that changes
// the data (dataVersion) instead of served stale. Only requests without any cookie use it, as in a
// micro-cache: a member's pages hold their own data, and no other cookie (an action's result) can change
// what a page shows. Bounded by bytes with lru-cache.
import { LRUCache } from 'lru-cache';
import type { Db } from '#lib/db.ts';
import { dataVersion } from './data-version.ts';

/** The on-demand pages whose view for a visitor without a session depends only on URL, data and the minute. */
export const SHARED_PAGES = [/^\/$/, /^\/aktiviteter\/?$/, /^\/aktiviteter\/[^/.]+\/?$/, /^\/natverket\/?$/, /^\/organisationer\/?$/];

const MINUTE = 60_000;
const MAX_BYTES = 4 * 2 ** 20;
const MAX_PAGE_BYTES = 512 * 2 ** 10;

interface StoredPage {
  version: string;
  minute: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

export interface PublicPageCache {
  /**
   * The response for an anonymous GET of a shared page: the stored one while the data and the minute are
   * those it was rendered at, otherwise `render()`'s, stored when it may be shared. `setsCookie` tells
   * whether the render set a cookie through Astro's cookies (added to the response only after this).
   */
  serve(db: Db, url: URL, render: () => Promise<Response>, setsCookie: () => boolean, now?: Date): Promise<Response>;
  clear(): void;
  readonly bytes: number;
}

/** Whether this request may be answered from the shared cache: a GET of a shared page without any cookie. */
export function isSharedPage(request: Request, url: URL): boolean {
  return request.method === 'GET' && !request.headers.has('cookie') && SHARED_PAGES.some((re) => re.test(url.pathname));
}

function respond(page: StoredPage, hit: boolean): Response {
  const response = new Response(page.body, { status: page.status, headers: page.headers });
  // Tells operators (and the tests) that the page was not rendered for this request.
  if (hit) response.headers.set('x-shared-cache', 'hit');
  return response;
}

/** A response another visitor may get too: a plain 200 HTML page that sets nothing (no cookie) for this one. */
function shareable(response: Response): boolean {
  return response.status === 200 && !response.headers.has('set-cookie') && (response.headers.get('content-type') ?? '').startsWith('text/html');
}

export function publicPageCache(maxBytes = MAX_BYTES): PublicPageCache {
  const cache = new LRUCache<string, StoredPage>({ maxSize: maxBytes, sizeCalculation: (p) => Math.max(1, p.body.byteLength) });
  const keyOf = (url: URL) => url.pathname.replace(/\/$/, '') + url.search;
  return {
    async serve(db, url, render, setsCookie, now = new Date()) {
      const key = keyOf(url);
      const minute = Math.floor(now.getTime() / MINUTE);
      // Read before the render: a write while it runs leaves the copy behind the data, so it is never used.
      const version = dataVersion(db);
      const stored = cache.get(key);
      if (stored && stored.minute === minute && stored.version === version) return respond(stored, true);
      const response = await render();
      if (!shareable(response) || setsCookie()) return response;
      const body = new Uint8Array(await response.arrayBuffer());
      const page: StoredPage = { version, minute, status: response.status, headers: [...response.headers], body };
      if (body.byteLength <= MAX_PAGE_BYTES) cache.set(key, page);
      return respond(page, false);
    },
    clear: () => cache.clear(),
    get bytes() {
      return cache.calculatedSize;
    },
  };
}

/** The server's one shared page cache. */
export const publicPages = publicPageCache();
