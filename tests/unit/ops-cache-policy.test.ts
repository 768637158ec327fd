import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#lib/auth/session.ts';
import { IMMUTABLE, ON_DEMAND_DEFAULT, PRIVATE, REVALIDATE, SESSION_COOKIE_NAME, onDemandCacheControl, staticCacheControl } from '../../scripts/serve/cache-policy.mjs';

describe('cache policy of scripts/serve.mjs', () => {
  it('makes hashed static files immutable and revalidates the rest', () => {
    expect(staticCacheControl('/_astro/Base.C2x9kQ1a.css')).toBe(IMMUTABLE);
    expect(staticCacheControl('/pagefind/fragment/sv_25b4c22.pf_fragment')).toBe(IMMUTABLE);
    expect(staticCacheControl('/pagefind/pagefind.sv_b08a14556f.pf_meta')).toBe(IMMUTABLE);
    for (const path of ['/pagefind/pagefind.js', '/pagefind/pagefind-entry.json', '/pagefind/wasm.sv.pagefind', '/guider/mentorskap', '/', '/favicon.svg']) {
      expect(staticCacheControl(path), path).toBe(REVALIDATE);
    }
  });

  it('makes on-demand responses private for members, for cookies being set and in member areas', () => {
    const at = (pathname: string, extra = {}) => onDemandCacheControl({ pathname, ...extra });
    for (const path of ['/mina-sidor', '/mina-sidor/profil', '/admin', '/admin/utkorg', '/klustergrupper/x/ideer/1', '/aktiviteter/ny', '/aktiviteter/x/deltagare', '/aktiviteter/x/deltagare.csv', '/_actions/auth.login', '/logga-in', '/nytt-losenord']) {
      expect(at(path), path).toBe(PRIVATE);
    }
    expect(at('/aktiviteter', { cookie: `theme=dark; ${SESSION_COOKIE}=abc` })).toBe(PRIVATE);
    expect(at('/aktiviteter', { setsCookie: true })).toBe(PRIVATE);
    expect(at('/aktiviteter/x/kalender.ics', { cookie: 'x=1', routeValue: 'no-store' })).toBe('no-store');
    expect(at('/aktiviteter/kalender.ics', { routeValue: 'public, max-age=300' })).toBe('public, max-age=300');
    expect(at('/aktiviteter')).toBe(ON_DEMAND_DEFAULT);
    expect(at('/aktiviteter/en-traff')).toBe(ON_DEMAND_DEFAULT);
  });

  it('knows the session cookie by the name the auth code uses', () => {
    expect(SESSION_COOKIE_NAME).toBe(SESSION_COOKIE);
  });
});
