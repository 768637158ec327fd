// Requests to change one's organisation. A member's organisation follows the verified e-mail domain;
// belonging to another organisation (or to none) opens other participant lists, nominations and
// quotas, so it only changes when a samordnare or admin approves a request. Until then nothing changes.
import { and, asc, eq } from 'drizzle-orm';
import { organisationChangeRequests, organisations, users, type OrganisationChangeRequest, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { composeMail } from '#lib/mail/layout.ts';
import { sendMail } from '#lib/mail/outbox.ts';
import { getOrganisation } from './index.ts';
import { transaction } from '#lib/tx.ts';

export type RequestChangeResult =
  | { ok: true; request: OrganisationChangeRequest }
  | { ok: false; field: 'organisationId'; message: string };

/** The member's open request, if any. */
export function pendingRequestFor(db: Db, userId: number): (OrganisationChangeRequest & { organisationName: string | null }) | undefined {
  const row = db
    .select({ request: organisationChangeRequests, organisationName: organisations.name })
    .from(organisationChangeRequests)
    .leftJoin(organisations, eq(organisationChangeRequests.organisationId, organisations.id))
    .where(and(eq(organisationChangeRequests.userId, userId), eq(organisationChangeRequests.status, 'pending')))
    .get();
  return row ? { ...row.request, organisationName: row.organisationName } : undefined;
}

/** Files a request (replacing the member's open one). `organisationId` null asks to belong to none. */
export function requestOrganisationChange(db: Db, user: Pick<User, 'id' | 'organisationId'>, organisationId: number | null, message: string | null, now = new Date()): RequestChangeResult {
  return transaction(db, (): RequestChangeResult => {
    if (organisationId !== null && !getOrganisation(db, organisationId)) {
      return { ok: false, field: 'organisationId', message: 'Välj en organisation i listan.' };
    }
    if (organisationId === user.organisationId) {
      return {
        ok: false,
        field: 'organisationId',
        message: organisationId === null ? 'Du hör redan inte till någon organisation.' : 'Du hör redan till den organisationen.',
      };
    }
    db.delete(organisationChangeRequests)
      .where(and(eq(organisationChangeRequests.userId, user.id), eq(organisationChangeRequests.status, 'pending')))
      .run();
    const request = db.insert(organisationChangeRequests).values({ userId: user.id, organisationId, message, status: 'pending', createdAt: now }).returning().get();
    return { ok: true, request };
  });
}

/** Withdraws the member's open request; true when there was one. */
export function withdrawOrganisationChange(db: Db, userId: number): boolean {
  const result = db
    .delete(organisationChangeRequests)
    .where(and(eq(organisationChangeRequests.userId, userId), eq(organisationChangeRequests.status, 'pending')))
    .run();
  return result.changes > 0;
}

export interface PendingChange {
  id: number;
  createdAt: Date;
  message: string | null;
  userId: number;
  userName: string;
  userEmail: string;
  currentOrganisation: string | null;
  requestedOrganisationId: number | null;
  requestedOrganisation: string | null;
}

/** Open requests, oldest first, for the administration page. */
export function listPendingChanges(db: Db): PendingChange[] {
  const rows = db
    .select({ request: organisationChangeRequests, user: users })
    .from(organisationChangeRequests)
    .innerJoin(users, eq(organisationChangeRequests.userId, users.id))
    .where(eq(organisationChangeRequests.status, 'pending'))
    .orderBy(asc(organisationChangeRequests.createdAt), asc(organisationChangeRequests.id))
    .all();
  const names = new Map(db.select({ id: organisations.id, name: organisations.name }).from(organisations).all().map((o) => [o.id, o.name]));
  return rows.map(({ request, user }) => ({
    id: request.id,
    createdAt: request.createdAt,
    message: request.message,
    userId: user.id,
    userName: user.name,
    userEmail: user.email,
    currentOrganisation: user.organisationId == null ? null : (names.get(user.organisationId) ?? null),
    requestedOrganisationId: request.organisationId,
    requestedOrganisation: request.organisationId == null ? null : (names.get(request.organisationId) ?? null),
  }));
}

export type DecideChangeResult =
  | { ok: true; approved: boolean; user: User }
  | { ok: false; reason: 'not_found' | 'not_pending' | 'own_request' };

/**
 * Approves or denies an open request. Nobody decides their own request (a samordnare cannot move
 * themselves). Approval changes the organisation and ends the contact-person role; the member gets a mail.
 */
export function decideOrganisationChange(db: Db, decider: Pick<User, 'id'>, requestId: number, approve: boolean, now = new Date()): DecideChangeResult {
  const result = transaction(db, (): DecideChangeResult => {
    const request = db.select().from(organisationChangeRequests).where(eq(organisationChangeRequests.id, requestId)).get();
    if (!request) return { ok: false, reason: 'not_found' };
    if (request.status !== 'pending') return { ok: false, reason: 'not_pending' };
    if (request.userId === decider.id) return { ok: false, reason: 'own_request' };
    db.update(organisationChangeRequests)
      .set({ status: approve ? 'approved' : 'denied', decidedAt: now, decidedById: decider.id })
      .where(eq(organisationChangeRequests.id, request.id))
      .run();
    const current = db.select().from(users).where(eq(users.id, request.userId)).get()!;
    const user = approve
      ? db.update(users).set({ organisationId: request.organisationId, isContactPerson: false }).where(eq(users.id, current.id)).returning().get()
      : current;
    return { ok: true, approved: approve, user };
  });
  if (result.ok) {
    const organisation = result.user.organisationId == null ? null : getOrganisation(db, result.user.organisationId);
    const body = composeMail([
      `Hej ${result.user.name}!`,
      result.approved
        ? `Din begäran om att byta organisation är godkänd. I Skaraborgsnätet hör du nu till ${organisation ? organisation.name : 'ingen organisation'}.`
        : 'Din begäran om att byta organisation har inte godkänts. Du hör till samma organisation som tidigare. Kontakta en samordnare om du har frågor.',
    ]);
    sendMail(db, { to: result.user.email, subject: result.approved ? 'Din organisation är ändrad' : 'Din begäran om att byta organisation', ...body });
  }
  return result;
}
