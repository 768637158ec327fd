import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export const outbox = sqliteTable(
  'outbox',
  {
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
  /** SMTP delivery attempts so far (src/lib/mail/sender.ts). */
  attempts: integer().notNull().default(0),
  /** When the sender tries (again); null when nothing is pending: sent, given up, or stored without SMTP. */
  nextAttemptAt: integer({ mode: 'timestamp_ms' }),
  /** The last SMTP error, kept for /admin/utkorg. */
  lastError: text(),
},
  (t) => [index('outbox_next_attempt_idx').on(t.nextAttemptAt)],
);
