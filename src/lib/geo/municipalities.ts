// Skaraborg's 15 municipalities with their SCB codes, read from the boundary file beside this module.
// Boundaries: Valmyndigheten, simplified by okfse/sweden-geojson (see README, "Karta").
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import boundaries from './skaraborg-kommuner.geo.json' with { type: 'json' };
import { slugify } from '#lib/text/slugify.ts';

export interface MunicipalityProperties {
  /** SCB municipality code, e.g. "1496". */
  kommunkod: string;
  kommun: string;
}

export type MunicipalityCollection = FeatureCollection<Polygon | MultiPolygon, MunicipalityProperties>;

export const MUNICIPALITY_BOUNDARIES = boundaries as unknown as MunicipalityCollection;

/** Credit line required by the data source, shown under every map. */
export const MAP_CREDIT = 'Kommungränser: Valmyndigheten, förenklade av okfse/sweden-geojson';
export const MAP_CREDIT_URL = 'https://github.com/okfse/sweden-geojson';

export interface Municipality {
  code: string;
  name: string;
  /** For anchors: "skovde". */
  slug: string;
}

/** The 15 municipalities in Swedish alphabetical order. */
export const MUNICIPALITIES: readonly Municipality[] = MUNICIPALITY_BOUNDARIES.features
  .map((f) => ({ code: f.properties.kommunkod, name: f.properties.kommun, slug: slugify(f.properties.kommun) }))
  .sort((a, b) => a.name.localeCompare(b.name, 'sv'));

const byName = new Map(MUNICIPALITIES.map((m) => [m.name.toLocaleLowerCase('sv'), m]));

/** The Skaraborg municipality with this name (any case), or undefined for anything else. */
export function municipalityByName(name: string | null | undefined): Municipality | undefined {
  return name ? byName.get(name.trim().toLocaleLowerCase('sv')) : undefined;
}
