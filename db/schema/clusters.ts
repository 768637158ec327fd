// Cluster groups and the project ideas they co-write (issue 5).
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { organisations } from './organisations.ts';

export const JOIN_MODES = ['open', 'request', 'closed'] as const;
export type JoinMode = (typeof JOIN_MODES)[number];

export const MEMBER_ROLES = ['lead', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** active: full member; requested: asked to join (by-request groups); invited: invited by a lead (closed groups). */
export const MEMBERSHIP_STATUSES = ['active', 'requested', 'invited'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** How a member hears about new comments in the group's ideas: a mail per comment, a daily digest, or nothing. */
export const NOTIFY_CHOICES = ['each', 'digest', 'none'] as const;
export type NotifyChoice = (typeof NOTIFY_CHOICES)[number];

/** Stored values; Swedish labels live in src/lib/ideas/template.ts. */
export const IDEA_STATUSES = ['idea', 'draft', 'ready', 'submitted', 'closed'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const REVISION_KINDS = ['edit', 'merge', 'resolve', 'restore'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export const clusterGroups = sqliteTable('cluster_groups', {
  id: integer().primaryKey({ autoIncrement: true }),
  slug: text().notNull().unique(),
  name: text().notNull(),
  problemArea: text().notNull(),
  description: text().notNull(),
  joinMode: text({ enum: JOIN_MODES }).notNull().default('request'),
  createdById: integer().references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
});

export const clusterMemberships = sqliteTable(
  'cluster_memberships',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    groupId: integer()
      .notNull()
      .references(() => clusterGroups.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: MEMBER_ROLES }).notNull().default('member'),
    status: text({ enum: MEMBERSHIP_STATUSES }).notNull(),
    /** The requester's note to the leads, or the lead's note with an invitation. */
    message: text(),
    invitedById: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    joinedAt: integer({ mode: 'timestamp_ms' }),
    notify: text({ enum: NOTIFY_CHOICES }).notNull().default('digest'),
    /** Comments up to this instant are covered by a digest already sent (null: none sent yet). */
    digestSentAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('cluster_memberships_group_user_idx').on(t.groupId, t.userId), index('cluster_memberships_user_idx').on(t.userId)],
);

export const ideas = sqliteTable(
  'ideas',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    groupId: integer()
      .notNull()
      .references(() => clusterGroups.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    /** Which call (utlysning) or programme area the idea aims for. */
    targetCall: text().notNull().default(''),
    status: text({ enum: IDEA_STATUSES }).notNull().default('idea'),
    /** A lead's choice to let every member read the idea; only effective from status "ready". */
    sharedWithAll: integer({ mode: 'boolean' }).notNull().default(false),
    createdById: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('ideas_group_idx').on(t.groupId)],
);

export const ideaSections = sqliteTable(
  'idea_sections',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    ideaId: integer()
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    /** The latest revision; null until the first save. */
    currentRevisionId: integer(),
    updatedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('idea_sections_idea_key_idx').on(t.ideaId, t.key)],
);

export const ideaSectionRevisions = sqliteTable(
  'idea_section_revisions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    sectionId: integer()
      .notNull()
      .references(() => ideaSections.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    /** Null once the author deleted their account: shown as "borttagen användare". */
    authorId: integer().references(() => users.id, { onDelete: 'set null' }),
    /** The revision the writer started from (0 = the empty section). */
    baseRevisionId: integer().notNull().default(0),
    /** The latest revision when this one was written (the revision it follows in history). */
    previousRevisionId: integer(),
    kind: text({ enum: REVISION_KINDS }).notNull().default('edit'),
    restoredFromId: integer(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('idea_section_revisions_section_idx').on(t.sectionId)],
);

export const ideaComments = sqliteTable(
  'idea_comments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    sectionId: integer()
      .notNull()
      .references(() => ideaSections.id, { onDelete: 'cascade' }),
    /** Null for a thread's first comment; replies point at the first comment. */
    parentId: integer(),
    authorId: integer().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    resolvedAt: integer({ mode: 'timestamp_ms' }),
    resolvedById: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('idea_comments_section_idx').on(t.sectionId)],
);

/** Participating organisations (section 6, Förankring och samverkan) with their role in the idea. */
export const ideaOrganisations = sqliteTable(
  'idea_organisations',
  {
    ideaId: integer()
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.organisationId] })],
);

/**
 * Who has an idea open right now: one row per member and place, so someone with two sections open (two
 * tabs) is in both. sectionKey '' is the idea page itself (a key, unlike NULL, is unique in the primary key).
 */
export const ideaPresence = sqliteTable(
  'idea_presence',
  {
    ideaId: integer()
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sectionKey: text().notNull().default(''),
    lastSeenAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId, t.sectionKey] })],
);

export type ClusterGroup = typeof clusterGroups.$inferSelect;
export type ClusterMembership = typeof clusterMemberships.$inferSelect;
export type Idea = typeof ideas.$inferSelect;
export type IdeaSection = typeof ideaSections.$inferSelect;
export type IdeaSectionRevision = typeof ideaSectionRevisions.$inferSelect;
export type IdeaComment = typeof ideaComments.$inferSelect;
