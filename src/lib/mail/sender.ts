// Delivers committed outbox rows over SMTP, with retries. Started once at server start (src/lib/jobs.ts).
// A row is due when it has not been sent and its next attempt time has come; a failed attempt is counted,
// its error kept and the next one scheduled later (backoff) until the attempts run out. /admin/utkorg shows
// all of it.
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { outbox } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { onMailQueued, type OutboxMail } from './outbox.ts';
import type { MailTransport } from './transport.ts';

const MINUTE = 60_000;
/** Wait after the 1st, 2nd, … failed attempt. After the last one the mail is given up. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 720].map((m) => m * MINUTE);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A row being sent is held this long, so an overlapping run cannot send it twice. */
const CLAIM_MS = 10 * MINUTE;
const POLL_MS = 30_000;

export type DeliveryState = 'stored' | 'pending' | 'retrying' | 'sent' | 'failed';

/** Where a mail stands: only stored (no SMTP), waiting for its first attempt, waiting to be retried, sent, or given up. */
export function deliveryState(m: Pick<OutboxMail, 'sentAt' | 'attempts' | 'nextAttemptAt'>): DeliveryState {
  if (m.sentAt) return 'sent';
  if (m.nextAttemptAt) return m.attempts > 0 ? 'retrying' : 'pending';
  return m.attempts > 0 ? 'failed' : 'stored';
}

function due(db: Db, now: Date, limit: number): OutboxMail[] {
  return db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

/**
 * Sends every due row once (up to `limit`). Only committed rows are seen: a mail written in a transaction
 * that rolled back is not in the table. Returns how many were sent and how many failed.
 */
export async function deliverDueMail(db: Db, transport: MailTransport, now = () => new Date(), limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const mail of due(db, now(), limit)) {
    // Claim the row before the first await.
    db.update(outbox).set({ nextAttemptAt: new Date(now().getTime() + CLAIM_MS) }).where(eq(outbox.id, mail.id)).run();
    const attempts = mail.attempts + 1;
    try {
      await transport.send({ ...mail, dedupeKey: mail.dedupeKey ?? undefined });
      db.update(outbox).set({ sentAt: now(), attempts, nextAttemptAt: null, lastError: null }).where(eq(outbox.id, mail.id)).run();
      sent++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const retryIn = attempts < MAX_ATTEMPTS ? RETRY_DELAYS_MS[attempts - 1]! : null;
      db.update(outbox)
        .set({ attempts, lastError: message, nextAttemptAt: retryIn === null ? null : new Date(now().getTime() + retryIn) })
        .where(eq(outbox.id, mail.id))
        .run();
      console.error(`SMTP-leverans misslyckades för utkorgsrad ${mail.id} (försök ${attempts} av ${MAX_ATTEMPTS}):`, message);
      failed++;
    }
  }
  return { sent, failed };
}

/**
 * Runs the sender for the process: after every committed mail (woken by sendMail, run once the current
 * transaction is over) and every 30 s for retries. Returns a stop function.
 */
export function startMailSender(db: Db, transport: MailTransport, options: { pollMs?: number } = {}): () => void {
  let running: Promise<unknown> | null = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = deliverDueMail(db, transport)
      .catch((error: unknown) => console.error('Utskicket av mejl misslyckades:', (error as Error).message))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  // setImmediate runs after the synchronous transaction that wrote the row has committed (or rolled back).
  onMailQueued(() => setImmediate(run));
  const timer = setInterval(run, options.pollMs ?? POLL_MS);
  timer.unref();
  setImmediate(run);
  return () => {
    clearInterval(timer);
    onMailQueued(undefined);
  };
}
