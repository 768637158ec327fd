import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.ts';
import { users } from './auth.ts';

/** Stored values; Swedish labels and URL slugs live in src/lib/activities/kinds.ts. */
export const ACTIVITY_KINDS = ['network_meeting', 'study_visit', 'job_shadowing', 'course', 'learning_conference'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * confirmed: has a seat · offered: holds a freed seat for 48 hours · waitlisted: in line (by waitlistSeq)
 * requested: asked for a study-visit / job-shadowing place, awaiting the host · declined: request turned down
 * cancelled: the person cancelled or left the waitlist · expired: let an offer pass
 */
export const REGISTRATION_STATUSES = ['confirmed', 'offered', 'waitlisted', 'requested', 'declined', 'cancelled', 'expired'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const QUESTION_TYPES = ['text', 'choice', 'multi', 'yesno'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A question asked on registration (src/lib/activities/questions.ts). */
export interface RegistrationQuestion {
  text: string;
  type: QuestionType;
  required: boolean;
  /** The choices for 'choice' and 'multi'; empty otherwise. */
  options: string[];
}

export interface LinkedGuide {
  slug: string;
  title: string;
}

export const activities = sqliteTable(
  'activities',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    slug: text().notNull().unique(),
    title: text().notNull(),
    /** Markdown, rendered through renderMarkdown (sanitised). */
    description: text().notNull(),
    kind: text({ enum: ACTIVITY_KINDS }).notNull(),
    status: text({ enum: ACTIVITY_STATUSES }).notNull().default('draft'),
    organiserOrganisationId: integer().references(() => organisations.id, { onDelete: 'set null' }),
    hostOrganisationId: integer().references(() => organisations.id, { onDelete: 'set null' }),
    /** Street address or venue; null for purely digital activities. */
    place: text(),
    digitalLink: text(),
    /** Municipality the activity takes place in (filter on the public list). */
    municipality: text(),
    /** Null: no limit. */
    capacity: integer(),
    /** Null: no limit per organisation. Seats (confirmed + offered) one organisation may hold. */
    organisationQuota: integer(),
    registrationOpensAt: integer({ mode: 'timestamp_ms' }),
    registrationClosesAt: integer({ mode: 'timestamp_ms' }),
    guides: text({ mode: 'json' }).$type<LinkedGuide[]>().notNull().default([]),
    /** Questions asked on registration (typed; migration 0003 turned the older plain strings into text questions). */
    questions: text({ mode: 'json' }).$type<RegistrationQuestion[]>().notNull().default([]),
    /** Denormalised first start / last end of the dates, for listing and sorting. */
    startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
    endsAt: integer({ mode: 'timestamp_ms' }).notNull(),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    publishedAt: integer({ mode: 'timestamp_ms' }),
    cancelledAt: integer({ mode: 'timestamp_ms' }),
    cancellationMessage: text(),
  },
  (t) => [index('activities_status_start_idx').on(t.status, t.startsAt)],
);

export const activityDates = sqliteTable(
  'activity_dates',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
    endsAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('activity_dates_activity_idx').on(t.activityId, t.startsAt)],
);

export const registrations = sqliteTable(
  'activity_registrations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text({ enum: REGISTRATION_STATUSES }).notNull(),
    /** Order on the waitlist: increases with every (re)entry; lower is earlier. */
    waitlistSeq: integer(),
    offerExpiresAt: integer({ mode: 'timestamp_ms' }),
    /** How many offers this registration has had; part of the offer mail's dedupe key. */
    offerCount: integer().notNull().default(0),
    /** Sensitive (special needs / diet): organisers only, purged 30 days after the activity ends. */
    specialNeeds: text(),
    answers: text({ mode: 'json' }).$type<Array<{ question: string; answer: string }>>().notNull().default([]),
    /** Study visits / job shadowing: the member's motivation and the host's reply. */
    motivation: text(),
    decisionMessage: text(),
    nominatedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    /** Set on every transition to confirmed; part of the confirmation mail's dedupe key. */
    confirmedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex('activity_registrations_one_per_person').on(t.activityId, t.userId),
    index('activity_registrations_status_idx').on(t.activityId, t.status, t.waitlistSeq),
    index('activity_registrations_user_idx').on(t.userId),
  ],
);

export const attendance = sqliteTable(
  'activity_attendance',
  {
    registrationId: integer()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    activityDateId: integer()
      .notNull()
      .references(() => activityDates.id, { onDelete: 'cascade' }),
    markedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    markedAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.activityDateId] })],
);

export type Activity = typeof activities.$inferSelect;
export type ActivityDate = typeof activityDates.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
