// How /admin/utkorg describes a mail's delivery, in Swedish: sent, waiting, retrying (with attempts and the
// next time) or given up, and the last SMTP error.
import type { OutboxMail } from './outbox.ts';
import { deliveryState, MAX_ATTEMPTS } from './sender.ts';
import { formatDateTime } from '#lib/time.ts';

export interface DeliveryStatus {
  state: ReturnType<typeof deliveryState>;
  summary: string;
  /** The last SMTP error while the mail is not delivered. */
  error: string | null;
}

export function deliveryStatus(m: Pick<OutboxMail, 'sentAt' | 'attempts' | 'nextAttemptAt' | 'lastError'>): DeliveryStatus {
  const state = deliveryState(m);
  const tries = `${m.attempts} försök`; // the same word in singular and plural
  const summary =
    state === 'sent'
      ? `Skickat ${formatDateTime(m.sentAt!)}${m.attempts > 1 ? ` (efter ${tries})` : ''}`
      : state === 'pending'
        ? 'Väntar på att skickas'
        : state === 'retrying'
          ? `Försök ${m.attempts} av ${MAX_ATTEMPTS} misslyckades; nytt försök ${formatDateTime(m.nextAttemptAt!)}`
          : state === 'failed'
            ? `Kunde inte skickas: gav upp efter ${tries}`
            : 'Bara sparat (SMTP är inte inställt)';
  return { state, summary, error: state === 'sent' ? null : m.lastError };
}
