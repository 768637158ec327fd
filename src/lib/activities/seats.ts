// Seat arithmetic shared by registration and offers. Call only inside a write transaction when the answer
// decides a write: the count and the insert must see the same state.
import { and, asc, count, eq, inArray, lte, max } from 'drizzle-orm';
import { activities, registrations, users, type Activity } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { formatDateTime } from '#lib/time.ts';

/** Statuses that hold a seat: a confirmed place, or an offer someone may still accept. */
export const SEAT_STATUSES = ['confirmed', 'offered'] as const;
/** Statuses that mean "still in the activity" (one per person and activity). */
export const ACTIVE_STATUSES = ['confirmed', 'offered', 'waitlisted', 'requested'] as const;

export function seatsTaken(db: Db, activityId: number): number {
  return db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.activityId, activityId), inArray(registrations.status, [...SEAT_STATUSES])))
    .get()!.n;
}

/** Seats held per organisation (users without an organisation are not counted against any quota). */
function seatsByOrganisation(db: Db, activityId: number): Map<number, number> {
  const rows = db
    .select({ org: users.organisationId, n: count() })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.activityId, activityId), inArray(registrations.status, [...SEAT_STATUSES])))
    .groupBy(users.organisationId)
    .all();
  return new Map(rows.filter((r) => r.org != null).map((r) => [r.org!, r.n]));
}

type SeatRules = Pick<Activity, 'id' | 'capacity' | 'organisationQuota'>;

function quotaAllows(activity: SeatRules, byOrg: Map<number, number>, organisationId: number | null): boolean {
  if (activity.organisationQuota == null || organisationId == null) return true;
  return (byOrg.get(organisationId) ?? 0) < activity.organisationQuota;
}

export function hasFreeSeat(db: Db, activity: SeatRules): boolean {
  return activity.capacity == null || seatsTaken(db, activity.id) < activity.capacity;
}

/** The first person on the waitlist who may take a free seat (skipping those whose organisation has used its quota). */
export function firstEligibleWaitlisted(db: Db, activity: SeatRules) {
  const byOrg = seatsByOrganisation(db, activity.id);
  const waiting = db
    .select({ registration: registrations, organisationId: users.organisationId })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.activityId, activity.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistSeq), asc(registrations.id))
    .all();
  return waiting.find((w) => quotaAllows(activity, byOrg, w.organisationId))?.registration ?? null;
}

/**
 * Whether a newcomer from this organisation gets a seat now: a seat is free, the organisation's quota is not used,
 * and nobody already waiting could take that seat (the waitlist goes first).
 */
export function newcomerGetsSeat(db: Db, activity: SeatRules, organisationId: number | null): boolean {
  if (!hasFreeSeat(db, activity)) return false;
  if (!quotaAllows(activity, seatsByOrganisation(db, activity.id), organisationId)) return false;
  return firstEligibleWaitlisted(db, activity) === null;
}

export function nextWaitlistSeq(db: Db, activityId: number): number {
  const row = db.select({ m: max(registrations.waitlistSeq) }).from(registrations).where(eq(registrations.activityId, activityId)).get();
  return (row?.m ?? 0) + 1;
}

/** 1-based place in line, or null when not waitlisted. */
export function waitlistPosition(db: Db, registration: { activityId: number; status: string; waitlistSeq: number | null }): number | null {
  if (registration.status !== 'waitlisted' || registration.waitlistSeq == null) return null;
  return db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.activityId, registration.activityId), eq(registrations.status, 'waitlisted'), lte(registrations.waitlistSeq, registration.waitlistSeq)))
    .get()!.n;
}

/** Null when registration is open, otherwise the Swedish reason. */
export function registrationClosedReason(activity: Pick<Activity, 'status' | 'registrationOpensAt' | 'registrationClosesAt' | 'startsAt'>, now = new Date()): string | null {
  if (activity.status === 'cancelled') return 'Aktiviteten är inställd.';
  if (activity.status !== 'published') return 'Aktiviteten är inte publicerad än.';
  if (activity.registrationOpensAt && now < activity.registrationOpensAt) return `Anmälan öppnar ${formatDateTime(activity.registrationOpensAt)}.`;
  const closes = activity.registrationClosesAt ?? activity.startsAt;
  if (now > closes) return 'Anmälan är stängd.';
  return null;
}

export function loadActivity(db: Db, activityId: number): Activity | undefined {
  return db.select().from(activities).where(eq(activities.id, activityId)).get();
}
