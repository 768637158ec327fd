// The project-idea template: thirteen sections that mirror how ESF-rådet assesses ESF+ applications
// (see shared/esf-plus-application.md) and the structure of "Genomförandeplan Ung Arena".
import type { IdeaStatus } from '#db/schema/index.ts';

/** The stored idea statuses, join modes and comment-mail choices, for forms (pages take them from here, not the schema). */
export { IDEA_STATUSES, JOIN_MODES, NOTIFY_CHOICES } from '#db/schema/index.ts';

export interface SectionDefinition {
  key: string;
  number: number;
  title: string;
  /** Short Swedish guidance shown next to the editor. */
  help: string;
  /** Characters below which the readiness panel calls the section "kort". */
  minLength: number;
  /** Text to start from when the section is still empty (e.g. the budget table). */
  starter?: string;
}

export const SECTIONS: readonly SectionDefinition[] = [
  {
    key: 'problemformulering',
    number: 1,
    title: 'Problemformulering',
    help: 'Vilket problem ska projektet lösa och för vem – på individ-, organisations- eller strukturnivå? Beskriv orsaker (och vilka ni kan påverka), konsekvenser och målgruppens behov. Analysera problemet utifrån jämställdhet, tillgänglighet och icke-diskriminering.',
    minLength: 600,
  },
  {
    key: 'horisontella-principer',
    number: 2,
    title: 'Horisontella principer',
    help: 'ESF-rådet bedömer jämställdhet, tillgänglighet och icke-diskriminering var för sig. Skriv om varje princip: hur ser situationen ut för kvinnor och män, för unga med funktionsnedsättning och för unga som riskerar att diskrimineras i målgruppen, och vad gör projektet konkret för att alla ska kunna delta och få samma möjligheter?',
    minLength: 400,
  },
  {
    key: 'syfte-och-mal',
    number: 3,
    title: 'Syfte och mål',
    help: 'Vad vill ni uppnå? Skriv mätbara mål som hänger ihop med problemet, till exempel andel deltagare som börjar arbeta eller studera, och när målen ska vara nådda.',
    minLength: 300,
  },
  {
    key: 'malgrupp',
    number: 4,
    title: 'Målgrupp',
    help: 'Vilka unga vänder sig projektet till (ålder, situation, antal)? Hur når ni dem, och hur får målgruppen vara med och påverka?',
    minLength: 250,
  },
  {
    key: 'metod-och-aktiviteter',
    number: 5,
    title: 'Metod och aktiviteter',
    help: 'Hur och med vilka aktiviteter ska målen nås? Hänvisa gärna till metodguiderna, till exempel Supported employment eller tjänstedesign.',
    minLength: 500,
  },
  {
    key: 'organisation',
    number: 6,
    title: 'Organisation, kapacitet och kompetens',
    help: 'Vem äger projektet, hur styrs det och vilken kompetens och erfarenhet finns? Beskriv projektorganisation, styrgrupp och bemanning.',
    minLength: 300,
  },
  {
    key: 'forankring-och-samverkan',
    number: 7,
    title: 'Förankring och samverkan',
    help: 'Hur är idén förankrad hos ledning och politik i de deltagande organisationerna? Lägg till de deltagande organisationerna och deras roller i listan under avsnittet.',
    minLength: 300,
  },
  {
    key: 'forandringsteori',
    number: 8,
    title: 'Förändringsteori',
    help: 'Beskriv kedjan bakifrån: långsiktig effekt → kortsiktig effekt (beteende eller attityd) → resultat → aktiviteter.',
    minLength: 300,
    starter: '**Långsiktig effekt:** \n\n**Kortsiktiga effekter:** \n\n**Resultat:** \n\n**Aktiviteter:** \n',
  },
  {
    key: 'uppfoljning',
    number: 9,
    title: 'Uppföljning',
    help: 'Hur följer ni upp målen under och efter projektet? Vilka indikatorer, vem samlar in underlaget och hur ofta?',
    minLength: 200,
  },
  {
    key: 'tidsplan',
    number: 10,
    title: 'Tidsplan',
    help: 'Projektets faser och viktiga milstolpar, till exempel förberedelse, genomförande och avslut.',
    minLength: 150,
  },
  {
    key: 'riskanalys',
    number: 11,
    title: 'Riskanalys',
    help: 'Vilka risker kan hindra projektet, hur sannolika är de och vad gör ni för att minska dem?',
    minLength: 200,
  },
  {
    key: 'budget',
    number: 12,
    title: 'Budget',
    help: 'En grov uppskattning räcker: en tabell med kostnadsslag och belopp i kronor.',
    minLength: 80,
    starter: '| Kostnadsslag | Belopp (kr) |\n| --- | --- |\n| Personal |  |\n| Externa tjänster |  |\n| Resor och logi |  |\n| Övriga kostnader |  |\n',
  },
  {
    key: 'kommunikationsplan',
    number: 13,
    title: 'Kommunikationsplan',
    help: 'Hur sprider ni information om projektet och dess resultat – till målgruppen, till samverkansparter och till beslutsfattare?',
    minLength: 200,
  },
];

export const SECTION_KEYS = SECTIONS.map((s) => s.key);

export function sectionByKey(key: string): SectionDefinition | undefined {
  return SECTIONS.find((s) => s.key === key);
}

export const STATUS_LABELS: Record<IdeaStatus, string> = {
  idea: 'Idé',
  draft: 'Utkast',
  ready: 'Redo för utlysning',
  submitted: 'Inskickad',
  closed: 'Avslutad',
};

/** Statuses from which a lead may share the idea read-only with every member. */
export const SHAREABLE_STATUSES: readonly IdeaStatus[] = ['ready', 'submitted', 'closed'];

export const JOIN_MODE_LABELS = {
  open: 'Öppen – alla medlemmar kan gå med',
  request: 'Efter förfrågan – gruppledarna godkänner',
  closed: 'Stängd – gruppledarna bjuder in',
} as const;
