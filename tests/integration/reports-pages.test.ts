// /rapporter and /natverket against the built server with the demo data: one map with the 15
// municipalities, no chart JavaScript, and exports that hold the same figures as the page.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import type { Db } from '#lib/db.ts';
import { MUNICIPALITIES } from '#lib/geo/municipalities.ts';
import { localIsoDate } from '#lib/reports/period.ts';
import { Client } from '../helpers/http.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx), { demoData: true });

const names = MUNICIPALITIES.map((m) => m.name);

async function page(path: string, role: 'coordinator' | 'admin' | null = null) {
  const client = new Client(server.url);
  if (role) loginAs(client, db, createTestUser(db, { role }).id);
  const res = await client.get(path);
  const html = await res.text();
  return { res, html, doc: parseDocument(html), client };
}

function mapNames(doc: ReturnType<typeof parseDocument>): string[][] {
  const svgs = DomUtils.findAll((el) => el.name === 'svg' && (el.attribs.class ?? '').includes('map-svg'), doc.children);
  return svgs.map((svg) => DomUtils.findAll((el) => el.name === 'a' && DomUtils.findAll((p) => p.name === 'path', el.children).length === 1, svg.children).map((a) => a.attribs['aria-label']!));
}

/** The table's body rows as cell texts (header cell first). */
function tableRows(doc: ReturnType<typeof parseDocument>, id: string): string[][] {
  const table = DomUtils.findOne((el) => el.name === 'table' && el.attribs.id === id, doc.children)!;
  const rows = DomUtils.findAll((el) => el.name === 'tr' && (el.parent as Element).name !== 'thead', table.children);
  return rows.map((tr) => DomUtils.findAll((el) => el.name === 'th' || el.name === 'td', tr.children).map((c) => DomUtils.textContent(c).trim()));
}

/** "1 234" → "1234", "7,5" → "7,5": the page's Swedish digits in the CSV's plain form. */
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '');

describe('/natverket', () => {
  it('is public, linked from the start page, and has one map with the 15 municipalities as named links', async () => {
    const start = await page('/');
    expect(DomUtils.findAll((el) => el.name === 'a' && el.attribs.href === '/natverket', start.doc.children).length).toBeGreaterThan(0);
    const { res, doc, html } = await page('/natverket');
    expect(res.status).toBe(200);
    expect(mapNames(doc)).toEqual([names]);
    expect(DomUtils.findAll((el) => el.name === 'svg', doc.children).filter((s) => (s.attribs.class ?? '').includes('map-svg'))).toHaveLength(1);
    // Every municipality link leads to its section on the page.
    for (const m of MUNICIPALITIES) expect(html).toContain(`id="kommun-${m.slug}"`);
    expect(html).toContain('Kommungränser: Valmyndigheten, förenklade av okfse/sweden-geojson');
    expect(html).toContain('Skövde kommun');
    expect(html).not.toMatch(/@(skovde|lidkoping)\.se/);
  });
});

describe('/rapporter', () => {
  it('shows the report with one map, server-drawn charts and no chart JavaScript', async () => {
    const { res, doc, html } = await page('/rapporter', 'coordinator');
    expect(res.status).toBe(200);
    expect(mapNames(doc)).toEqual([names]);
    expect(DomUtils.findAll((el) => el.name === 'svg' && el.attribs.role === 'img', doc.children).length).toBeGreaterThanOrEqual(5);
    // The only script is the member layout's shared focus helper for form messages: no chart JavaScript.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.filter((s) => !/src="\/_astro\/App\.astro_astro_type_script[^"]*"/.test(s))).toEqual([]);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    for (const table of DomUtils.findAll((el) => el.name === 'table', doc.children)) {
      expect(DomUtils.findOne((el) => el.name === 'caption', table.children)).toBeTruthy();
      expect(DomUtils.findAll((el) => el.name === 'th' && !el.attribs.scope, table.children)).toEqual([]);
    }
    expect(html).toContain('färre än 5');
    expect(html).not.toMatch(/@(skovde|lidkoping)\.se/);
  });

  it('reads the period from a GET form and explains a bad one in Swedish', async () => {
    const ok = await page('/rapporter?from=2020-01-01&to=2020-12-31', 'admin');
    expect(ok.res.status).toBe(200);
    expect(ok.html).toContain('Perioden 1 januari 2020–31 december 2020');
    expect(tableRows(ok.doc, 'tabell-per-typ').at(-1)).toEqual(['Totalt', '0', '0', '0', '0', '0']);
    const bad = await page('/rapporter?from=2026-02-30&to=2026-01-01', 'admin');
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('Skriv datumet som ÅÅÅÅ-MM-DD');
  });

  it('CSV and XLSX exports hold the same figures as the page', async () => {
    // The demo history covers the last twelve months, whatever today's date.
    const today = localIsoDate(new Date());
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace('-02-29', '-02-28');
    const { doc, client } = await page(`/rapporter?from=${yearAgo}&to=${today}`, 'coordinator');
    const href = DomUtils.findOne((el) => el.name === 'a' && (el.attribs.href ?? '').startsWith('/rapporter/per-kommun.csv'), doc.children)!.attribs.href!;
    const csvRes = await client.get(href);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const csvText = await csvRes.text();
    const csv: string[][] = parse(csvText, { delimiter: ';', bom: true });
    const pageRows = tableRows(doc, 'tabell-per-kommun');
    expect(pageRows).toHaveLength(17); // 15 municipalities, outside Skaraborg, total
    expect(csv.slice(1).map((r) => r.map(plain))).toEqual(pageRows.map((r) => r.map((c) => (c === '–' ? '' : plain(c)))));
    expect(pageRows.filter((r) => /^\d/.test(plain(r[2]!)) && Number(plain(r[2]!)) >= 5).length).toBeGreaterThan(0);

    const xlsxHref = DomUtils.findOne((el) => el.name === 'a' && (el.attribs.href ?? '').startsWith('/rapporter/rapport.xlsx'), doc.children)!.attribs.href!;
    const xlsxRes = await client.get(xlsxHref);
    expect(xlsxRes.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxRes.arrayBuffer());
    expect(workbook.worksheets.length).toBe(DomUtils.findAll((el) => el.name === 'table', doc.children).length);
    for (const [sheetName, tableId] of [['Per kommun', 'tabell-per-kommun'], ['Per typ', 'tabell-per-typ'], ['Per organisation', 'tabell-per-organisation'], ['Per månad', 'tabell-per-manad']] as const) {
      const sheet = workbook.getWorksheet(sheetName)!;
      const rows = tableRows(doc, tableId);
      rows.forEach((pageRow, i) => {
        const values = (sheet.getRow(i + 2).values as unknown[]).slice(1);
        pageRow.forEach((text, j) => {
          const v = values[j];
          const asText = v === undefined || v === null ? '–' : typeof v === 'number' ? new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(v) : String(v);
          if (tableId === 'tabell-per-manad' && j === 0) expect(String(v)).toMatch(/^\d{4}-\d{2}$/);
          else expect(plain(asText), `${sheetName} row ${i + 2} column ${j + 1}`).toBe(plain(text));
        });
      });
    }
  });
});
