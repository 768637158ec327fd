// The network's own documents that the guides and the project bank build on (applications, plans and a
// pre-study, kept in the project's seed folder). A guide lists the ones it uses in `seeds`.

export interface SeedDocument {
  title: string;
  publisher: string;
  /** The document's date or year, as the document itself gives it. */
  date: string;
  /** Where the document is published, if it is. */
  url?: string;
  /** The project bank entry that describes it. */
  project: string;
  /** The project period exactly as the document states it (ISO dates), if it states one. */
  period?: { start: string; end: string };
}

export const SEED_DOCUMENTS = {
  'implementering-ung-arena': {
    title: 'Implementering av Ung Arena – projektbeskrivning',
    publisher: 'Mariestads kommun',
    date: '2019',
    project: 'implementering-av-ung-arena',
    period: { start: '2019-01-01', end: '2020-12-31' },
  },
  'ungas-larande-och-etablering': {
    title: 'Ungas lärande och etablering – projektbeskrivning i ESF-rådets projektbank (2020/00699)',
    publisher: 'Samordningsförbundet RAR',
    date: '2021',
    url: 'https://www.esf.se/resultat/projektbanken/projekt/?dnr=2020/00699',
    project: 'ungas-larande-och-etablering',
    period: { start: '2021-02-02', end: '2021-10-30' },
  },
  'level-up': {
    title: 'LEVEL UP Västra Skaraborg – projektbeskrivning i ESF-rådets projektbank (2015/00220)',
    publisher: 'Samordningsförbundet Västra Skaraborg',
    date: '2015',
    url: 'https://www.esf.se/resultat/projektbanken/projekt/?dnr=2015/00220',
    project: 'level-up-vastra-skaraborg',
    period: { start: '2015-11-01', end: '2019-06-30' },
  },
  'genomforandeplan-ung-arena-lidkoping': {
    title: 'Genomförandeplan Ung Arena',
    publisher: 'Lidköpings kommun',
    date: '2016-10-27',
    project: 'ung-arena-lidkoping',
  },
  'vaga-valja-vag': {
    title: 'Våga Välja Väg (VVV) – projektbeskrivning för förprojekteringen',
    publisher: 'Flens kommun, AU-Centrum',
    date: '2009',
    project: 'vaga-valja-vag',
    period: { start: '2009-08-01', end: '2009-12-31' },
  },
} as const satisfies Record<string, SeedDocument>;

export type SeedId = keyof typeof SEED_DOCUMENTS;
export const SEED_IDS = Object.keys(SEED_DOCUMENTS) as [SeedId, ...SeedId[]];

/** "Title (Publisher, date)" — how a seed document is cited on a page. */
export function seedCitation(id: SeedId): string {
  const seed: SeedDocument = SEED_DOCUMENTS[id];
  return `${seed.title} (${seed.publisher}, ${seed.date})`;
}
