// Live co-writing (issue 13): the Yjs document of each section that is written together in real time.
// The revisions table stays the source of history, diff, restore, export and readiness; these tables
// only hold the live document between two revisions and who wrote in it.
import { sqliteTable, integer, blob, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { ideaSectionRevisions, ideaSections } from './clusters.ts';

/** Yjs updates of a section's live document, in arrival order; compaction replaces them by one snapshot. */
export const ideaSectionUpdates = sqliteTable(
  'idea_section_updates',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    sectionId: integer()
      .notNull()
      .references(() => ideaSections.id, { onDelete: 'cascade' }),
    data: blob({ mode: 'buffer' }).notNull(),
    /** True for a compacted snapshot of every update before it. */
    snapshot: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('idea_section_updates_section_idx').on(t.sectionId, t.id)],
);

/** Which revision the live document last matched, so saves made outside it can be merged in. */
export const ideaSectionLive = sqliteTable('idea_section_live', {
  sectionId: integer()
    .primaryKey()
    .references(() => ideaSections.id, { onDelete: 'cascade' }),
  syncedRevisionId: integer(),
});

/** Members who wrote in the live document since its last revision (kept across restarts). */
export const ideaSectionLiveWriters = sqliteTable(
  'idea_section_live_writers',
  {
    sectionId: integer()
      .notNull()
      .references(() => ideaSections.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sectionId, t.userId] })],
);

/** Everyone who wrote a revision made from live co-writing (the revision's authorId is one of them). */
export const ideaRevisionContributors = sqliteTable(
  'idea_revision_contributors',
  {
    revisionId: integer()
      .notNull()
      .references(() => ideaSectionRevisions.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.userId] })],
);
