import type { APIRoute } from 'astro';
import { endpointUser } from '#guards';
import { getDb } from '#lib/db.ts';
import { parsePeriod } from '#lib/reports/period.ts';
import { canViewReports } from '#lib/reports/permissions.ts';
import { loadReport, tableById } from '#lib/reports/report.ts';
import { exportFileName, tableCsv } from '#lib/reports/export.ts';

export const prerender = false;

const text = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** One report table as CSV for Excel (UTF-8 with BOM, semicolons). Coordinators and administrators. */
export const GET: APIRoute = (context) => {
  const { params, url } = context;
  const user = endpointUser(context);
  if (user instanceof Response) return user;
  if (!canViewReports(user)) return text('Åtkomst nekad: rapporterna är till för samordnare och administratörer.', 403);
  const { period, errors } = parsePeriod(url.searchParams);
  if (errors.from || errors.to) return text(`Perioden kunde inte läsas: ${[errors.from, errors.to].filter(Boolean).join(' ')}`, 400);
  const table = tableById(loadReport(getDb(), period), params.tabell ?? '');
  if (!table) return text('Tabellen finns inte.', 404);
  return new Response(tableCsv(table), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(period, table.id, 'csv')}"`,
      'cache-control': 'no-store',
    },
  });
};
