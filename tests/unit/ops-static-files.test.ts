// The in-memory static file layer of scripts/serve.mjs: variant negotiation, directory pages, ETags, HEAD.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../scripts/serve/static-files.mjs';

const dir = mkdtempSync(join(tmpdir(), 'skbn-static-'));
const page = '<!doctype html><title>Söksida</title>'.repeat(50);
let server: Server;
let base: string;

beforeAll(async () => {
  mkdirSync(join(dir, 'guider', 'åre'), { recursive: true });
  writeFileSync(join(dir, 'guider', 'åre', 'index.html'), page);
  writeFileSync(join(dir, 'guider', 'åre', 'index.html.br'), brotliCompressSync(page));
  writeFileSync(join(dir, 'guider', 'åre', 'index.html.gz'), gzipSync(page));
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  const statics = staticFiles(dir, (path: string) => (path.endsWith('.svg') ? 'icon-policy' : 'page-policy'));
  server = createServer((req, res) => {
    if (!statics.handle(req, res)) {
      res.statusCode = 599; // "not mine": serve.mjs hands these to Astro
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
    request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

describe('static files from memory', () => {
  it('answers a directory page with and without a slash, in the encoding the client accepts', async () => {
    for (const path of ['/guider/%C3%A5re', '/guider/%C3%A5re/', '/guider/%C3%A5re/index.html']) {
      const br = await get(path, { 'accept-encoding': 'gzip, br' });
      expect(br.status, path).toBe(200);
      expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'content-type': 'text/html; charset=utf-8', vary: 'Accept-Encoding', 'cache-control': 'page-policy' });
      expect(br.body.equals(brotliCompressSync(page))).toBe(true);
    }
    const gz = await get('/guider/%C3%A5re', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get('/guider/%C3%A5re');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });

  it('answers 304 to a matching ETag (per encoding) and sends no body for HEAD', async () => {
    const first = await get('/guider/%C3%A5re', { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    expect((await get('/guider/%C3%A5re', { 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(304);
    expect((await get('/guider/%C3%A5re', { 'if-none-match': etag })).status).toBe(200);
    const head = await get('/favicon.svg', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers).toMatchObject({ 'content-length': '6', 'cache-control': 'icon-policy' });
    expect(head.headers.vary).toBeUndefined();
    expect(head.body.length).toBe(0);
  });

  it('leaves everything else to the application', async () => {
    expect((await get('/finns-inte')).status).toBe(599);
    expect((await get('/guider/%C3%A5re/index.html.br')).status).toBe(599);
    expect((await get('/favicon.svg', {}, 'POST')).status).toBe(599);
    expect((await get('/%E0%A4%A')).status).toBe(599);
  });
});
