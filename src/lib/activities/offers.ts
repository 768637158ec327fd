// 48-hour offers: when a seat frees, the first eligible person on the waitlist is offered it by mail. An offer
// not accepted in time expires and passes on. Checked on access and by the periodic sweep (jobs.ts); idempotent.
import { and, asc, eq, lte } from 'drizzle-orm';
import { activityDates, registrations, users, type Activity } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { DomainError } from '#lib/errors.ts';
import { sendConfirmation, sendOffer, sendOfferExpired } from './mails.ts';
import { firstEligibleWaitlisted, hasFreeSeat, loadActivity } from './seats.ts';
import { transaction } from '#lib/tx.ts';

export const OFFER_HOURS = 48;
const OFFER_MS = OFFER_HOURS * 60 * 60 * 1000;

function datesOf(db: Db, activityId: number) {
  return db.select().from(activityDates).where(eq(activityDates.activityId, activityId)).orderBy(asc(activityDates.startsAt)).all();
}

function person(db: Db, userId: number) {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get()!;
}

/**
 * Offers every free seat to the waitlist, in order, one offer per seat. Runs inside the caller's transaction
 * (or its own); returns the registrations that received an offer.
 */
export function promoteWaitlist(db: Db, activityId: number, now = new Date(), base?: string): number[] {
  return transaction(db, () => {
    const activity = loadActivity(db, activityId);
    if (!activity || activity.status !== 'published' || now >= activity.startsAt) return [];
    const offered: number[] = [];
    let dates: ReturnType<typeof datesOf> | null = null;
    while (hasFreeSeat(db, activity)) {
      const next = firstEligibleWaitlisted(db, activity);
      if (!next) break;
      const expires = new Date(Math.min(now.getTime() + OFFER_MS, activity.startsAt.getTime()));
      const reg = db
        .update(registrations)
        .set({ status: 'offered', offerExpiresAt: expires, offerCount: next.offerCount + 1, updatedAt: now })
        .where(and(eq(registrations.id, next.id), eq(registrations.status, 'waitlisted')))
        .returning()
        .get();
      if (!reg) break;
      dates ??= datesOf(db, activityId);
      sendOffer(db, activity, dates, person(db, reg.userId), reg, { base });
      offered.push(reg.id);
    }
    return offered;
  });
}

/** Lets every offer whose time is up pass on to the next person. Safe to run any number of times. */
export function expireDueOffers(db: Db, now = new Date(), options: { activityId?: number; base?: string } = {}): number {
  const conditions = [eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, now)];
  if (options.activityId != null) conditions.push(eq(registrations.activityId, options.activityId));
  // Cheap read first: page views should not take the write lock when nothing is due.
  if (!db.select({ id: registrations.id }).from(registrations).where(and(...conditions)).limit(1).get()) return 0;
  return transaction(db, () => {
    const due = db.select().from(registrations).where(and(...conditions)).all();
    const touched = new Map<number, Activity>();
    for (const reg of due) {
      const updated = db
        .update(registrations)
        .set({ status: 'expired', offerExpiresAt: null, updatedAt: now })
        .where(and(eq(registrations.id, reg.id), eq(registrations.status, 'offered')))
        .returning()
        .get();
      if (!updated) continue;
      const activity = touched.get(reg.activityId) ?? loadActivity(db, reg.activityId)!;
      touched.set(reg.activityId, activity);
      sendOfferExpired(db, activity, person(db, reg.userId), updated, { base: options.base });
    }
    for (const activityId of touched.keys()) promoteWaitlist(db, activityId, now, options.base);
    return due.length;
  });
}

/** Accepts an open offer: the seat becomes confirmed and the confirmation (with calendar file) is mailed. */
export function acceptOffer(db: Db, activityId: number, userId: number, options: { base?: string } = {}, now = new Date()) {
  expireDueOffers(db, now, { activityId, base: options.base });
  return transaction(db, () => {
    const reg = db.select().from(registrations).where(and(eq(registrations.activityId, activityId), eq(registrations.userId, userId))).get();
    if (!reg) throw new DomainError('NOT_FOUND', 'Du har inget erbjudande för den här aktiviteten.');
    if (reg.status === 'confirmed') return reg;
    if (reg.status === 'expired') throw new DomainError('CONFLICT', 'Erbjudandet har gått ut och platsen har gått vidare. Du kan anmäla dig på nytt.');
    if (reg.status !== 'offered') throw new DomainError('CONFLICT', 'Du har inget öppet erbjudande för den här aktiviteten.');
    const activity = loadActivity(db, activityId)!;
    if (activity.status !== 'published') throw new DomainError('CONFLICT', 'Aktiviteten är inte längre öppen.');
    const confirmed = db
      .update(registrations)
      .set({ status: 'confirmed', confirmedAt: now, offerExpiresAt: null, updatedAt: now })
      .where(eq(registrations.id, reg.id))
      .returning()
      .get();
    sendConfirmation(db, activity, datesOf(db, activityId), person(db, userId), confirmed, { base: options.base });
    return confirmed;
  });
}
