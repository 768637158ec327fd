// Activities: reading, creating, editing, publishing and cancelling. Registration rules live in registration.ts.
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import {
  activities,
  activityDates,
  organisations,
  registrations,
  users,
  type Activity,
  type ActivityDate,
  type ActivityKind,
  type LinkedGuide,
  type RegistrationQuestion,
  type User,
} from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { versionedCache } from '#lib/cache/versioned.ts';
import { slugify } from '#lib/text/slugify.ts';
import { DomainError } from '#lib/errors.ts';
import { sendActivityCancelled } from './mails.ts';
import { promoteWaitlist } from './offers.ts';
import { ACTIVE_STATUSES, seatsTaken } from './seats.ts';
import { transaction } from '#lib/tx.ts';

export interface ActivityInput {
  title: string;
  description: string;
  kind: ActivityKind;
  organiserOrganisationId: number | null;
  hostOrganisationId: number | null;
  place: string | null;
  digitalLink: string | null;
  municipality: string | null;
  capacity: number | null;
  organisationQuota: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  guides: LinkedGuide[];
  questions: RegistrationQuestion[];
  dates: Array<{ startsAt: Date; endsAt: Date }>;
}

export interface ActivityDetails {
  activity: Activity;
  dates: ActivityDate[];
  organiser: { id: number; name: string } | null;
  host: { id: number; name: string } | null;
}

const RESERVED_SLUGS = new Set(['ny', 'kalender']);

/** Cross-field rules; the action's zod schema checks the same so the form can show them per field. */
export function validateActivityInput(input: ActivityInput): void {
  if (input.dates.length === 0) throw new DomainError('BAD_REQUEST', 'Ange minst ett datum med start- och sluttid.');
  for (const d of input.dates) {
    if (d.endsAt.getTime() <= d.startsAt.getTime()) throw new DomainError('BAD_REQUEST', 'Sluttiden måste vara efter starttiden.');
  }
  if (!input.place && !input.digitalLink) throw new DomainError('BAD_REQUEST', 'Ange en plats (adress) eller en digital länk.');
  if (input.capacity != null && input.capacity < 1) throw new DomainError('BAD_REQUEST', 'Antalet platser måste vara minst 1.');
  if (input.organisationQuota != null && input.organisationQuota < 1) throw new DomainError('BAD_REQUEST', 'Platser per organisation måste vara minst 1.');
  if (input.registrationOpensAt && input.registrationClosesAt && input.registrationOpensAt >= input.registrationClosesAt) {
    throw new DomainError('BAD_REQUEST', 'Anmälan måste öppna före sista anmälningsdag.');
  }
}

function sortedDates(input: ActivityInput) {
  return [...input.dates].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function uniqueSlug(db: Db, title: string): string {
  const base = slugify(title) || 'aktivitet';
  let slug = base;
  for (let i = 2; RESERVED_SLUGS.has(slug) || db.select({ id: activities.id }).from(activities).where(eq(activities.slug, slug)).get(); i++) {
    slug = `${base}-${i}`;
  }
  return slug;
}

function columns(input: ActivityInput) {
  const dates = sortedDates(input);
  return {
    title: input.title,
    description: input.description,
    kind: input.kind,
    organiserOrganisationId: input.organiserOrganisationId,
    hostOrganisationId: input.hostOrganisationId,
    place: input.place,
    digitalLink: input.digitalLink,
    municipality: input.municipality,
    capacity: input.capacity,
    organisationQuota: input.organisationQuota,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
    guides: input.guides,
    questions: input.questions,
    startsAt: dates[0]!.startsAt,
    endsAt: new Date(Math.max(...dates.map((d) => d.endsAt.getTime()))),
  };
}

export function createActivity(db: Db, input: ActivityInput, createdBy: number | null, now = new Date()): Activity {
  validateActivityInput(input);
  return transaction(db, () => {
    const activity = db
      .insert(activities)
      .values({ ...columns(input), slug: uniqueSlug(db, input.title), status: 'draft', createdBy, createdAt: now, updatedAt: now })
      .returning()
      .get();
    for (const d of sortedDates(input)) db.insert(activityDates).values({ activityId: activity.id, startsAt: d.startsAt, endsAt: d.endsAt }).run();
    return activity;
  });
}

/**
 * Saves changes. Lowering capacity below the seats already taken needs `confirmLowerCapacity` and never removes
 * anyone: everyone keeps their seat, and nobody new gets one until the count is under the new capacity.
 * Raising capacity (or the organisation quota) offers the freed seats to the waitlist.
 */
export function updateActivity(
  db: Db,
  activityId: number,
  input: ActivityInput,
  options: { confirmLowerCapacity?: boolean; base?: string } = {},
  now = new Date(),
): { activity: Activity; overbookedBy: number } {
  validateActivityInput(input);
  return transaction(db, () => {
    const current = db.select().from(activities).where(eq(activities.id, activityId)).get();
    if (!current) throw new DomainError('NOT_FOUND', 'Aktiviteten finns inte.');
    const taken = seatsTaken(db, activityId);
    const overbookedBy = input.capacity != null ? Math.max(0, taken - input.capacity) : 0;
    const lowered = input.capacity != null && (current.capacity == null || input.capacity < current.capacity);
    if (overbookedBy > 0 && lowered && !options.confirmLowerCapacity) {
      throw new DomainError(
        'CONFLICT',
        `${taken} personer har redan plats, fler än de ${input.capacity} platser du angav. Ingen tas bort från aktiviteten. Bekräfta ändringen om du vill spara ändå; då får ingen ny plats förrän antalet understiger ${input.capacity}.`,
      );
    }
    const activity = db.update(activities).set({ ...columns(input), updatedAt: now }).where(eq(activities.id, activityId)).returning().get();
    // Keep date rows (and so their attendance) where possible: update by position, add or remove the rest.
    const existing = db.select().from(activityDates).where(eq(activityDates.activityId, activityId)).orderBy(asc(activityDates.startsAt)).all();
    const next = sortedDates(input);
    next.forEach((d, i) => {
      const row = existing[i];
      if (row) db.update(activityDates).set({ startsAt: d.startsAt, endsAt: d.endsAt }).where(eq(activityDates.id, row.id)).run();
      else db.insert(activityDates).values({ activityId, startsAt: d.startsAt, endsAt: d.endsAt }).run();
    });
    const surplus = existing.slice(next.length).map((r) => r.id);
    if (surplus.length) db.delete(activityDates).where(inArray(activityDates.id, surplus)).run();
    if (activity.status === 'published') promoteWaitlist(db, activityId, now, options.base);
    return { activity, overbookedBy };
  });
}

export function publishActivity(db: Db, activityId: number, now = new Date()): Activity {
  return transaction(db, () => {
    const current = db.select().from(activities).where(eq(activities.id, activityId)).get();
    if (!current) throw new DomainError('NOT_FOUND', 'Aktiviteten finns inte.');
    if (current.status !== 'draft') throw new DomainError('CONFLICT', current.status === 'cancelled' ? 'En inställd aktivitet kan inte publiceras.' : 'Aktiviteten är redan publicerad.');
    return db.update(activities).set({ status: 'published', publishedAt: now, updatedAt: now }).where(eq(activities.id, activityId)).returning().get();
  });
}

/** Cancels the activity and mails everyone who had a seat, an offer, a waitlist place or an open request. */
export function cancelActivity(db: Db, activityId: number, message: string | null, options: { base?: string } = {}, now = new Date()): { notified: number } {
  return transaction(db, () => {
    const current = db.select().from(activities).where(eq(activities.id, activityId)).get();
    if (!current) throw new DomainError('NOT_FOUND', 'Aktiviteten finns inte.');
    if (current.status === 'cancelled') throw new DomainError('CONFLICT', 'Aktiviteten är redan inställd.');
    const activity = db
      .update(activities)
      .set({ status: 'cancelled', cancelledAt: now, cancellationMessage: message, updatedAt: now })
      .where(eq(activities.id, activityId))
      .returning()
      .get();
    const dates = getDates(db, activityId);
    const affected = db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(and(eq(registrations.activityId, activityId), inArray(registrations.status, [...ACTIVE_STATUSES])))
      .all();
    let notified = 0;
    if (current.status === 'published') for (const person of affected) if (sendActivityCancelled(db, activity, dates, person, message, options)) notified++;
    return { notified };
  });
}

export function getDates(db: Db, activityId: number): ActivityDate[] {
  return db.select().from(activityDates).where(eq(activityDates.activityId, activityId)).orderBy(asc(activityDates.startsAt)).all();
}

export function getActivityById(db: Db, id: number): Activity | undefined {
  return db.select().from(activities).where(eq(activities.id, id)).get();
}

export function getActivityBySlug(db: Db, slug: string): ActivityDetails | null {
  const activity = db.select().from(activities).where(eq(activities.slug, slug)).get();
  if (!activity) return null;
  const orgIds = [activity.organiserOrganisationId, activity.hostOrganisationId].filter((x): x is number => x != null);
  const orgs = orgIds.length ? db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)).all() : [];
  const find = (id: number | null) => orgs.find((o) => o.id === id) ?? null;
  return { activity, dates: getDates(db, activity.id), organiser: find(activity.organiserOrganisationId), host: find(activity.hostOrganisationId) };
}

export interface ActivityFilter {
  kind?: ActivityKind;
  municipality?: string;
  guideSlug?: string;
  limit?: number;
}

function filterConditions(filter: ActivityFilter) {
  const conditions = [eq(activities.status, 'published')];
  if (filter.kind) conditions.push(eq(activities.kind, filter.kind));
  if (filter.municipality) conditions.push(eq(activities.municipality, filter.municipality));
  if (filter.guideSlug) conditions.push(sql`exists (select 1 from json_each(${activities.guides}) where json_extract(value, '$.slug') = ${filter.guideSlug})`);
  return conditions;
}

// The upcoming lists are the same for every visitor, so they are kept per filter, revision of the data
// (any write starts afresh: versionedCache) and minute: an activity leaves the list within a minute of
// ending. Lists are frozen, as they are shared between requests.
const MINUTE = 60_000;
const upcomingLists = versionedCache<readonly Activity[]>({ max: 200, maxSize: 2_000, sizeOf: (list) => list.length });
const upcomingPlaces = versionedCache<readonly string[]>({ max: 4 });
const minute = (now: Date) => Math.floor(now.getTime() / MINUTE);

/** Published activities that have not ended yet, soonest first. */
export function listPublishedUpcoming(db: Db, filter: ActivityFilter = {}, now = new Date()): readonly Activity[] {
  const key = `${minute(now)}|${filter.kind ?? ''}|${filter.municipality ?? ''}|${filter.guideSlug ?? ''}|${filter.limit ?? ''}`;
  return upcomingLists.get(db, key, () => {
    const conditions = [...filterConditions(filter), gte(activities.endsAt, now)];
    const query = db.select().from(activities).where(and(...conditions)).orderBy(asc(activities.startsAt), asc(activities.id));
    return Object.freeze(filter.limit ? query.limit(filter.limit).all() : query.all());
  });
}

/** Municipalities that have upcoming published activities (for the filter). */
export function upcomingMunicipalities(db: Db, now = new Date()): readonly string[] {
  return upcomingPlaces.get(db, String(minute(now)), () =>
    Object.freeze(
      db
        .selectDistinct({ m: activities.municipality })
        .from(activities)
        .where(and(eq(activities.status, 'published'), gte(activities.endsAt, now), sql`${activities.municipality} is not null`))
        .orderBy(asc(activities.municipality))
        .all()
        .map((r) => r.m!),
    ),
  );
}

/** Activities a coordinator manages (all of them for admins), newest first, drafts included. */
export function listManagedActivities(db: Db, user: Pick<User, 'id' | 'role' | 'organisationId'>): Activity[] {
  if (user.role === 'admin') return db.select().from(activities).orderBy(desc(activities.startsAt)).limit(200).all();
  if (user.role !== 'coordinator') return [];
  const conditions = [eq(activities.createdBy, user.id)];
  if (user.organisationId != null) {
    conditions.push(eq(activities.organiserOrganisationId, user.organisationId), eq(activities.hostOrganisationId, user.organisationId));
  }
  return db.select().from(activities).where(or(...conditions)).orderBy(desc(activities.startsAt)).limit(200).all();
}

export function listOrganisations(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name, municipality: organisations.municipality }).from(organisations).orderBy(asc(organisations.name)).all();
}

/** Municipalities known from the organisation directory (Skaraborg's municipalities), for the form's list. */
export function listMunicipalities(db: Db): string[] {
  return db
    .selectDistinct({ m: organisations.municipality })
    .from(organisations)
    .where(sql`${organisations.municipality} is not null`)
    .orderBy(asc(organisations.municipality))
    .all()
    .map((r) => r.m!);
}

/** Dates of published activities (matching the filter) that start within [from, to), for the month view. */
export function listPublishedDatesBetween(db: Db, filter: ActivityFilter, from: Date, to: Date) {
  return db
    .select({ dateId: activityDates.id, startsAt: activityDates.startsAt, endsAt: activityDates.endsAt, activity: activities })
    .from(activityDates)
    .innerJoin(activities, eq(activities.id, activityDates.activityId))
    .where(and(...filterConditions(filter), gte(activityDates.startsAt, from), lt(activityDates.startsAt, to)))
    .orderBy(asc(activityDates.startsAt), asc(activities.id))
    .all();
}
