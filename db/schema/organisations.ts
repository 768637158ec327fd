import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

/** Stored values; Swedish labels live in src/lib/organisations/index.ts. */
export const ORGANISATION_TYPES = [
  'municipality',
  'agency',
  'region',
  'coordination_association',
  'folk_high_school',
  'study_association',
  'association',
  'company',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const organisations = sqliteTable('organisations', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull().unique(),
  slug: text().notNull().unique(),
  type: text({ enum: ORGANISATION_TYPES }).notNull(),
  /** The Skaraborg municipality the organisation is in, or null for region-wide/national bodies. */
  municipality: text(),
  /** Lower-case e-mail domains whose sign-ups are activated without approval. */
  emailDomains: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
});
