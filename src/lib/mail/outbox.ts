import { desc, eq } from 'drizzle-orm';
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

export function latestMailTo(db: Db, to: string) {
  return db.select().from(outbox).where(eq(outbox.to, to.toLowerCase())).orderBy(desc(outbox.id)).get();
}
