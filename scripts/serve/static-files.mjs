// The build's static files (prerendered pages, /_astro/ bundles, Pagefind), read into memory once at start
// and answered before Astro with the precompressed variant the client accepts. Reading from memory rather
// than opening the file per request (as sirv or send do) is what lets a static page go at close to the
// speed of a bare node:http server; the whole client folder is a few MB. The build never changes under a
// running server (builds are swapped in as new folders), so nothing can go stale.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { lookup } from 'mrmime';

const VARIANTS = [
  ['br', '.br', /\bbr\b/],
  ['gzip', '.gz', /\bgzip\b/],
];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * @param {string} dir the build's client folder
 * @param {(pathname: string) => string} cacheControl Cache-Control for a file's URL path
 * @returns {{ handle(req, res): boolean, files: number, bytes: number }} handle() answers and returns true, or returns false
 */
export function staticFiles(dir, cacheControl) {
  const byPath = new Map();
  let bytes = 0;
  const all = walk(dir);
  const present = new Set(all);
  for (const file of all) {
    if (/\.(br|gz)$/.test(file) || /(^|[\\/])\./.test(relative(dir, file))) continue;
    const path = '/' + relative(dir, file).split(sep).join('/');
    const body = readFileSync(file);
    const stat = statSync(file);
    let type = lookup(path) ?? 'application/octet-stream';
    if (/^text\/|javascript|json|svg/.test(type)) type += '; charset=utf-8';
    const tag = `${body.length.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}`;
    const variants = { identity: { body, etag: `W/"${tag}"` } };
    for (const [name, ext] of VARIANTS) {
      if (present.has(file + ext)) variants[name] = { body: readFileSync(file + ext), etag: `W/"${tag}-${name}"` };
    }
    for (const v of Object.values(variants)) bytes += v.body.length;
    const entry = { type, variants, compressible: Object.keys(variants).length > 1, cacheControl: cacheControl(path), lastModified: stat.mtime.toUTCString() };
    byPath.set(path, entry);
    // Directory-style pages: /guider/mentorskap/index.html answers /guider/mentorskap and /guider/mentorskap/.
    if (path.endsWith('/index.html')) {
      const base = path.slice(0, -'index.html'.length);
      byPath.set(base, entry);
      if (base !== '/') byPath.set(base.slice(0, -1), entry);
    }
  }

  function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path = q === -1 ? url : url.slice(0, q);
    if (path.includes('%')) {
      try {
        path = decodeURIComponent(path);
      } catch {
        return false;
      }
    }
    const entry = byPath.get(path);
    if (!entry) return false;
    const accept = req.headers['accept-encoding'] ?? '';
    let encoding = 'identity';
    for (const [name, , re] of VARIANTS) {
      if (entry.variants[name] && re.test(accept)) {
        encoding = name;
        break;
      }
    }
    const variant = entry.variants[encoding];
    res.setHeader('content-type', entry.type);
    res.setHeader('cache-control', entry.cacheControl);
    res.setHeader('etag', variant.etag);
    res.setHeader('last-modified', entry.lastModified);
    if (entry.compressible) res.setHeader('vary', 'Accept-Encoding');
    if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
    if (req.headers['if-none-match'] === variant.etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.setHeader('content-length', variant.body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : variant.body);
    return true;
  }

  return { handle, files: byPath.size, bytes };
}
