// Where to go after log-in: only paths on this site, never another origin (open-redirect guard).

export const DEFAULT_AFTER_LOGIN = '/mina-sidor';

const DUMMY_ORIGIN = 'http://portal.invalid';

/**
 * The one normaliser for `next`: decodes it, resolves it against a dummy origin, and accepts it only
 * when the result stays on that origin and its path starts with exactly one slash (a path such as
 * "//evil.example" or "/\evil.example" is protocol-relative in browsers). Dot segments and
 * percent-encoded dots ("/.//x", "/%2e%2e//x") collapse before the check, never after it.
 */
export function normaliseNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return null;
  let decoded = next;
  try {
    // Decode until stable (at most a few rounds) so double-encoded dots and slashes are seen too.
    for (let i = 0; i < 3; i++) {
      const once = decodeURIComponent(decoded);
      if (once === decoded) break;
      decoded = once;
    }
  } catch {
    return null;
  }
  // Both the path as given and its fully decoded form must stay a same-origin path.
  let path: string | null = null;
  for (const candidate of [next, decoded]) {
    if (!candidate.startsWith('/') || /^\/[\/\\]/.test(candidate)) return null;
    if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return null;
    let url: URL;
    try {
      url = new URL(candidate, DUMMY_ORIGIN);
    } catch {
      return null;
    }
    if (url.origin !== DUMMY_ORIGIN || /^\/[\/\\]/.test(url.pathname)) return null;
    path ??= url.pathname + url.search + url.hash;
  }
  // The result must read back as the same same-origin path (no host can appear on a second parse).
  const again = new URL(path!, DUMMY_ORIGIN);
  if (again.origin !== DUMMY_ORIGIN || /^\/[\/\\]/.test(again.pathname)) return null;
  return path;
}

/** Returns `next` when it is a local path ("/x?y"), otherwise the default. */
export function safeNextPath(next: string | null | undefined, fallback = DEFAULT_AFTER_LOGIN): string {
  const path = normaliseNextPath(next);
  if (!path) return fallback;
  const pathname = path.split(/[?#]/)[0];
  if (pathname === '/logga-in' || pathname === '/logga-ut') return fallback;
  return path;
}

/** The log-in URL that brings the user back to `pathAndQuery` afterwards. */
export function loginUrlFor(pathAndQuery: string): string {
  return `/logga-in?next=${encodeURIComponent(pathAndQuery)}`;
}
