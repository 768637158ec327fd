// The server's memory for the benchmark (see integration.mjs), in MB.
import type { APIRoute } from 'astro';

export const prerender = false;

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

export const GET: APIRoute = () => {
  const m = process.memoryUsage();
  const body = { rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};
