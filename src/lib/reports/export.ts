// The report's tables as files: one CSV per table (semicolons, UTF-8 with BOM, CRLF, ISO dates, decimal
// comma; what Swedish Excel opens) and one XLSX workbook with a sheet per table. Same cells as the page.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Period } from './period.ts';
import { cellValue, type ReportTable, type Row } from './tables.ts';

/** Cells that start with = + - @ are prefixed so spreadsheet programs do not run them as formulas. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const tableRows = (table: ReportTable): Row[] => (table.total ? [...table.rows, table.total] : table.rows);

export function tableCsv(table: ReportTable): string {
  const header = table.columns.map((c) => c.label);
  const rows = tableRows(table).map((row) => table.columns.map((c) => safeText(cellValue(row, c).csv)));
  return stringify([header, ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}

export function exportFileName(period: Period, name: string, extension: string): string {
  return `rapport-${period.from}--${period.to}-${name}.${extension}`;
}

export async function reportXlsx(tables: ReportTable[], period: Period): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Skaraborgsnätet';
  // Fixed, so the same report gives the same file.
  workbook.created = period.start;
  workbook.title = `Rapport ${period.from}–${period.to}`;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet);
    sheet.columns = table.columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(12, c.label.length + 2, ...table.rows.map((r) => String(r[c.key] ?? '').length + 2).slice(0, 200)) }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of tableRows(table)) {
      sheet.addRow(
        Object.fromEntries(
          table.columns.map((c) => {
            const v = cellValue(row, c).xlsx;
            return [c.key, typeof v === 'string' ? safeText(v) : v];
          }),
        ),
      );
    }
    for (const [i, c] of table.columns.entries()) {
      if (c.kind === 'share') sheet.getColumn(i + 1).numFmt = '0%';
      if (c.kind === 'hours') sheet.getColumn(i + 1).numFmt = '0.0';
    }
    if (table.total) sheet.lastRow!.font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
