// Cache-Control for every response of scripts/serve.mjs — the one place that decides it.
// Static files: hashed names are immutable, everything else revalidates (ETag). Responses rendered on
// demand are private (`private, no-store`) when they can hold someone's data: the request carries a
// session cookie, the response sets a cookie, or the path is in a member, admin or account area. Other
// on-demand responses keep a Cache-Control the route set (e.g. the public calendar feed) or revalidate.

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, max-age=0, must-revalidate';
export const PRIVATE = 'private, no-store';
export const ON_DEMAND_DEFAULT = 'no-cache';

/** The session cookie's name (SESSION_COOKIE in src/lib/auth/session.ts; a unit test keeps them equal). */
export const SESSION_COOKIE_NAME = 'session';

// Astro's bundles and assets carry a content hash; Pagefind's index, fragment, filter and meta files
// are named after their content too (pagefind.js, the entry JSON and the wasm keep fixed names).
const HASHED = [/^\/_astro\//, /^\/pagefind\/.*_[0-9a-f]{6,}\.pf_[a-z]+$/];

export const PRIVATE_PATHS = [
  /^\/mina-sidor(\/|$)/,
  /^\/admin(\/|$)/,
  /^\/klustergrupper(\/|$)/,
  /^\/aktiviteter\/ny\/?$/,
  // Organiser and participant pages of one activity (not the activity page or its public calendar file).
  /^\/aktiviteter\/[^/]+\/(?!kalender\.ics$)[^/]+/,
  /^\/_actions\//,
  /^\/(logga-in|logga-ut|skapa-konto|verifiera|glomt-losenord|nytt-losenord)(\/|$)/,
];

export function staticCacheControl(pathname) {
  return HASHED.some((re) => re.test(pathname)) ? IMMUTABLE : REVALIDATE;
}

export function hasSessionCookie(cookieHeader = '') {
  return cookieHeader.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE_NAME}=`));
}

/**
 * @param {{ pathname: string, cookie?: string, setsCookie?: boolean, routeValue?: string | null }} r
 */
export function onDemandCacheControl({ pathname, cookie = '', setsCookie = false, routeValue = null }) {
  if (setsCookie || hasSessionCookie(cookie) || PRIVATE_PATHS.some((re) => re.test(pathname))) return PRIVATE;
  return routeValue || ON_DEMAND_DEFAULT;
}
