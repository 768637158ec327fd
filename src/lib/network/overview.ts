// "Nätverket i Skaraborg": which municipalities and member organisations take part and what is coming
// up where. Public: organisation names and published activities only, never people.
import { countLabel } from '#lib/text/plural.ts';
import { asc } from 'drizzle-orm';
import { organisations } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { listUpcomingActivities, type UpcomingActivity } from '#lib/activities/upcoming.ts';
import { MUNICIPALITIES, municipalityByName, type Municipality } from '#lib/geo/municipalities.ts';
import { MAP_PALETTE, mapGeometry, type ShadedMap } from '#lib/geo/map.ts';

export interface NetworkMunicipality extends Municipality {
  organisations: string[];
  activities: UpcomingActivity[];
}

export interface NetworkOverview {
  municipalities: NetworkMunicipality[];
  /** Member organisations without a Skaraborg municipality (regional and national bodies). */
  regional: string[];
  /** Upcoming activities that are digital or take place outside Skaraborg. */
  elsewhere: UpcomingActivity[];
  map: ShadedMap;
}

const CLASSES = [
  { label: 'Inga kommande aktiviteter', min: 0 },
  { label: '1 aktivitet', min: 1 },
  { label: '2–3 aktiviteter', min: 2 },
  { label: '4 eller fler aktiviteter', min: 4 },
];

export function loadNetworkOverview(db: Db, now = new Date()): NetworkOverview {
  const orgs = db.select({ name: organisations.name, municipality: organisations.municipality }).from(organisations).orderBy(asc(organisations.name)).all();
  const upcoming = listUpcomingActivities(db, { now });
  const municipalities = MUNICIPALITIES.map((m) => ({
    ...m,
    organisations: orgs.filter((o) => municipalityByName(o.municipality)?.code === m.code).map((o) => o.name).sort((a, b) => a.localeCompare(b, 'sv')),
    activities: upcoming.filter((a) => municipalityByName(a.municipality)?.code === m.code),
  }));
  const regional = orgs.filter((o) => !municipalityByName(o.municipality)).map((o) => o.name).sort((a, b) => a.localeCompare(b, 'sv'));
  const elsewhere = upcoming.filter((a) => !municipalityByName(a.municipality));

  const geometry = mapGeometry();
  const areas: ShadedMap['areas'] = {};
  for (const m of municipalities) {
    const n = m.activities.length;
    const classIndex = CLASSES.findLastIndex((c) => n >= c.min);
    const orgText = countLabel(m.organisations.length, 'medlemsorganisation', 'medlemsorganisationer');
    const actText = countLabel(n, 'kommande aktivitet', 'kommande aktiviteter');
    areas[m.code] = { href: `#kommun-${m.slug}`, classIndex, title: `${m.name}: ${orgText}, ${actText}` };
  }
  // Light to dark, skipping the palette's class for suppressed counts (not used here).
  const palette = [MAP_PALETTE[0]!, MAP_PALETTE[2]!, MAP_PALETTE[3]!, MAP_PALETTE[4]!];
  return {
    municipalities,
    regional,
    elsewhere,
    map: { ...geometry, label: 'Karta: Skaraborgs 15 kommuner och deras kommande aktiviteter', classes: CLASSES.map((c, i) => ({ label: c.label, ...palette[i]! })), areas },
  };
}
