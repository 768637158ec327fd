/**
 * A minimal browser-like HTTP client for integration tests: keeps cookies, sends the Origin
 * header Astro's CSRF check expects, and posts forms the way a browser without JavaScript does.
 */
export class Client {
  private jar = new Map<string, string>();

  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const idx = pair!.indexOf('=');
      const name = pair!.slice(0, idx).trim();
      const value = pair!.slice(idx + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(new URL(path, this.baseUrl), { headers: this.headers(), redirect: 'manual' });
    this.store(res);
    return res;
  }

  /** POSTs urlencoded form fields; pass `action` as "/page?_action=name" for Astro form actions. */
  async post(path: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      body,
      headers: this.headers({ origin: this.baseUrl, 'content-type': 'application/x-www-form-urlencoded' }),
      redirect: 'manual',
    });
    this.store(res);
    return res;
  }
}

/**
 * A request with headers fetch will not send as given (a forged Host, TRACE): node:http straight to
 * the server's socket. Returns status, headers and body text.
 */
export async function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const { request } = await import('node:http');
  const target = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path, method: options.method ?? 'GET', headers: options.headers, setHost: !(options.headers && Object.keys(options.headers).some((h) => h.toLowerCase() === 'host')) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
