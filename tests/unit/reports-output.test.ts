// Charts, map and exports of the report: what a reader, a screen reader and a spreadsheet get.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { barChartSvg } from '#lib/reports/charts.ts';
import { reportXlsx, tableCsv } from '#lib/reports/export.ts';
import { defaultPeriod } from '#lib/reports/period.ts';
import { loadReport, tableById, type Report } from '#lib/reports/report.ts';
import { reachMap } from '#lib/reports/reach-map.ts';
import { cellValue } from '#lib/reports/tables.ts';
import { mapGeometry } from '#lib/geo/map.ts';
import { MUNICIPALITIES } from '#lib/geo/municipalities.ts';
import { buildReportWorld, NOW } from './reports-fixtures.ts';

let db: Db;
let report: Report;

beforeAll(() => {
  db = openDb(':memory:');
  buildReportWorld(db);
  report = loadReport(db, defaultPeriod(NOW), NOW);
});

describe('charts', () => {
  it('draws an SVG image with a name, Swedish numbers and suppressed bars as words, with no inline styles', () => {
    const svg = barChartSvg(tableById(report, 'per-organisation')!, { labelKey: 'label', valueKey: 'people', valueLabel: 'Personer' });
    expect(svg).toMatch(/^<svg role="img" aria-label="Diagram: Personer som nåtts per organisation\. Siffrorna finns i tabellen\."/);
    expect(svg).toContain('>Skövde kommun</text>');
    expect(svg.match(/>färre än 5</g)).toHaveLength(4);
    expect(svg).not.toMatch(/<style|style="|<script/);
  });

  it('escapes names that look like markup', () => {
    const t = { id: 'x', title: 'Test & "prov"', sheet: 'x', columns: [{ key: 'label', label: 'L', kind: 'text' as const }, { key: 'n', label: 'N', kind: 'count' as const }], rows: [{ label: '<script>alert(1)</script>', n: 1200 }] };
    const svg = barChartSvg(t, { labelKey: 'label', valueKey: 'n', valueLabel: 'Antal' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('aria-label="Diagram: Test &amp; &quot;prov&quot;.');
    expect(svg).toContain('>1&#160;200</text>');
  });
});

describe('map', () => {
  it('projects all 15 municipalities inside the picture', () => {
    const g = mapGeometry();
    expect(g.shapes.map((s) => s.name)).toEqual(MUNICIPALITIES.map((m) => m.name));
    expect(g.shapes).toHaveLength(15);
    for (const s of g.shapes) {
      const numbers = s.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(Math.max(g.width, g.height));
      expect(s.labelX).toBeGreaterThan(0);
      expect(s.labelY).toBeGreaterThan(0);
    }
    // Skövde lies east of Lidköping and south of Mariestad.
    const at = (name: string) => g.shapes.find((s) => s.name === name)!;
    expect(at('Skövde').labelX).toBeGreaterThan(at('Lidköping').labelX);
    expect(at('Skövde').labelY).toBeGreaterThan(at('Mariestad').labelY);
  });

  it('shades by people reached, with suppression', () => {
    const map = reachMap(report.participation.byMunicipality);
    expect(map.classes[map.areas['1496']!.classIndex]!.label).toBe('5–19');
    expect(map.areas['1496']!.title).toBe('Skövde: 5 personer');
    expect(map.classes[map.areas['1494']!.classIndex]!.label).toBe('Färre än 5');
    expect(map.areas['1494']!.title).toBe('Lidköping: färre än 5 personer');
    expect(map.classes[map.areas['1497']!.classIndex]!.label).toBe('Ingen');
  });
});

describe('exports', () => {
  it('CSV: semicolons, BOM, the page figures, suppression and ISO months', () => {
    const csv = tableCsv(tableById(report, 'per-organisation')!);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows: string[][] = parse(csv, { delimiter: ';', bom: true });
    expect(rows[0]).toEqual(['Organisation', 'Personer', 'Timmar kompetensutveckling']);
    expect(rows.slice(1)).toEqual([
      ['Skövde kommun', '5', '38'],
      ['Lidköpings kommun', 'färre än 5', 'färre än 5'],
      ['Arbetsförmedlingen', 'färre än 5', 'färre än 5'],
      ['Borås Stad', 'färre än 5', 'färre än 5'],
      ['Utan organisation', 'färre än 5', 'färre än 5'],
      ['Totalt', '10', '62'],
    ]);
    const months: string[][] = parse(tableCsv(tableById(report, 'per-manad')!), { delimiter: ';', bom: true });
    expect(months[3]).toEqual(['2026-03', '2', '8', '56']);
  });

  it('XLSX: one sheet per table with the same cells as the page', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(report.tables, report.period)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(report.tables.map((t) => t.sheet));
    for (const table of report.tables) {
      const sheet = workbook.getWorksheet(table.sheet)!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.columns.map((c) => c.label));
      const rows = table.total ? [...table.rows, table.total] : table.rows;
      rows.forEach((row, i) => {
        const got = (sheet.getRow(i + 2).values as unknown[]).slice(1);
        const want = table.columns.map((c) => cellValue(row, c).xlsx ?? undefined);
        expect(got.length <= want.length).toBe(true);
        want.forEach((w, j) => expect(got[j] ?? undefined).toEqual(w));
      });
    }
    const kinds = workbook.getWorksheet('Per typ')!;
    expect((kinds.getRow(2).values as unknown[]).slice(1)).toEqual(['Nätverksträff', 1, 9, 7, 'färre än 5', 21]);
  });
});
