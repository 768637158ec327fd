// Bar charts drawn on the server with Observable Plot into a linkedom document, returned as SVG markup.
// No chart JavaScript reaches the browser; each chart sits next to its table, which is the text version.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { formatInteger, formatDecimal } from './format.ts';
import { cellValue, type ReportTable } from './tables.ts';
import { SUPPRESSED_TEXT } from './suppression.ts';
import { escapeHtml } from '#lib/text/escape.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

export interface BarChartOptions {
  /** Column with the bar labels, and the one with the values. */
  labelKey: string;
  valueKey: string;
  /** Axis title, e.g. "Personer". */
  valueLabel: string;
}

interface Bar {
  label: string;
  value: number;
  text: string;
}

const BAR_HEIGHT = 26;
const CHAR_WIDTH = 7.4;
const MAX_LABEL = 40;

/**
 * A horizontal bar chart of one table column. Suppressed cells get no bar, only the words "färre än 5".
 * The SVG is an image with a name; its data is in the table next to it.
 */
export function barChartSvg(table: ReportTable, options: BarChartOptions): string {
  // Reports are cached per data revision (report.ts) and their tables never change, so a chart is drawn
  // once per table and options; the WeakMap lets it go with its table.
  const key = `${options.labelKey}\u0000${options.valueKey}\u0000${options.valueLabel}`;
  let charts = drawn.get(table);
  if (!charts) drawn.set(table, (charts = new Map()));
  let svg = charts.get(key);
  if (svg === undefined) charts.set(key, (svg = drawBarChart(table, options)));
  return svg;
}

const drawn = new WeakMap<ReportTable, Map<string, string>>();

function drawBarChart(table: ReportTable, options: BarChartOptions): string {
  const labelColumn = table.columns.find((c) => c.key === options.labelKey)!;
  const valueColumn = table.columns.find((c) => c.key === options.valueKey)!;
  const bars: Bar[] = table.rows.map((row) => {
    // Long names are shortened in the chart only; the table beside it has them in full.
    const full = cellValue(row, labelColumn).text;
    const label = full.length > MAX_LABEL ? `${full.slice(0, MAX_LABEL - 1).trimEnd()}…` : full;
    const v = cellValue(row, valueColumn);
    const value = v.suppressed || typeof row[valueColumn.key] !== 'number' ? 0 : (row[valueColumn.key] as number);
    return { label, value, text: v.suppressed ? SUPPRESSED_TEXT : valueColumn.kind === 'hours' ? formatDecimal(value) : formatInteger(value) };
  });
  const longest = Math.max(...bars.map((b) => b.label.length), 4);
  const marginLeft = Math.min(340, Math.ceil(longest * CHAR_WIDTH) + 20);
  const max = Math.max(...bars.map((b) => b.value), 1);
  const svg = Plot.plot({
    document,
    width: 720,
    height: bars.length * BAR_HEIGHT + 50,
    marginLeft,
    marginRight: 80,
    x: { label: options.valueLabel, grid: true, domain: [0, max], nice: true, tickFormat: (d: number) => formatInteger(d), ticks: Math.min(6, max) },
    y: { label: null, domain: bars.map((b) => b.label) },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'label', fill: '#1d5c8c' }),
      Plot.text(bars, { x: 'value', y: 'label', text: 'text', textAnchor: 'start', dx: 5, fill: '#1a1a1a' }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  return finish(svg, `Diagram: ${table.title}. Siffrorna finns i tabellen.`);
}

/**
 * Makes the SVG self-contained under the site's Content Security Policy (no inline <style>, no style
 * attributes: the site stylesheet sizes charts) and gives it an accessible name.
 */
function finish(svg: Element, label: string): string {
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  svg.removeAttribute('style');
  for (const el of [...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  // Plot names its groups ("bar", "x-axis tick"); inside an image they are not exposed, and ARIA does not
  // allow a name on a group without a role.
  for (const el of [...svg.querySelectorAll('[aria-label]')]) el.removeAttribute('aria-label');
  for (const el of [...svg.querySelectorAll('[aria-description]')]) el.removeAttribute('aria-description');
  svg.setAttribute('class', 'chart-svg');
  svg.setAttribute('font-size', '12');
  // linkedom leaves "&" and "<" unescaped in attributes, so the name is added as escaped text.
  return svg.outerHTML.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(label)}" `);
}
