// Study-visit and job-shadowing requests seen from the host's side: who hears about a new request, and
// which requests wait for an answer from a given person (shown with a count on their Mina sidor).
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { activities, organisations, registrations, users, type Activity, type Registration, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { sendRequestToHost } from './mails.ts';
import { can } from './permissions.ts';

type Person = { id: number; name: string; email: string };

/**
 * Who is told about a new request: the host organisation's contact people and coordinators, and the activity's
 * organiser (the coordinator who created it; when that account is gone, the organiser organisation's coordinators).
 * Active accounts only, each once, never the requester.
 */
export function requestRecipients(db: Db, activity: Pick<Activity, 'createdBy' | 'hostOrganisationId' | 'organiserOrganisationId'>, requesterId: number): Person[] {
  const conditions = [];
  if (activity.hostOrganisationId != null) {
    conditions.push(and(eq(users.organisationId, activity.hostOrganisationId), or(eq(users.isContactPerson, true), inArray(users.role, ['coordinator', 'admin']))));
  }
  const creator = activity.createdBy != null ? db.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, activity.createdBy)).get() : undefined;
  if (creator?.status === 'active') conditions.push(eq(users.id, creator.id));
  else if (activity.organiserOrganisationId != null) conditions.push(and(eq(users.organisationId, activity.organiserOrganisationId), eq(users.role, 'coordinator')));
  if (conditions.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.status, 'active'), or(...conditions)))
    .orderBy(asc(users.name))
    .all()
    .filter((p) => p.id !== requesterId);
}

/** Mails every recipient about the request; returns how many mails were written. Call inside the registration's transaction. */
export function notifyHostOfRequest(db: Db, activity: Activity, reg: Registration, options: { base?: string } = {}): number {
  const requester = db
    .select({ id: users.id, name: users.name, email: users.email, organisation: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, reg.userId))
    .get();
  if (!requester) return 0;
  let sent = 0;
  for (const recipient of requestRecipients(db, activity, reg.userId)) if (sendRequestToHost(db, activity, recipient, requester, reg, options)) sent++;
  return sent;
}

export interface PendingRequestGroup {
  activity: Pick<Activity, 'id' | 'slug' | 'title' | 'kind' | 'startsAt' | 'endsAt'>;
  /** Whether the person can answer (manages the activity); contact people without that right only see them. */
  canDecide: boolean;
  requests: Array<{ registrationId: number; name: string; organisation: string | null; requestedAt: Date }>;
}

/** Open requests on published activities that this person manages or hosts as contact person, soonest activity first. */
export function pendingRequestsFor(db: Db, user: Pick<User, 'id' | 'role' | 'organisationId' | 'isContactPerson' | 'status'>): { total: number; groups: PendingRequestGroup[] } {
  // Only coordinators, admins and contact people of an organisation can manage or host anything (can(), below):
  // for every other member, which is most views of Mina sidor, there is nothing to read.
  const mayManage = user.status === 'active' && (user.role === 'coordinator' || user.role === 'admin');
  const mayHost = user.status === 'active' && user.isContactPerson && user.organisationId != null;
  if (!mayManage && !mayHost) return { total: 0, groups: [] };
  const rows = db
    .select({ activity: activities, registrationId: registrations.id, name: users.name, organisation: organisations.name, requestedAt: registrations.updatedAt })
    .from(registrations)
    .innerJoin(activities, eq(activities.id, registrations.activityId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(registrations.status, 'requested'), eq(activities.status, 'published')))
    .orderBy(asc(activities.startsAt), asc(registrations.updatedAt))
    .all();
  const groups = new Map<number, PendingRequestGroup>();
  for (const row of rows) {
    const a = row.activity;
    const manages = can(user, 'manage', a);
    const hostContact = user.status === 'active' && user.isContactPerson && user.organisationId != null && user.organisationId === a.hostOrganisationId;
    if (!manages && !hostContact) continue;
    const group = groups.get(a.id) ?? { activity: { id: a.id, slug: a.slug, title: a.title, kind: a.kind, startsAt: a.startsAt, endsAt: a.endsAt }, canDecide: manages, requests: [] };
    group.requests.push({ registrationId: row.registrationId, name: row.name, organisation: row.organisation, requestedAt: row.requestedAt });
    groups.set(a.id, group);
  }
  const list = [...groups.values()];
  return { total: list.reduce((n, g) => n + g.requests.length, 0), groups: list };
}
