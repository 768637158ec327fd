import type { APIRoute } from 'astro';
import { healthReport } from '#lib/health.ts';
import { getDb } from '#lib/db.ts';

export const prerender = false;

export const GET: APIRoute = () => {
  const report = healthReport(getDb());
  return new Response(JSON.stringify(report), {
    status: report.ok ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
