import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export const outbox = sqliteTable('outbox', {
  id: integer().primaryKey({ autoIncrement: true }),
  to: text().notNull(),
  subject: text().notNull(),
  text: text().notNull(),
  html: text().notNull(),
  attachments: text({ mode: 'json' }).$type<StoredAttachment[]>().notNull().default([]),
  /** Makes a mail idempotent: a second send with the same key is ignored (e.g. reminders after a restart). */
  dedupeKey: text().unique(),
  createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  /** Set when delivered over SMTP; null while only stored in the outbox. */
  sentAt: integer({ mode: 'timestamp_ms' }),
});
