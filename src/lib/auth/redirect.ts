// Where to go after log-in: only paths on this site, never another origin (open-redirect guard).

export const DEFAULT_AFTER_LOGIN = '/mina-sidor';

/** Returns `next` when it is a local path ("/x?y"), otherwise the default. */
export function safeNextPath(next: string | null | undefined, fallback = DEFAULT_AFTER_LOGIN): string {
  if (!next || typeof next !== 'string' || next.length > 2000) return fallback;
  // Must start with exactly one slash; "//host" and "/\host" are protocol-relative in browsers.
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const base = 'http://portal.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    if (url.pathname === '/logga-in' || url.pathname === '/logga-ut') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** The log-in URL that brings the user back to `pathAndQuery` afterwards. */
export function loginUrlFor(pathAndQuery: string): string {
  return `/logga-in?next=${encodeURIComponent(pathAndQuery)}`;
}
