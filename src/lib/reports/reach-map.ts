// The /rapporter map: municipalities shaded by people reached in the period, with the same suppression
// as the tables (1–4 people form their own class, "färre än 5").
import { plural } from '#lib/text/plural.ts';
import { MAP_PALETTE, mapGeometry, type ShadedMap } from '#lib/geo/map.ts';
import { formatInteger } from './format.ts';
import type { ReachRow } from './participation.ts';
import { isSuppressed, SUPPRESSED_TEXT } from './suppression.ts';

const CLASSES = [
  { label: 'Ingen', test: (n: number) => n === 0 },
  { label: 'Färre än 5', test: (n: number) => isSuppressed(n) },
  { label: '5–19', test: (n: number) => n >= 5 && n < 20 },
  { label: '20–49', test: (n: number) => n >= 20 && n < 50 },
  { label: '50 eller fler', test: (n: number) => n >= 50 },
];

export function reachMap(byMunicipality: ReachRow[]): ShadedMap {
  const geometry = mapGeometry();
  const areas: ShadedMap['areas'] = {};
  for (const shape of geometry.shapes) {
    const people = byMunicipality.find((r) => r.code === shape.code)?.people ?? 0;
    const classIndex = CLASSES.findIndex((c) => c.test(people));
    const shown = isSuppressed(people) ? SUPPRESSED_TEXT : formatInteger(people);
    areas[shape.code] = { href: `#kommun-${shape.code}`, classIndex, title: `${shape.name}: ${shown} ${plural(people, 'person', 'personer')}` };
  }
  return {
    ...geometry,
    label: 'Karta: personer som nåtts per kommun i Skaraborg',
    classes: CLASSES.map((c, i) => ({ label: c.label, ...MAP_PALETTE[i]! })),
    areas,
  };
}
