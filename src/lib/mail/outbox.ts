// The outbox: every mail the portal sends is a row here, written inside the caller's transaction. Nothing
// leaves from here: the sender (src/lib/mail/sender.ts) delivers committed rows after the transaction, so
// a rollback takes the mail back with everything else.
import { count, desc, eq, or, sql } from 'drizzle-orm';
import { outbox, type StoredAttachment } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { config } from '#lib/config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: StoredAttachment[];
  /** Same key twice → the second mail is not stored or sent again. */
  dedupeKey?: string;
}

export type OutboxMail = typeof outbox.$inferSelect;

let queued: (() => void) | undefined;

/** The sender registers here to hear of new rows; it looks for them after the current (synchronous) transaction. */
export function onMailQueued(listener: (() => void) | undefined): void {
  queued = listener;
}

/**
 * Stores the mail in the outbox (always: it is the record of what was sent). With SMTP configured the row is
 * due for delivery at once; the sender picks it up once the caller's transaction has committed. Returns
 * false when the dedupe key was already used.
 */
export function sendMail(db: Db, message: MailMessage, now = new Date()): boolean {
  const row = db
    .insert(outbox)
    .values({
      ...message,
      attachments: message.attachments ?? [],
      dedupeKey: message.dedupeKey ?? null,
      createdAt: now,
      nextAttemptAt: config().mail.smtpUrl ? now : null,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id })
    .get();
  if (!row) return false;
  queued?.();
  return true;
}

export function listOutbox(db: Db, limit = 100) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit).all();
}

export const OUTBOX_PAGE_SIZE = 100;

export interface OutboxPage {
  mails: Array<typeof outbox.$inferSelect>;
  total: number;
  /** 1-based, clamped to the pages that exist. */
  page: number;
  pages: number;
}

/** Newest first, 100 per page; `query` matches the recipient address or the subject anywhere (SQLite's LIKE: A–Z case-insensitive). */
export function searchOutbox(db: Db, options: { query?: string; page?: number; pageSize?: number } = {}): OutboxPage {
  const size = options.pageSize ?? OUTBOX_PAGE_SIZE;
  const q = options.query?.trim().slice(0, 200) ?? '';
  // LIKE with an escape character, so % and _ in the search are taken literally.
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = q ? or(sql`${outbox.to} like ${pattern} escape '\\'`, sql`${outbox.subject} like ${pattern} escape '\\'`) : undefined;
  const total = db.select({ n: count() }).from(outbox).where(where).get()!.n;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1) || 1), pages);
  const mails = db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(size).offset((page - 1) * size).all();
  return { mails, total, page, pages };
}

export function getOutboxMail(db: Db, id: number) {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

export function latestMailTo(db: Db, to: string) {
  return db.select().from(outbox).where(eq(outbox.to, to.toLowerCase())).orderBy(desc(outbox.id)).get();
}
