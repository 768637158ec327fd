// Call-readiness check: maps ESF-rådet's selection criteria (Bedömning 2021–2027) and the
// horizontal principles to the template's sections, with a length threshold per section.
import { sectionByKey } from './template.ts';

export type SectionState = 'saknas' | 'kort' | 'ok';
export type CriterionState = 'saknas' | 'påbörjad' | 'klar';

export interface Criterion {
  id: string;
  title: string;
  description: string;
  sections: string[];
  /** Words the text of the first section must mention, each on its own (the horizontal principles). */
  mustMention?: Array<{ label: string; pattern: RegExp }>;
  minOrganisations?: number;
}

export const CRITERIA: readonly Criterion[] = [
  {
    id: 'problemformulering',
    title: 'Problemformulering',
    description: 'Problemet, orsakerna och målgruppens behov är beskrivna.',
    sections: ['problemformulering', 'malgrupp'],
  },
  {
    id: 'horisontella-principer',
    title: 'Horisontella principer',
    description: 'Jämställdhet, tillgänglighet och icke-diskriminering är beskrivna var för sig i avsnittet om horisontella principer.',
    sections: ['horisontella-principer'],
    mustMention: [
      { label: 'jämställdhet', pattern: /jämställ/i },
      { label: 'tillgänglighet', pattern: /tillgänglig/i },
      { label: 'icke-diskriminering', pattern: /diskriminer/i },
    ],
  },
  {
    id: 'projektmal',
    title: 'Projektmål',
    description: 'Mätbara mål som hänger ihop med problemet, en förändringsteori och en plan för uppföljning.',
    sections: ['syfte-och-mal', 'forandringsteori', 'uppfoljning'],
  },
  {
    id: 'metod',
    title: 'Metod och tillvägagångssätt',
    description: 'Aktiviteter, tidsplan och risker är beskrivna.',
    sections: ['metod-och-aktiviteter', 'tidsplan', 'riskanalys'],
  },
  {
    id: 'kapacitet',
    title: 'Kapacitet och kompetens',
    description: 'Projektorganisation, kompetens och en grov budget finns.',
    sections: ['organisation', 'budget'],
  },
  {
    id: 'forankring',
    title: 'Förankring',
    description: 'Förankring, minst två deltagande organisationer med roller och en kommunikationsplan.',
    sections: ['forankring-och-samverkan', 'kommunikationsplan'],
    minOrganisations: 2,
  },
];

export interface SectionCheck {
  key: string;
  title: string;
  state: SectionState;
  length: number;
  minLength: number;
}

export interface CriterionCheck {
  criterion: Criterion;
  state: CriterionState;
  sections: SectionCheck[];
  missingMentions: string[];
  organisationsMissing: number;
}

/** Length of the text a reader sees: Markdown table rules and emphasis marks do not count. */
export function contentLength(text: string): number {
  return text
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
    .replace(/[|*_#>`]/g, '')
    .replace(/\s+/g, ' ')
    .trim().length;
}

export function sectionState(key: string, text: string): SectionCheck {
  const def = sectionByKey(key)!;
  const length = contentLength(text);
  const starterLength = def.starter ? contentLength(def.starter) : 0;
  const state: SectionState = length === 0 || (starterLength > 0 && length <= starterLength) ? 'saknas' : length < def.minLength ? 'kort' : 'ok';
  return { key, title: def.title, state, length, minLength: def.minLength };
}

export function checkReadiness(texts: Record<string, string>, organisationCount: number): CriterionCheck[] {
  return CRITERIA.map((criterion) => {
    const sections = criterion.sections.map((key) => sectionState(key, texts[key] ?? ''));
    const first = texts[criterion.sections[0]!] ?? '';
    const missingMentions = (criterion.mustMention ?? []).filter((m) => !m.pattern.test(first)).map((m) => m.label);
    const organisationsMissing = Math.max(0, (criterion.minOrganisations ?? 0) - organisationCount);
    const allOk = sections.every((s) => s.state === 'ok') && missingMentions.length === 0 && organisationsMissing === 0;
    const started = sections.some((s) => s.state !== 'saknas') || (criterion.minOrganisations !== undefined && organisationCount > 0);
    const mentionProgress = criterion.mustMention ? missingMentions.length < criterion.mustMention.length : false;
    return {
      criterion,
      state: allOk ? 'klar' : started || mentionProgress ? 'påbörjad' : 'saknas',
      sections,
      missingMentions,
      organisationsMissing,
    };
  });
}

export const CRITERION_STATE_LABELS: Record<CriterionState, string> = { saknas: 'Saknas', påbörjad: 'Påbörjad', klar: 'Klar' };
export const SECTION_STATE_LABELS: Record<SectionState, string> = { saknas: 'tomt', kort: 'för kort', ok: 'tillräckligt' };
