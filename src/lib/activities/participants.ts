// Organiser views: the participant list with status, organisation and municipality, and figures per activity.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { attendance, organisations, registrations, users, type Activity, type RegistrationStatus } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { ACTIVE_STATUSES } from './seats.ts';
import { transaction } from '#lib/tx.ts';
import { sendMessageToParticipant } from './mails.ts';

export interface Participant {
  registrationId: number;
  userId: number;
  name: string;
  email: string;
  organisation: string | null;
  municipality: string | null;
  status: RegistrationStatus;
  waitlistSeq: number | null;
  position: number | null;
  specialNeeds: string | null;
  answers: Array<{ question: string; answer: string }>;
  motivation: string | null;
  decisionMessage: string | null;
  nominatedBy: string | null;
  offerExpiresAt: Date | null;
  registeredAt: Date;
  attendedDateIds: number[];
}

const STATUS_ORDER: Record<RegistrationStatus, number> = { confirmed: 0, offered: 1, requested: 2, waitlisted: 3, declined: 4, expired: 5, cancelled: 6 };

export function listParticipants(db: Db, activityId: number, options: { includeInactive?: boolean } = {}): Participant[] {
  const nominator = alias(users, 'nominator');
  const rows = db
    .select({
      registration: registrations,
      name: users.name,
      email: users.email,
      organisation: organisations.name,
      municipality: organisations.municipality,
      nominatedBy: nominator.name,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(nominator, eq(nominator.id, registrations.nominatedBy))
    .where(
      options.includeInactive
        ? eq(registrations.activityId, activityId)
        : and(eq(registrations.activityId, activityId), inArray(registrations.status, [...ACTIVE_STATUSES])),
    )
    .all();
  const marks = db
    .select({ registrationId: attendance.registrationId, dateId: attendance.activityDateId })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .where(eq(registrations.activityId, activityId))
    .all();
  const waitOrder = rows
    .filter((r) => r.registration.status === 'waitlisted')
    .sort((a, b) => (a.registration.waitlistSeq ?? 0) - (b.registration.waitlistSeq ?? 0))
    .map((r) => r.registration.id);
  return rows
    .map((r) => ({
      registrationId: r.registration.id,
      userId: r.registration.userId,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      municipality: r.municipality,
      status: r.registration.status,
      waitlistSeq: r.registration.waitlistSeq,
      position: r.registration.status === 'waitlisted' ? waitOrder.indexOf(r.registration.id) + 1 : null,
      specialNeeds: r.registration.specialNeeds,
      answers: r.registration.answers,
      motivation: r.registration.motivation,
      decisionMessage: r.registration.decisionMessage,
      nominatedBy: r.nominatedBy,
      offerExpiresAt: r.registration.offerExpiresAt,
      registeredAt: r.registration.createdAt,
      attendedDateIds: marks.filter((m) => m.registrationId === r.registration.id).map((m) => m.dateId),
    }))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.position ?? 0) - (b.position ?? 0) || a.name.localeCompare(b.name, 'sv'));
}

export interface FigureRow {
  label: string;
  registered: number;
  waitlisted: number;
  attended: number;
}

export interface ActivityFigures {
  total: FigureRow & { offered: number; requested: number };
  byOrganisation: FigureRow[];
  byMunicipality: FigureRow[];
}

/** registered = confirmed seats; attended = confirmed participants marked present on at least one date. */
export function activityFigures(db: Db, activityId: number): ActivityFigures {
  const people = listParticipants(db, activityId);
  const tally = (key: (p: Participant) => string) => {
    const map = new Map<string, FigureRow>();
    for (const p of people) {
      const label = key(p);
      const row = map.get(label) ?? { label, registered: 0, waitlisted: 0, attended: 0 };
      if (p.status === 'confirmed') row.registered++;
      if (p.status === 'waitlisted') row.waitlisted++;
      if (p.status === 'confirmed' && p.attendedDateIds.length > 0) row.attended++;
      map.set(label, row);
    }
    return [...map.values()].sort((a, b) => b.registered - a.registered || a.label.localeCompare(b.label, 'sv'));
  };
  const count = (s: RegistrationStatus) => people.filter((p) => p.status === s).length;
  return {
    total: {
      label: 'Totalt',
      registered: count('confirmed'),
      waitlisted: count('waitlisted'),
      attended: people.filter((p) => p.status === 'confirmed' && p.attendedDateIds.length > 0).length,
      offered: count('offered'),
      requested: count('requested'),
    },
    byOrganisation: tally((p) => p.organisation ?? 'Ingen organisation angiven'),
    byMunicipality: tally((p) => p.municipality ?? 'Regional eller nationell'),
  };
}

export function confirmedEmails(db: Db, activityId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.activityId, activityId), eq(registrations.status, 'confirmed')))
    .orderBy(asc(users.name))
    .all();
}

/**
 * Mails every confirmed participant the organiser's message, all in one transaction: either every mail is
 * in the outbox or none is (the sender delivers them after commit). Returns how many were written.
 */
export function messageConfirmedParticipants(db: Db, activity: Activity, message: { subject: string; body: string; sender: string }, options: { base?: string } = {}): number {
  const batch = `${Date.now()}-${crypto.randomUUID()}`;
  return transaction(db, () => {
    const people = confirmedEmails(db, activity.id);
    for (const p of people) sendMessageToParticipant(db, activity, p, message.subject, message.body, message.sender, `activity-message:${activity.id}:${batch}:${p.id}`, options);
    return people.length;
  });
}
