import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  // X-Forwarded-Proto counts only from a trusted proxy: here the test itself, on loopback.
  server = await startServer({ env: { LOG_LEVEL: 'info', TRUSTED_PROXY: '127.0.0.1' } });
});
afterAll(async () => {
  await server?.stop();
});

describe('operations', () => {
  it('reports health: database reachable and every migration applied', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.database).toBe(true);
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThan(0);
  });

  it('sends security headers on static and on-demand responses', async () => {
    for (const path of ['/guider', '/healthz', '/']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    // On-demand pages carry Astro's hashed script policy in the header; static pages in a <meta> tag.
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'[^;]* 'sha256-/);
    expect(csp).not.toContain('unsafe-inline');
    // External stylesheets and scripts have no text to hash: the policy never lists the SHA-256 of ""
    // (src/integrations/skip-empty-csp-digests.ts), on a member page with stylesheets and a script neither.
    const EMPTY_TEXT_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
    expect(csp).not.toContain(EMPTY_TEXT_HASH);
    const login = await fetch(`${server.url}/logga-in`);
    expect(await login.text()).toMatch(/<link rel="stylesheet"[^>]*>[\s\S]*<script type="module" src=/);
    expect(login.headers.get('content-security-policy')).toMatch(/style-src 'self'/);
    expect(login.headers.get('content-security-policy')).not.toContain(EMPTY_TEXT_HASH);
    const staticHtml = await (await fetch(`${server.url}/guider`)).text();
    expect(staticHtml).toMatch(/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self'/);
    expect(staticHtml).not.toContain("'unsafe-inline'");
    const https = await fetch(`${server.url}/guider`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('logs one JSON line per request with id, route, status and duration, without the query string', async () => {
    await fetch(`${server.url}/nytt-losenord?token=hemlig-token-123`);
    await new Promise((r) => setTimeout(r, 200));
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const entry = lines.find((l) => l.route === '/nytt-losenord');
    expect(entry).toMatchObject({ method: 'GET', route: '/nytt-losenord' });
    expect(typeof entry.reqId).toBe('string');
    expect(typeof entry.status).toBe('number');
    expect(typeof entry.ms).toBe('number');
    expect(server.output()).not.toContain('hemlig-token-123');
  });

  it('shuts down gracefully on SIGTERM: requests in flight finish, then the process exits 0', async () => {
    const inFlight = Array.from({ length: 10 }, () =>
      fetch(`${server.url}/`).then(
        async (res) => ({ status: res.status, complete: (await res.text()).includes('</html>') }),
        (error: Error & { cause?: { code?: string } }) => ({ status: 0, code: error.cause?.code }),
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise<number | null>((r) => server.process.once('exit', (code) => r(code)));
    server.process.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    for (const r of results) {
      // A connection still in the listen backlog when the server closes is refused or reset before any
      // response: it was never in flight. A response that started must finish (a cut body rejects text()).
      if (r.status === 0) expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain((r as { code?: string }).code);
      else expect(r).toEqual({ status: 200, complete: true });
    }
    expect(results.some((r) => r.status === 200)).toBe(true);
    expect(await exited).toBe(0);
    expect(server.output()).toContain('all requests finished');
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
