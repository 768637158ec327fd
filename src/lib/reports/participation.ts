// Participation figures for a period, computed from the facts alone (no database): per kind, method,
// organisation, municipality and month, and course seats per organisation. Counts are exact here;
// suppression happens when the figures are shown (tables.ts).
import { ACTIVITY_KINDS, type ActivityKind } from '#db/schema/index.ts';
import { KIND_LABELS } from '#lib/activities/kinds.ts';
import { MUNICIPALITIES, municipalityByName } from '#lib/geo/municipalities.ts';
import type { ReportFacts } from './facts.ts';
import { localIsoDate, periodMonths, type Period } from './period.ts';
import { roundHours } from './format.ts';

export const NO_METHOD = 'Ingen metod angiven';
export const NO_ORGANISATION = 'Utan organisation';
export const OUTSIDE_SKARABORG = 'Utanför Skaraborg';
export const OUTSIDE_KEY = 'utanfor';

export interface ParticipationRow {
  key: string;
  label: string;
  activities: number;
  /** Registrations that held a seat (confirmed). */
  registered: number;
  /** Of those: present on at least one date. */
  attended: number;
  /** Of those: present on no date. */
  noShows: number;
  /** Unique people present at least once. */
  people: number;
  /** Competence development: attendance × length of each date, in hours. */
  hours: number;
}

export interface ReachRow {
  key: string;
  label: string;
  /** SCB code for municipalities. */
  code?: string;
  people: number;
  hours: number;
}

export interface CourseRow {
  key: string;
  organisation: string;
  seats: number;
  nominations: number;
  /** Sum of the per-organisation quotas of the courses with a quota where the organisation held seats. */
  quota: number | null;
  /** Seats on those courses / quota. */
  quotaUse: number | null;
}

export interface MonthRow {
  key: string;
  label: string;
  activities: number;
  people: number;
  hours: number;
}

export interface ParticipationReport {
  period: Period;
  totals: ParticipationRow;
  byKind: ParticipationRow[];
  byMethod: ParticipationRow[];
  byOrganisation: ReachRow[];
  byMunicipality: ReachRow[];
  courses: CourseRow[];
  byMonth: MonthRow[];
}

/** Accumulates one group's figures. */
class Tally {
  label = '';
  activities = new Set<number>();
  registered = 0;
  attended = 0;
  people = new Set<number>();
  hours = 0;

  present(userId: number, hours: number): void {
    this.attended++;
    this.people.add(userId);
    this.hours += hours;
  }

  row(key: string, label: string): ParticipationRow {
    return {
      key,
      label,
      activities: this.activities.size,
      registered: this.registered,
      attended: this.attended,
      noShows: this.registered - this.attended,
      people: this.people.size,
      hours: roundHours(this.hours),
    };
  }
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

export function computeParticipation(facts: ReportFacts, period: Period): ParticipationReport {
  const activityById = new Map(facts.activities.map((a) => [a.id, a]));
  const dateHours = new Map(facts.dates.map((d) => [d.id, (d.endsAt.getTime() - d.startsAt.getTime()) / 3_600_000]));
  // Per registration: the hours it was present for (undefined: never present).
  const presentHours = new Map<number, number>();
  for (const a of facts.attendance) presentHours.set(a.registrationId, (presentHours.get(a.registrationId) ?? 0) + (dateHours.get(a.dateId) ?? 0));

  const total = new Tally();
  const kinds = new Map<ActivityKind, Tally>();
  const methods = new Map<string, Tally>();
  const months = new Map<string, Tally>();
  const orgs = new Map<string, Tally>();
  const places = new Map<string, Tally>();
  const courseOrgs = new Map<string, { organisation: string; seats: number; nominations: number; quota: number; quotaSeats: number; quotaCourses: Set<number> }>();

  // The groups each activity counts in, worked out once per activity (not per registration).
  const groupsByActivity = new Map<number, Tally[]>();
  for (const a of facts.activities) {
    const methodNames = a.methods.length ? a.methods : [NO_METHOD];
    const groups = [total, tallyOf(kinds, a.kind), ...methodNames.map((m) => tallyOf(methods, m)), tallyOf(months, localIsoDate(a.startsAt).slice(0, 7))];
    for (const t of groups) t.activities.add(a.id);
    groupsByActivity.set(a.id, groups);
  }
  const placeKeyByOrganisation = new Map<string, string>();

  for (const r of facts.registrations) {
    const activity = activityById.get(r.activityId);
    if (!activity) continue;
    const orgKey = r.organisationId === null ? 'none' : String(r.organisationId);
    if (activity.kind === 'course' && (r.status === 'confirmed' || r.nominated)) {
      let c = courseOrgs.get(orgKey);
      if (!c) courseOrgs.set(orgKey, (c = { organisation: r.organisation ?? NO_ORGANISATION, seats: 0, nominations: 0, quota: 0, quotaSeats: 0, quotaCourses: new Set() }));
      if (r.nominated) c.nominations++;
      if (r.status === 'confirmed') {
        c.seats++;
        if (activity.organisationQuota !== null) {
          c.quotaSeats++;
          if (!c.quotaCourses.has(activity.id)) {
            c.quotaCourses.add(activity.id);
            c.quota += activity.organisationQuota;
          }
        }
      }
    }
    if (r.status !== 'confirmed') continue;
    const hours = presentHours.get(r.id);
    const groups = groupsByActivity.get(r.activityId)!;
    for (const t of groups) t.registered++;
    if (hours === undefined) continue;
    const org = tallyOf(orgs, orgKey);
    org.label = r.organisation ?? NO_ORGANISATION;
    let placeKey = placeKeyByOrganisation.get(orgKey);
    if (placeKey === undefined) placeKeyByOrganisation.set(orgKey, (placeKey = municipalityByName(r.municipality)?.code ?? OUTSIDE_KEY));
    const place = tallyOf(places, placeKey);
    for (const t of groups) t.present(r.userId, hours);
    org.present(r.userId, hours);
    place.present(r.userId, hours);
  }

  const byKind = ACTIVITY_KINDS.map((k) => (kinds.get(k) ?? new Tally()).row(k, KIND_LABELS[k]));
  const byMethod = [...methods.entries()]
    .map(([m, t]) => t.row(m, m))
    .sort((a, b) => (a.key === NO_METHOD ? 1 : b.key === NO_METHOD ? -1 : a.label.localeCompare(b.label, 'sv')));
  const reach = (key: string, label: string, t: Tally | undefined, code?: string): ReachRow => ({
    key,
    label,
    ...(code ? { code } : {}),
    people: t?.people.size ?? 0,
    hours: roundHours(t?.hours ?? 0),
  });
  const byOrganisation = [...orgs.entries()]
    .map(([key, t]) => reach(key, t.label, t))
    .sort((a, b) => b.people - a.people || a.label.localeCompare(b.label, 'sv'));
  const byMunicipality = [
    ...MUNICIPALITIES.map((m) => reach(m.code, m.name, places.get(m.code), m.code)),
    reach(OUTSIDE_KEY, OUTSIDE_SKARABORG, places.get(OUTSIDE_KEY)),
  ];
  const courses = [...courseOrgs.entries()]
    .map(([key, c]) => ({
      key,
      organisation: c.organisation,
      seats: c.seats,
      nominations: c.nominations,
      quota: c.quota > 0 ? c.quota : null,
      quotaUse: c.quota > 0 ? c.quotaSeats / c.quota : null,
    }))
    .sort((a, b) => b.seats - a.seats || a.organisation.localeCompare(b.organisation, 'sv'));
  const byMonth = periodMonths(period).map(({ key, label }) => {
    const row = (months.get(key) ?? new Tally()).row(key, label);
    return { key, label, activities: row.activities, people: row.people, hours: row.hours };
  });
  return { period, totals: total.row('totalt', 'Totalt'), byKind, byMethod, byOrganisation, byMunicipality, courses, byMonth };
}
