// Seats at a glance for lists of activities: seats left, full (waitlist), and where the viewer stands.
// Two prepared queries for the whole list (seat counts grouped by activity, the viewer's own registrations);
// the ids go in as one JSON array, so the SQL text is the same for any list.
import { countLabel } from '#lib/text/plural.ts';
import { getTableName } from 'drizzle-orm';
import { registrations, type Activity, type Registration, type RegistrationStatus } from '#db/schema/index.ts';
import { statement } from '#lib/cache/statements.ts';
import type { Db } from '#lib/db.ts';
import { ACTIVE_STATUSES, SEAT_STATUSES, waitlistPosition } from './seats.ts';

export interface Availability {
  /** Null: no limit. */
  left: number | null;
  full: boolean;
  /** The viewer's active registration, if any. */
  mine: { status: RegistrationStatus; position: number | null } | null;
  /** "3 platser kvar", "Fullbokad – väntelista", "Obegränsat antal platser". */
  seatText: string;
  /** "Du är anmäld", "Du står på plats 3 i kön", … or null. */
  mineText: string | null;
}

export function seatText(left: number | null): string {
  if (left == null) return 'Obegränsat antal platser';
  if (left <= 0) return 'Fullbokad – väntelista';
  return `${countLabel(left, 'plats', 'platser')} kvar`;
}

export function mineText(mine: Availability['mine']): string | null {
  if (!mine) return null;
  switch (mine.status) {
    case 'confirmed':
      return 'Du är anmäld';
    case 'waitlisted':
      return mine.position != null ? `Du står på plats ${mine.position} i kön` : 'Du står i kön';
    case 'offered':
      return 'En plats är reserverad för dig';
    case 'requested':
      return 'Din förfrågan väntar på svar';
    default:
      return null;
  }
}

const REGISTRATIONS = getTableName(registrations);
const TAKEN_SQL = `SELECT activityId AS id, count(*) AS n FROM ${REGISTRATIONS}
  WHERE activityId IN (SELECT value FROM json_each(?)) AND status IN (SELECT value FROM json_each(?)) GROUP BY activityId`;
const MINE_SQL = `SELECT activityId, status, waitlistSeq FROM ${REGISTRATIONS}
  WHERE userId = ? AND activityId IN (SELECT value FROM json_each(?)) AND status IN (SELECT value FROM json_each(?))`;
const SEAT_STATUSES_JSON = JSON.stringify(SEAT_STATUSES);
const ACTIVE_STATUSES_JSON = JSON.stringify(ACTIVE_STATUSES);

/** The viewer's active registrations among `ids`, with the place in line for those waiting (one prepared query). */
export function viewerStatusFor(db: Db, ids: readonly number[], viewerId: number | null): Map<number, NonNullable<Availability['mine']>> {
  if (viewerId == null || ids.length === 0) return new Map();
  return new Map(
    statement<[number, string, string], Pick<Registration, 'activityId' | 'status' | 'waitlistSeq'>>(db, MINE_SQL)
      .all(viewerId, JSON.stringify(ids), ACTIVE_STATUSES_JSON)
      .map((r) => [r.activityId, { status: r.status, position: waitlistPosition(db, r) }] as const),
  );
}

export function availabilityFor(db: Db, list: ReadonlyArray<Pick<Activity, 'id' | 'capacity'>>, viewerId: number | null): Map<number, Availability> {
  const ids = list.map((a) => a.id);
  const result = new Map<number, Availability>();
  if (ids.length === 0) return result;
  const taken = new Map(statement<[string, string], { id: number; n: number }>(db, TAKEN_SQL).all(JSON.stringify(ids), SEAT_STATUSES_JSON).map((r) => [r.id, r.n] as const));
  const mine = viewerStatusFor(db, ids, viewerId);
  for (const a of list) {
    const left = a.capacity == null ? null : Math.max(0, a.capacity - (taken.get(a.id) ?? 0));
    const m = mine.get(a.id) ?? null;
    result.set(a.id, { left, full: left === 0, mine: m, seatText: seatText(left), mineText: mineText(m) });
  }
  return result;
}
