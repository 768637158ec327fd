// Issue 11: mail leaves after commit (a rolled-back transaction sends nothing) and a failed SMTP send is
// retried with backoff; issue 16.9: the outbox shows delivery status and retries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { transaction } from '#lib/tx.ts';
import { loadConfig, setConfig } from '#lib/config.ts';
import { getOutboxMail, sendMail, type MailMessage } from '#lib/mail/outbox.ts';
import { deliverDueMail, MAX_ATTEMPTS, RETRY_DELAYS_MS, startMailSender } from '#lib/mail/sender.ts';
import { deliveryStatus } from '#lib/mail/delivery-status.ts';
import type { MailTransport } from '#lib/mail/transport.ts';

const mail = (to: string): MailMessage => ({ to, subject: `Till ${to}`, text: 'Hej', html: '<p>Hej</p>' });

/** Records what it sends; fails while `failures` > 0. */
function fakeTransport(db: Db, failures = 0) {
  const sent: string[] = [];
  const insideTransaction: boolean[] = [];
  const transport: MailTransport & { failures: number } = {
    failures,
    async send(message) {
      insideTransaction.push(db.$client.inTransaction);
      if (this.failures > 0) {
        this.failures--;
        throw new Error('421 Tjänsten är tillfälligt otillgänglig');
      }
      sent.push(message.to);
    },
  };
  return { transport, sent, insideTransaction };
}

/** Lets setImmediate callbacks and the sender's awaits run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

let db: Db;
beforeEach(() => {
  setConfig(loadConfig({ SMTP_URL: 'smtp://smtp.example.se:587' }));
  db = openDb(':memory:');
});
afterEach(() => {
  setConfig(undefined);
  db.$client.close();
});

describe('mail after commit', () => {
  it('sends a committed mail once the transaction is over, and nothing from a rolled-back one', async () => {
    const { transport, sent, insideTransaction } = fakeTransport(db);
    const stop = startMailSender(db, transport, { pollMs: 60_000 });
    try {
      await settle();
      expect(() =>
        transaction(db, () => {
          sendMail(db, mail('angrad@hjo.se'));
          throw new Error('något gick fel efter mejlet');
        }),
      ).toThrow('något gick fel');
      transaction(db, () => {
        sendMail(db, mail('bekraftad@hjo.se'));
        // Still inside the transaction: nothing has left.
        expect(sent).toEqual([]);
      });
      await settle();
      expect(sent).toEqual(['bekraftad@hjo.se']);
      expect(insideTransaction).toEqual([false]);
      // The rolled-back mail is not in the outbox either.
      expect(db.$client.prepare('select "to" from outbox').all()).toEqual([{ to: 'bekraftad@hjo.se' }]);
    } finally {
      stop();
    }
  });

  it('keeps mail only in the outbox when SMTP is not configured', async () => {
    setConfig(loadConfig({}));
    sendMail(db, mail('sparad@hjo.se'));
    const { transport, sent } = fakeTransport(db);
    expect(await deliverDueMail(db, transport)).toEqual({ sent: 0, failed: 0 });
    expect(sent).toEqual([]);
    expect(deliveryStatus(getOutboxMail(db, 1)!).state).toBe('stored');
  });
});

describe('retries', () => {
  it('retries a failed SMTP send after the backoff and records attempts and the error', async () => {
    const t0 = new Date('2026-12-01T10:00:00Z');
    sendMail(db, mail('mottagare@skovde.se'), t0);
    const { transport, sent } = fakeTransport(db, 2);

    expect(await deliverDueMail(db, transport, () => t0)).toEqual({ sent: 0, failed: 1 });
    let row = getOutboxMail(db, 1)!;
    expect(row).toMatchObject({ attempts: 1, sentAt: null, lastError: '421 Tjänsten är tillfälligt otillgänglig' });
    expect(row.nextAttemptAt!.getTime()).toBe(t0.getTime() + RETRY_DELAYS_MS[0]!);
    expect(deliveryStatus(row)).toMatchObject({ state: 'retrying', error: '421 Tjänsten är tillfälligt otillgänglig' });
    expect(deliveryStatus(row).summary).toMatch(/^Försök 1 av 7 misslyckades; nytt försök /);

    // Not before the next attempt time.
    expect(await deliverDueMail(db, transport, () => new Date(t0.getTime() + RETRY_DELAYS_MS[0]! - 1))).toEqual({ sent: 0, failed: 0 });

    const t1 = new Date(t0.getTime() + RETRY_DELAYS_MS[0]!);
    expect(await deliverDueMail(db, transport, () => t1)).toEqual({ sent: 0, failed: 1 });
    row = getOutboxMail(db, 1)!;
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt!.getTime()).toBe(t1.getTime() + RETRY_DELAYS_MS[1]!);

    const t2 = new Date(t1.getTime() + RETRY_DELAYS_MS[1]!);
    expect(await deliverDueMail(db, transport, () => t2)).toEqual({ sent: 1, failed: 0 });
    row = getOutboxMail(db, 1)!;
    expect(row).toMatchObject({ attempts: 3, sentAt: t2, nextAttemptAt: null, lastError: null });
    expect(sent).toEqual(['mottagare@skovde.se']);
    expect(deliveryStatus(row).summary).toMatch(/^Skickat .* \(efter 3 försök\)$/);

    // Sent mail is never sent again.
    expect(await deliverDueMail(db, transport, () => new Date(t2.getTime() + 86_400_000))).toEqual({ sent: 0, failed: 0 });
  });

  it('gives up after the last attempt and shows it', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    sendMail(db, mail('fel@example.invalid'), now);
    const { transport } = fakeTransport(db, 100);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await deliverDueMail(db, transport, () => now)).toEqual({ sent: 0, failed: 1 });
      const row = getOutboxMail(db, 1)!;
      if (row.nextAttemptAt) now = row.nextAttemptAt;
    }
    const row = getOutboxMail(db, 1)!;
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, nextAttemptAt: null, sentAt: null });
    expect(deliveryStatus(row)).toMatchObject({ state: 'failed', summary: `Kunde inte skickas: gav upp efter ${MAX_ATTEMPTS} försök` });
    expect(await deliverDueMail(db, transport, () => new Date(now.getTime() + 7 * 86_400_000))).toEqual({ sent: 0, failed: 0 });
  });
});
