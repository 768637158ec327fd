import { organisations, type OrganisationType } from '../schema/index.ts';
import type { Db } from '#lib/db.ts';
import { slugify } from '#lib/text/slugify.ts';

const MUNICIPALITIES: Array<[name: string, organisation: string, domain: string]> = [
  ['Essunga', 'Essunga kommun', 'essunga.se'],
  ['Falköping', 'Falköpings kommun', 'falkoping.se'],
  ['Grästorp', 'Grästorps kommun', 'grastorp.se'],
  ['Gullspång', 'Gullspångs kommun', 'gullspang.se'],
  ['Götene', 'Götene kommun', 'gotene.se'],
  ['Hjo', 'Hjo kommun', 'hjo.se'],
  ['Karlsborg', 'Karlsborgs kommun', 'karlsborg.se'],
  ['Lidköping', 'Lidköpings kommun', 'lidkoping.se'],
  ['Mariestad', 'Mariestads kommun', 'mariestad.se'],
  ['Skara', 'Skara kommun', 'skara.se'],
  ['Skövde', 'Skövde kommun', 'skovde.se'],
  ['Tibro', 'Tibro kommun', 'tibro.se'],
  ['Tidaholm', 'Tidaholms kommun', 'tidaholm.se'],
  ['Töreboda', 'Töreboda kommun', 'toreboda.se'],
  ['Vara', 'Vara kommun', 'vara.se'],
];

const OTHERS: Array<{ name: string; type: OrganisationType; municipality: string | null; domains: string[] }> = [
  { name: 'Arbetsförmedlingen', type: 'agency', municipality: null, domains: ['arbetsformedlingen.se'] },
  { name: 'Försäkringskassan', type: 'agency', municipality: null, domains: ['forsakringskassan.se'] },
  { name: 'Västra Götalandsregionen', type: 'region', municipality: null, domains: ['vgregion.se'] },
  { name: 'Skaraborgs Kommunalförbund', type: 'other', municipality: 'Skövde', domains: ['skaraborg.se'] },
  { name: 'Samordningsförbundet Västra Skaraborg', type: 'coordination_association', municipality: null, domains: [] },
  { name: 'Samordningsförbundet Östra Skaraborg', type: 'coordination_association', municipality: null, domains: [] },
  { name: 'Samordningsförbundet Skaraborg', type: 'coordination_association', municipality: null, domains: [] },
  { name: 'Samordningsförbundet RAR (Sörmland)', type: 'coordination_association', municipality: null, domains: [] },
  { name: 'Studieförbundet Vuxenskolan', type: 'study_association', municipality: null, domains: ['sv.se'] },
  { name: 'Vara folkhögskola', type: 'folk_high_school', municipality: 'Vara', domains: [] },
];

export const SKARABORG_MUNICIPALITIES = MUNICIPALITIES.map(([name]) => name);

export function seedOrganisations(db: Db): void {
  const rows = [
    ...MUNICIPALITIES.map(([municipality, name, domain]) => ({
      name,
      type: 'municipality' as const,
      municipality,
      domains: [domain],
    })),
    ...OTHERS,
  ];
  for (const row of rows) {
    db.insert(organisations)
      .values({ name: row.name, slug: slugify(row.name), type: row.type, municipality: row.municipality, emailDomains: row.domains })
      .run();
  }
}
