// Registration: one per person and activity. The capacity check and the write happen in ONE synchronous
// transaction, so capacity is never exceeded however many requests arrive at once.
import { countLabel } from '#lib/text/plural.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { activities, activityDates, organisations, registrations, users, type Activity, type Registration } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { DomainError } from '#lib/errors.ts';
import { preparedQuery } from '#lib/cache/statements.ts';
import { requiresApproval } from './kinds.ts';
import { sendConfirmation, sendRegistrationCancelled, sendRequestDeclined, sendRequestReceived, sendWaitlisted } from './mails.ts';
import { expireDueOffers, promoteWaitlist } from './offers.ts';
import { ACTIVE_STATUSES, loadActivity, newcomerGetsSeat, nextWaitlistSeq, registrationClosedReason, waitlistPosition } from './seats.ts';
import { notifyHostOfRequest } from './requests.ts';
import { transaction } from '#lib/tx.ts';

export { waitlistPosition, seatsTaken, registrationClosedReason } from './seats.ts';
export { acceptOffer, expireDueOffers, promoteWaitlist } from './offers.ts';

export interface RegistrationInput {
  activityId: number;
  userId: number;
  specialNeeds?: string | null;
  answers?: Array<{ question: string; answer: string }>;
  motivation?: string | null;
  nominatedBy?: number | null;
}

export interface RegistrationOutcome {
  registration: Registration;
  /** Place on the waitlist (1-based) when waitlisted. */
  position: number | null;
}

function datesOf(db: Db, activityId: number) {
  return db.select().from(activityDates).where(eq(activityDates.activityId, activityId)).orderBy(asc(activityDates.startsAt)).all();
}

function person(db: Db, userId: number) {
  return db.select({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId, status: users.status }).from(users).where(eq(users.id, userId)).get();
}

/**
 * Registers a person: a seat when one is free (and the organisation's quota allows), otherwise the waitlist;
 * for study visits and job shadowing a request for the host to decide. Mails the outcome.
 */
export function register(db: Db, input: RegistrationInput, options: { base?: string; now?: Date } = {}): RegistrationOutcome {
  const now = options.now ?? new Date();
  // Offers whose time is up pass on first, so the newcomer queues behind the right people.
  expireDueOffers(db, now, { activityId: input.activityId, base: options.base });
  return transaction(db, () => {
    const activity = loadActivity(db, input.activityId);
    if (!activity) throw new DomainError('NOT_FOUND', 'Aktiviteten finns inte.');
    const closed = registrationClosedReason(activity, now);
    if (closed) throw new DomainError('CONFLICT', closed);
    const user = person(db, input.userId);
    if (!user || user.status !== 'active') throw new DomainError('BAD_REQUEST', 'Personen har inget aktivt konto.');
    const nominated = input.nominatedBy != null && input.nominatedBy !== input.userId;
    const existing = db.select().from(registrations).where(and(eq(registrations.activityId, activity.id), eq(registrations.userId, user.id))).get();
    if (existing && (ACTIVE_STATUSES as readonly string[]).includes(existing.status)) {
      throw new DomainError('CONFLICT', nominated ? `${user.name} är redan anmäld till aktiviteten.` : 'Du är redan anmäld till aktiviteten.');
    }
    if (existing?.status === 'declined') throw new DomainError('CONFLICT', 'Förfrågan har redan besvarats av värdorganisationen.');

    const approval = requiresApproval(activity.kind);
    const motivation = input.motivation?.trim() || null;
    if (approval && !motivation) throw new DomainError('BAD_REQUEST', 'Skriv en kort motivering till din förfrågan.', { field: 'motivation' });

    const status: Registration['status'] = approval ? 'requested' : newcomerGetsSeat(db, activity, user.organisationId) ? 'confirmed' : 'waitlisted';
    const values = {
      status,
      waitlistSeq: status === 'waitlisted' ? nextWaitlistSeq(db, activity.id) : null,
      offerExpiresAt: null,
      specialNeeds: input.specialNeeds?.trim() || null,
      answers: input.answers ?? [],
      motivation,
      decisionMessage: null,
      nominatedBy: nominated ? input.nominatedBy! : null,
      confirmedAt: status === 'confirmed' ? now : null,
      updatedAt: now,
    };
    const registration = existing
      ? db.update(registrations).set(values).where(eq(registrations.id, existing.id)).returning().get()
      : db.insert(registrations).values({ ...values, activityId: activity.id, userId: user.id, createdAt: now }).returning().get();

    const nominatorName = nominated ? person(db, input.nominatedBy!)?.name : undefined;
    const position = waitlistPosition(db, registration);
    if (status === 'confirmed') sendConfirmation(db, activity, datesOf(db, activity.id), user, registration, { base: options.base, nominatorName });
    else if (status === 'waitlisted') sendWaitlisted(db, activity, user, registration, position!, { base: options.base, nominatorName });
    else {
      sendRequestReceived(db, activity, user, registration, { base: options.base });
      notifyHostOfRequest(db, activity, registration, { base: options.base });
    }
    return { registration, position };
  });
}

/**
 * Cancels a seat, an offer, a waitlist place or an open request ("leave the waitlist" is the same call).
 * A freed seat is offered to the waitlist in the same transaction.
 */
export function cancelRegistration(db: Db, activityId: number, userId: number, options: { base?: string; now?: Date } = {}): { registration: Registration; previousStatus: Registration['status'] } {
  const now = options.now ?? new Date();
  return transaction(db, () => {
    const reg = db.select().from(registrations).where(and(eq(registrations.activityId, activityId), eq(registrations.userId, userId))).get();
    if (!reg || !(ACTIVE_STATUSES as readonly string[]).includes(reg.status)) throw new DomainError('CONFLICT', 'Du har ingen anmälan att avboka.');
    const activity = loadActivity(db, activityId)!;
    if ((reg.status === 'confirmed' || reg.status === 'offered') && now >= activity.endsAt) throw new DomainError('CONFLICT', 'Aktiviteten är redan genomförd.');
    const cancelled = db
      .update(registrations)
      .set({ status: 'cancelled', offerExpiresAt: null, waitlistSeq: null, updatedAt: now })
      .where(eq(registrations.id, reg.id))
      .returning()
      .get();
    if (reg.status === 'confirmed' || reg.status === 'offered') promoteWaitlist(db, activityId, now, options.base);
    sendRegistrationCancelled(db, activity, datesOf(db, activityId), person(db, userId)!, cancelled, reg.status, { base: options.base });
    return { registration: cancelled, previousStatus: reg.status };
  });
}

/** The host (or organiser) approves or declines a study-visit / job-shadowing request; the member is mailed either way. */
export function decideRequest(
  db: Db,
  registrationId: number,
  decision: 'approve' | 'decline',
  message: string | null,
  options: { base?: string; now?: Date } = {},
): RegistrationOutcome {
  const now = options.now ?? new Date();
  return transaction(db, () => {
    const reg = db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
    if (!reg) throw new DomainError('NOT_FOUND', 'Förfrågan finns inte.');
    if (reg.status !== 'requested') throw new DomainError('CONFLICT', 'Förfrågan är redan besvarad.');
    const activity = loadActivity(db, reg.activityId)!;
    const user = person(db, reg.userId)!;
    const decisionMessage = message?.trim() || null;
    if (decision === 'decline') {
      const declined = db.update(registrations).set({ status: 'declined', decisionMessage, updatedAt: now }).where(eq(registrations.id, reg.id)).returning().get();
      sendRequestDeclined(db, activity, user, declined, decisionMessage, { base: options.base });
      return { registration: declined, position: null };
    }
    if (activity.status !== 'published') throw new DomainError('CONFLICT', 'Aktiviteten är inte publicerad.');
    const seat = newcomerGetsSeat(db, activity, user.organisationId);
    const approved = db
      .update(registrations)
      .set({
        status: seat ? 'confirmed' : 'waitlisted',
        confirmedAt: seat ? now : null,
        waitlistSeq: seat ? null : nextWaitlistSeq(db, activity.id),
        decisionMessage,
        updatedAt: now,
      })
      .where(eq(registrations.id, reg.id))
      .returning()
      .get();
    const position = waitlistPosition(db, approved);
    if (seat) sendConfirmation(db, activity, datesOf(db, activity.id), user, approved, { base: options.base, decisionMessage });
    else sendWaitlisted(db, activity, user, approved, position!, { base: options.base, decisionMessage });
    return { registration: approved, position };
  });
}

/**
 * A member's registration as pages show it. Reading never writes: an offer whose time is up reads as
 * expired here, and the background sweep (src/lib/jobs.ts) passes the seat on within a minute.
 */
export function getRegistration(db: Db, activityId: number, userId: number, now = new Date()): (Registration & { position: number | null }) | null {
  const reg = db.select().from(registrations).where(and(eq(registrations.activityId, activityId), eq(registrations.userId, userId))).get();
  if (!reg) return null;
  if (reg.status === 'offered' && reg.offerExpiresAt && reg.offerExpiresAt <= now) return { ...reg, status: 'expired', offerExpiresAt: null, position: null };
  return { ...reg, position: waitlistPosition(db, reg) };
}

export function getRegistrationById(db: Db, id: number): Registration | undefined {
  return db.select().from(registrations).where(eq(registrations.id, id)).get();
}

export interface MyRegistration {
  registration: Registration;
  position: number | null;
  activity: Pick<Activity, 'id' | 'slug' | 'title' | 'kind' | 'status' | 'startsAt' | 'endsAt' | 'place' | 'digitalLink'>;
}

/** A member's registrations, upcoming first (then past), without cancelled ones. */
export function listMyRegistrations(db: Db, userId: number): MyRegistration[] {
  const rows = preparedQuery(db, 'activities.listMyRegistrations', (d) =>
    d
    .select({
      registration: registrations,
      activity: {
        id: activities.id,
        slug: activities.slug,
        title: activities.title,
        kind: activities.kind,
        status: activities.status,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        place: activities.place,
        digitalLink: activities.digitalLink,
      },
    })
    .from(registrations)
    .innerJoin(activities, eq(activities.id, registrations.activityId))
    .where(and(eq(registrations.userId, sql.placeholder('userId')), inArray(registrations.status, [...ACTIVE_STATUSES, 'declined', 'expired'])))
    .orderBy(desc(activities.endsAt))
    .prepare(),
  ).all({ userId });
  const now = Date.now();
  const upcoming = rows.filter((r) => r.activity.endsAt.getTime() >= now).reverse();
  const past = rows.filter((r) => r.activity.endsAt.getTime() < now);
  return [...upcoming, ...past].map((r) => ({ ...r, position: waitlistPosition(db, r.registration) }));
}

/**
 * Colleagues a contact person may nominate: active members of the same organisation; with an activity, only
 * those not already on it (with a seat, an offer, a waitlist place or an open request).
 */
export function listColleagues(db: Db, organisationId: number, activityId?: number) {
  const colleagues = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.status, 'active')))
    .orderBy(asc(users.name))
    .all();
  if (activityId == null) return colleagues;
  const onIt = new Set(
    db
      .select({ userId: registrations.userId })
      .from(registrations)
      .where(and(eq(registrations.activityId, activityId), inArray(registrations.status, [...ACTIVE_STATUSES])))
      .all()
      .map((r) => r.userId),
  );
  return colleagues.filter((c) => !onIt.has(c.id));
}

export interface QuotaUse {
  /** Seats (confirmed + offered) held by the organisation's people. */
  used: number;
  /** Null: no per-organisation limit. */
  quota: number | null;
  waitlisted: number;
  /** "2 av 3 platser använda, 1 på väntelista" */
  text: string;
}

/** How much of the activity's per-organisation quota one organisation uses, for the nomination form. */
export function organisationQuotaUse(db: Db, activity: Pick<Activity, 'id' | 'organisationQuota'>, organisationId: number): QuotaUse {
  const rows = db
    .select({ status: registrations.status })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.activityId, activity.id), eq(users.organisationId, organisationId), inArray(registrations.status, ['confirmed', 'offered', 'waitlisted'])))
    .all();
  const used = rows.filter((r) => r.status !== 'waitlisted').length;
  const waitlisted = rows.length - used;
  const quota = activity.organisationQuota;
  const seats = quota == null ? countLabel(used, 'plats', 'platser') : `${used} av ${countLabel(quota, 'plats använd', 'platser använda')}`;
  const text = quota == null ? `Din organisation har ${seats}` : seats;
  return { used, quota, waitlisted, text: waitlisted > 0 ? `${text}, ${waitlisted} på väntelista` : text };
}

/** A contact person nominates a colleague from their own organisation (quota overflow goes to the waitlist). */
export function nominate(db: Db, activityId: number, nominator: { id: number; organisationId: number | null; isContactPerson: boolean }, colleagueId: number, options: { base?: string; now?: Date; specialNeeds?: string | null } = {}): RegistrationOutcome {
  if (!nominator.isContactPerson || nominator.organisationId == null) throw new DomainError('FORBIDDEN', 'Bara kontaktpersoner kan anmäla kollegor.');
  const colleague = db.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, colleagueId)).get();
  if (!colleague || colleague.organisationId !== nominator.organisationId) throw new DomainError('FORBIDDEN', 'Du kan bara anmäla kollegor från din egen organisation.');
  return register(db, { activityId, userId: colleagueId, nominatedBy: nominator.id, specialNeeds: options.specialNeeds }, options);
}

export function organisationName(db: Db, id: number | null): string | null {
  if (id == null) return null;
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get()?.name ?? null;
}
