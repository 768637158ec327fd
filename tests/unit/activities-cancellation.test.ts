// Issue 16.3: cancelling sends a cancellation mail; a cancelled activity mails everyone with an ICS METHOD:CANCEL.
import { describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { cancelActivity } from '#lib/activities/activities.ts';
import { buildCalendar } from '#lib/activities/calendar.ts';
import { cancellationWording } from '#lib/activities/cancellation.ts';
import { cancelRegistration, register } from '#lib/activities/registration.ts';
import { freshDb, mailsTo, publishedActivity, user } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

const icsOf = (mail: { attachments: Array<{ content: string }> }) => Buffer.from(mail.attachments[0]!.content, 'base64').toString('utf8');

describe('cancelling a registration', () => {
  it('mails a confirmation of the cancellation with a calendar cancel for a confirmed seat', () => {
    const db = freshDb();
    const a = publishedActivity(db, { title: 'Nätverksträff i Hjo', capacity: 5, dates: [morning(14)] });
    const p = user(db);
    register(db, { activityId: a.id, userId: p.id });
    cancelRegistration(db, a.id, p.id);
    const mail = mailsTo(db, p.email).find((m) => m.subject === 'Avbokning: Nätverksträff i Hjo')!;
    expect(mail.text).toContain('Din plats på Nätverksträff i Hjo är avbokad.');
    expect(icsOf(mail)).toMatch(/METHOD:CANCEL/);
    expect(icsOf(mail)).toMatch(/STATUS:CANCELLED/);
  });

  it('words the mail for leaving the waitlist, without a calendar file', () => {
    const db = freshDb();
    const a = publishedActivity(db, { title: 'Fullt pass', capacity: 1, dates: [morning(14)] });
    register(db, { activityId: a.id, userId: user(db).id });
    const waiting = user(db);
    register(db, { activityId: a.id, userId: waiting.id });
    cancelRegistration(db, a.id, waiting.id);
    const mail = mailsTo(db, waiting.email).find((m) => m.subject === 'Avbokning: Fullt pass')!;
    expect(mail.text).toContain('Du har lämnat väntelistan till Fullt pass.');
    expect(mail.attachments).toEqual([]);
  });

  it('has words for every active status and none for the others', () => {
    expect(cancellationWording('confirmed', 'X')!.confirm).toBe('Ja, avboka min plats');
    expect(cancellationWording('waitlisted', 'X')!.start).toBe('Lämna väntelistan');
    expect(cancellationWording('offered', 'X')!.start).toBe('Tacka nej');
    expect(cancellationWording('requested', 'X')!.start).toBe('Dra tillbaka förfrågan');
    expect(cancellationWording('cancelled', 'X')).toBeNull();
  });
});

describe('cancelling an activity', () => {
  it('mails everyone registered with an iCalendar METHOD:CANCEL for the same events', () => {
    const db = freshDb();
    const a = publishedActivity(db, { title: 'Kurs som ställs in', kind: 'course', capacity: 1, dates: [morning(21), morning(22)] });
    const seat = user(db);
    const waiting = user(db);
    register(db, { activityId: a.id, userId: seat.id });
    register(db, { activityId: a.id, userId: waiting.id });
    const confirmation = mailsTo(db, seat.email).find((m) => m.subject.startsWith('Bekräftelse'))!;
    expect(cancelActivity(db, a.id, 'Kursledaren är sjuk.')).toEqual({ notified: 2 });
    for (const person of [seat, waiting]) {
      const mail = mailsTo(db, person.email).find((m) => m.subject === 'Inställd: Kurs som ställs in')!;
      expect(mail.attachments[0]!.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
      const text = icsOf(mail);
      expect(text).toMatch(/METHOD:CANCEL/);
      const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT');
      expect(events).toHaveLength(2);
      for (const e of events) expect(e).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    }
    // Same UIDs as the confirmation's PUBLISH, so calendar programs remove those events.
    const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim()).sort();
    expect(uids(icsOf(mailsTo(db, seat.email).find((m) => m.subject.startsWith('Inställd'))!))).toEqual(uids(icsOf(confirmation)));
  });

  it('keeps the normal feed a PUBLISH', () => {
    const db = freshDb();
    const a = publishedActivity(db, { dates: [morning(5)] });
    expect(buildCalendar([{ activity: a, dates: [{ id: 1, ...morning(5) }] }])).toMatch(/METHOD:PUBLISH/);
  });
});
