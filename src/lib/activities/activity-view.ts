// What the activity page (/aktiviteter/<slug>) shows a visitor, as plain data: seats, the visitor's own
// registration, whether and how they may register or nominate colleagues, and their certificate.
import type { Db } from '#lib/db.ts';
import type { Activity, User } from '#db/schema/index.ts';
import { certificateStatus, type CertificateStatus } from './attendance.ts';
import { can } from './permissions.ts';
import { requiresApproval } from './kinds.ts';
import { normalizeQuestions, type RegistrationQuestion } from './questions.ts';
import { getRegistration, listColleagues, organisationQuotaUse, type QuotaUse } from './registration.ts';
import { ACTIVE_STATUSES, registrationClosedReason, seatsTaken } from './seats.ts';

/** Seats left (never below zero), or null when the activity has no limit. */
export function seatsLeft(capacity: number | null, taken: number): number | null {
  return capacity == null ? null : Math.max(0, capacity - taken);
}

/** The seat line of the activity page. */
export function seatSentence(capacity: number | null, taken: number): string {
  const left = seatsLeft(capacity, taken);
  if (left === null) return 'Obegränsat antal platser.';
  return left > 0 ? `${left} av ${capacity} platser kvar.` : 'Fullbokad – nya anmälningar hamnar på väntelistan.';
}

export interface ActivityPageView {
  seatText: string;
  /** No seat is free: a newcomer joins the waitlist. */
  full: boolean;
  /** Null when registration is open, otherwise the Swedish reason (seats.ts owns the rule). */
  closedReason: string | null;
  approval: boolean;
  manage: boolean;
  mine: ReturnType<typeof getRegistration>;
  /** The visitor holds or waits for a place (or asked for one). */
  active: boolean;
  nominateAllowed: boolean;
  colleagues: ReturnType<typeof listColleagues>;
  quotaUse: QuotaUse | null;
  certificate: CertificateStatus | null;
  questions: RegistrationQuestion[];
  /** The registration form is there for a logged-in member who can still register. */
  registrationFormShown: boolean;
}

export function loadActivityPage(db: Db, user: User | null, activity: Activity, now = new Date()): ActivityPageView {
  const mine = user ? getRegistration(db, activity.id, user.id) : null;
  const active = !!mine && (ACTIVE_STATUSES as readonly string[]).includes(mine.status);
  const closedReason = registrationClosedReason(activity, now);
  const nominateAllowed = user ? can(user, 'nominate', activity) && !closedReason : false;
  const taken = seatsTaken(db, activity.id);
  return {
    seatText: seatSentence(activity.capacity, taken),
    full: seatsLeft(activity.capacity, taken) === 0,
    closedReason,
    approval: requiresApproval(activity.kind),
    manage: can(user, 'manage', activity),
    mine,
    active,
    nominateAllowed,
    colleagues: nominateAllowed && user?.organisationId ? listColleagues(db, user.organisationId, activity.id) : [],
    quotaUse: nominateAllowed && user?.organisationId ? organisationQuotaUse(db, activity, user.organisationId) : null,
    certificate: user && mine?.status === 'confirmed' ? certificateStatus(db, activity.id, user.id, now) : null,
    questions: normalizeQuestions(activity.questions),
    registrationFormShown: Boolean(user) && !active && mine?.status !== 'declined' && !closedReason,
  };
}
