// The pages that bench/profile.mjs and bench/compare.mjs take by name, as [path, cookie] over the bench's fixtures.
import { FLOOR } from './ssr.mjs';
import { createReportFixtures, reportPath } from './reports.mjs';

/**
 * idea, aktiviteter (anonymous), mina-sidor, floor, rapporter (adds the reports' year to the database), or any
 * on-demand path as it is: anonymous, or as the fixtures' viewer with a trailing `@viewer` (`/logga-in`,
 * `/mina-sidor/profil@viewer`).
 */
export function pageByName(name, db, fx) {
  const known = { idea: [fx.idea.path, fx.viewerCookie], aktiviteter: ['/aktiviteter', ''], 'mina-sidor': ['/mina-sidor', fx.viewerCookie], floor: [FLOOR.path, ''] };
  if (known[name]) return known[name];
  if (name === 'rapporter') return [reportPath(), createReportFixtures(db).cookie];
  if (name.startsWith('/')) return [name.replace(/@viewer$/, ''), name.endsWith('@viewer') ? fx.viewerCookie : ''];
  throw new Error(`Unknown page ${name}`);
}
