import { count, desc, eq, or, sql } from 'drizzle-orm';
import { outbox, type StoredAttachment } from '../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { deliver } from './transport.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: StoredAttachment[];
  /** Same key twice → the second mail is not stored or sent again. */
  dedupeKey?: string;
}

/**
 * Stores the mail in the outbox (always: it is the record of what was sent) and, when SMTP is
 * configured, delivers it in the background. Returns false when the dedupe key was already used.
 */
export function sendMail(db: Db, message: MailMessage): boolean {
  const row = db
    .insert(outbox)
    .values({ ...message, attachments: message.attachments ?? [], dedupeKey: message.dedupeKey ?? null })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id })
    .get();
  if (!row) return false;
  if (process.env.SMTP_URL) {
    deliver(message)
      .then(() => db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row.id)).run())
      .catch((error: unknown) => console.error(`SMTP-leverans misslyckades för utkorgsrad ${row.id}:`, (error as Error).message));
  }
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
