// Projects the municipality boundaries to SVG path data with d3-geo. The map component renders the result.
import { geoArea, geoPath, geoTransverseMercator } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { MUNICIPALITIES, MUNICIPALITY_BOUNDARIES, type MunicipalityCollection, type MunicipalityProperties, type Municipality } from './municipalities.ts';

export interface MapShape extends Municipality {
  /** SVG path data in the map's own coordinates. */
  d: string;
  /** Where the name label goes (the shape's centroid). */
  labelX: number;
  labelY: number;
}

export interface MapGeometry {
  width: number;
  height: number;
  shapes: MapShape[];
}

const WIDTH = 560;

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo works on the sphere and reads such a ring
 * as "everything except this area". A feature whose area is more than half the sphere is rewound.
 */
function rewound(collection: MunicipalityCollection): MunicipalityCollection {
  const features = collection.features.map((feature): Feature<Polygon | MultiPolygon, MunicipalityProperties> => {
    if (geoArea(feature) <= 2 * Math.PI) return feature;
    const geometry: Polygon | MultiPolygon =
      feature.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: feature.geometry.coordinates.map((ring) => [...ring].reverse()) }
        : { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map((polygon) => polygon.map((ring) => [...ring].reverse())) };
    return { ...feature, geometry };
  });
  return { ...collection, features };
}

/**
 * Transverse Mercator around 15° E (the central meridian of Sweden's SWEREF 99 TM), fitted to the width.
 * The result only depends on the data file, so it is computed once.
 */
function project(): MapGeometry {
  const boundaries = rewound(MUNICIPALITY_BOUNDARIES);
  const projection = geoTransverseMercator().rotate([-15, 0]).fitWidth(WIDTH - 8, boundaries);
  const path = geoPath(projection).digits(1);
  const [[, y0], [, y1]] = path.bounds(boundaries);
  const height = Math.ceil(y1 - y0) + 8;
  projection.translate([projection.translate()[0] + 4, projection.translate()[1] - y0 + 4]);
  const shapes = boundaries.features.map((feature) => {
    const municipality = MUNICIPALITIES.find((m) => m.code === feature.properties.kommunkod)!;
    const [labelX, labelY] = path.centroid(feature);
    return { ...municipality, d: path(feature) ?? '', labelX: Math.round(labelX), labelY: Math.round(labelY) };
  });
  shapes.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { width: WIDTH, height, shapes };
}

let geometry: MapGeometry | undefined;

export function mapGeometry(): MapGeometry {
  return (geometry ??= project());
}

/** A sequential blue scale (ColorBrewer "Blues"), light to dark, with the text colour that stays readable on it. */
export const MAP_PALETTE: ReadonlyArray<{ fill: string; text: string }> = [
  { fill: '#f4f7fb', text: '#1a1a1a' },
  { fill: '#c6dbef', text: '#1a1a1a' },
  { fill: '#6baed6', text: '#1a1a1a' },
  { fill: '#2171b5', text: '#ffffff' },
  { fill: '#08306b', text: '#ffffff' },
];

export interface MapClass {
  /** Legend text, e.g. "5–19 personer". */
  label: string;
  fill: string;
  text: string;
}

export interface ShadedArea {
  href: string;
  /** Index into the classes. */
  classIndex: number;
  /** Tooltip, e.g. "Skövde: 23 personer". */
  title: string;
}

export interface ShadedMap extends MapGeometry {
  /** Accessible name of the whole map. */
  label: string;
  classes: MapClass[];
  areas: Record<string, ShadedArea>;
}
