import type { APIRoute } from 'astro';
import { endpointUser } from '#guards';
import { getDb } from '#lib/db.ts';
import { parsePeriod } from '#lib/reports/period.ts';
import { canViewReports } from '#lib/reports/permissions.ts';
import { loadReport } from '#lib/reports/report.ts';
import { exportFileName, reportXlsx } from '#lib/reports/export.ts';

export const prerender = false;

const text = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** The whole report as an Excel workbook, one sheet per table. Coordinators and administrators. */
export const GET: APIRoute = async (context) => {
  const { url } = context;
  const user = endpointUser(context);
  if (user instanceof Response) return user;
  if (!canViewReports(user)) return text('Åtkomst nekad: rapporterna är till för samordnare och administratörer.', 403);
  const { period, errors } = parsePeriod(url.searchParams);
  if (errors.from || errors.to) return text(`Perioden kunde inte läsas: ${[errors.from, errors.to].filter(Boolean).join(' ')}`, 400);
  const report = loadReport(getDb(), period);
  const body = await reportXlsx(report.tables, period);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${exportFileName(period, 'skaraborgsnatet', 'xlsx')}"`,
      'cache-control': 'no-store',
    },
  });
};
