// The report as tables: one definition of columns and cells that the page, the charts, the CSV files
// and the XLSX workbook all read, so they cannot disagree. Suppression of small counts happens here.
import type { ClusterFigures } from './clusters.ts';
import { formatDecimal, formatInteger, formatPercent } from './format.ts';
import type { ParticipationReport } from './participation.ts';
import { isSuppressed, SUPPRESSED_TEXT } from './suppression.ts';

/**
 * text: a label · month: "2026-01" (page: "januari 2026") · count: not people (activities, ideas)
 * people: a count of people, suppressed under 5 · hours/share: derived from the `basis` people column.
 */
export type ColumnKind = 'text' | 'month' | 'count' | 'people' | 'hours' | 'share';

export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  /** For hours and shares: the people column whose small value suppresses this cell too. */
  basis?: string;
}

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface ReportTable {
  /** Also the CSV file name: "per-kommun". */
  id: string;
  title: string;
  /** Excel sheet names are at most 31 characters. */
  sheet: string;
  /** What the figures mean (shown under the table). */
  note?: string;
  columns: Column[];
  rows: Row[];
  /** A last row ("Totalt"), shown in tfoot. */
  total?: Row;
}

/** A cell as one of three audiences needs it. */
export interface CellValue {
  suppressed: boolean;
  /** Page text: Swedish formats. */
  text: string;
  /** CSV: plain digits, decimal comma, ISO months; "färre än 5" when suppressed. */
  csv: string;
  /** XLSX: numbers as numbers. */
  xlsx: string | number | null;
}

const monthLabel = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function cellValue(row: Row, column: Column): CellValue {
  const value = row[column.key] ?? null;
  const basis = column.basis ? row[column.basis] : column.kind === 'people' ? value : null;
  if (typeof basis === 'number' && isSuppressed(basis)) return { suppressed: true, text: SUPPRESSED_TEXT, csv: SUPPRESSED_TEXT, xlsx: SUPPRESSED_TEXT };
  if (value === null) return { suppressed: false, text: '–', csv: '', xlsx: null };
  if (typeof value === 'string') {
    if (column.kind === 'month') {
      const [y, m] = value.split('-').map(Number) as [number, number];
      return { suppressed: false, text: monthLabel.format(new Date(Date.UTC(y, m - 1, 15))), csv: value, xlsx: value };
    }
    return { suppressed: false, text: value, csv: value, xlsx: value };
  }
  switch (column.kind) {
    case 'hours':
      return { suppressed: false, text: formatDecimal(value), csv: String(value).replace('.', ','), xlsx: value };
    case 'share':
      return { suppressed: false, text: formatPercent(value), csv: String(Math.round(value * 100)), xlsx: Math.round(value * 100) / 100 };
    default:
      return { suppressed: false, text: formatInteger(value), csv: String(value), xlsx: value };
  }
}

const participationColumns = (first: string): Column[] => [
  { key: 'label', label: first, kind: 'text' },
  { key: 'activities', label: 'Aktiviteter', kind: 'count' },
  { key: 'registered', label: 'Anmälda', kind: 'people' },
  { key: 'attended', label: 'Deltog', kind: 'people' },
  { key: 'noShows', label: 'Uteblev', kind: 'people' },
  { key: 'hours', label: 'Timmar kompetensutveckling', kind: 'hours', basis: 'attended' },
];

const reachColumns = (first: string): Column[] => [
  { key: 'label', label: first, kind: 'text' },
  { key: 'people', label: 'Personer', kind: 'people' },
  { key: 'hours', label: 'Timmar kompetensutveckling', kind: 'hours', basis: 'people' },
];

const asRow = (o: object): Row => o as Row;

export function participationTables(report: ParticipationReport): ReportTable[] {
  const { totals } = report;
  return [
    {
      id: 'per-typ',
      title: 'Aktiviteter per typ',
      sheet: 'Per typ',
      note: 'Anmälda: fick en plats. Deltog: närvarande minst ett tillfälle. Uteblev: anmälda som inte kom något tillfälle.',
      columns: participationColumns('Typ'),
      rows: report.byKind.map(asRow),
      total: asRow(totals),
    },
    {
      id: 'per-metod',
      title: 'Aktiviteter per metod',
      sheet: 'Per metod',
      note: 'Metoden är den metodguide som aktiviteten länkar till. En aktivitet med flera metoder räknas under var och en, så kolumnerna summeras inte.',
      columns: participationColumns('Metod'),
      rows: report.byMethod.map(asRow),
    },
    {
      id: 'per-organisation',
      title: 'Personer som nåtts per organisation',
      sheet: 'Per organisation',
      note: 'Unika personer som deltog minst en gång, efter den organisation de tillhör i dag.',
      columns: reachColumns('Organisation'),
      rows: report.byOrganisation.map(asRow),
      total: { label: 'Totalt', people: totals.people, hours: totals.hours },
    },
    {
      id: 'per-kommun',
      title: 'Personer som nåtts per kommun',
      sheet: 'Per kommun',
      note: 'Kommunen där personens organisation finns. Utanför Skaraborg: organisationer i andra kommuner, regionala och nationella organisationer och personer utan organisation.',
      columns: [reachColumns('Kommun')[0]!, { key: 'code', label: 'Kommunkod', kind: 'text' }, ...reachColumns('Kommun').slice(1)],
      rows: report.byMunicipality.map((r) => ({ label: r.label, code: r.code ?? null, people: r.people, hours: r.hours })),
      total: { label: 'Totalt', code: null, people: totals.people, hours: totals.hours },
    },
    {
      id: 'kurser',
      title: 'Kurser: platser, nomineringar och kvot per organisation',
      sheet: 'Kurser',
      note: 'Platser: bekräftade platser på kurser. Nomineringar: anmälningar som en kontaktperson gjort. Kvot: summan av organisationens platskvot på de kurser med kvot där den hade platser.',
      columns: [
        { key: 'organisation', label: 'Organisation', kind: 'text' },
        { key: 'seats', label: 'Platser', kind: 'people' },
        { key: 'nominations', label: 'Nomineringar', kind: 'people' },
        { key: 'quota', label: 'Kvot', kind: 'count' },
        { key: 'quotaUse', label: 'Andel av kvoten', kind: 'share', basis: 'seats' },
      ],
      rows: report.courses.map(asRow),
    },
    {
      id: 'per-manad',
      title: 'Utveckling per månad',
      sheet: 'Per månad',
      note: 'Aktiviteterna räknas i den månad de började.',
      columns: [
        { key: 'key', label: 'Månad', kind: 'month' },
        { key: 'activities', label: 'Aktiviteter', kind: 'count' },
        { key: 'people', label: 'Personer', kind: 'people' },
        { key: 'hours', label: 'Timmar kompetensutveckling', kind: 'hours', basis: 'people' },
      ],
      rows: report.byMonth.map(asRow),
    },
  ];
}

export function clusterTables(figures: ClusterFigures): ReportTable[] {
  return [
    {
      id: 'klustergrupper',
      title: 'Klustergrupper och projektidéer per problemområde',
      sheet: 'Per problemområde',
      columns: [
        { key: 'area', label: 'Problemområde', kind: 'text' },
        { key: 'groups', label: 'Klustergrupper', kind: 'count' },
        { key: 'ideas', label: 'Projektidéer', kind: 'count' },
      ],
      rows: figures.byArea.map(asRow),
    },
    {
      id: 'ideer-per-status',
      title: 'Projektidéer per status',
      sheet: 'Idéer per status',
      columns: [
        { key: 'label', label: 'Status', kind: 'text' },
        { key: 'ideas', label: 'Projektidéer', kind: 'count' },
      ],
      rows: figures.byStatus.map(asRow),
    },
    {
      id: 'organisationer-per-ide',
      title: 'Organisationer per projektidé',
      sheet: 'Organisationer per idé',
      columns: [
        { key: 'idea', label: 'Projektidé', kind: 'text' },
        { key: 'group', label: 'Klustergrupp', kind: 'text' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'organisations', label: 'Antal organisationer', kind: 'count' },
        { key: 'names', label: 'Organisationer', kind: 'text' },
      ],
      rows: figures.ideaOrganisations.map(asRow),
    },
  ];
}
