import { describe, expect, it } from 'vitest';
import { outbox } from '#db/schema/index.ts';
import { acceptOffer, expireDueOffers } from '#lib/activities/offers.ts';
import { cancelRegistration, getRegistration, register } from '#lib/activities/registration.ts';
import { runActivityJobs } from '#lib/activities/jobs.ts';
import { DAY, HOUR, freshDb, mailsTo, publishedActivity, user } from './activities-fixtures.ts';

describe('offers', () => {
  it('a freed seat is offered to the first on the waitlist for 48 hours, by mail with an accept link', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    for (const p of [p1, p2, p3]) register(db, { activityId: a.id, userId: p!.id });
    const t0 = new Date();
    cancelRegistration(db, a.id, p1!.id, { now: t0 });
    const r2 = getRegistration(db, a.id, p2!.id)!;
    expect(r2.status).toBe('offered');
    expect(r2.offerExpiresAt!.getTime()).toBe(t0.getTime() + 48 * HOUR);
    const offer = mailsTo(db, p2!.email).find((m) => m.subject.startsWith('Ledig plats'))!;
    expect(offer.text).toContain(`/aktiviteter/${a.slug}/erbjudande`);
    expect(getRegistration(db, a.id, p3!.id)!.position).toBe(1);

    acceptOffer(db, a.id, p2!.id, {}, new Date(t0.getTime() + 47 * HOUR));
    expect(getRegistration(db, a.id, p2!.id)!.status).toBe('confirmed');
    const confirmation = mailsTo(db, p2!.email).find((m) => m.subject.startsWith('Bekräftelse'))!;
    expect(confirmation.attachments[0]!.filename).toBe(`${a.slug}.ics`);
  });

  it('an unanswered offer expires after 48 hours and passes on to the next person', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    for (const p of [p1, p2, p3]) register(db, { activityId: a.id, userId: p!.id });
    const t0 = new Date();
    cancelRegistration(db, a.id, p1!.id, { now: t0 });
    expect(expireDueOffers(db, new Date(t0.getTime() + 47 * HOUR))).toBe(0);
    expect(expireDueOffers(db, new Date(t0.getTime() + 48 * HOUR + 1))).toBe(1);
    expect(getRegistration(db, a.id, p2!.id)!.status).toBe('expired');
    expect(getRegistration(db, a.id, p3!.id)!.status).toBe('offered');
    expect(mailsTo(db, p2!.email).some((m) => m.subject.startsWith('Erbjudandet har gått ut'))).toBe(true);
    // Too late to accept; and running the sweep again changes nothing and sends nothing.
    expect(() => acceptOffer(db, a.id, p2!.id, {}, new Date(t0.getTime() + 49 * HOUR))).toThrow('gått ut');
    const before = db.select().from(outbox).all().length;
    expect(expireDueOffers(db, new Date(t0.getTime() + 49 * HOUR))).toBe(0);
    expect(db.select().from(outbox).all().length).toBe(before);
  });

  it('accepting checks expiry on access even when no sweep has run', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    for (const p of [p1, p2, p3]) register(db, { activityId: a.id, userId: p!.id });
    const t0 = new Date();
    cancelRegistration(db, a.id, p1!.id, { now: t0 });
    expect(() => acceptOffer(db, a.id, p2!.id, {}, new Date(t0.getTime() + 50 * HOUR))).toThrow('gått ut');
    expect(getRegistration(db, a.id, p3!.id)!.status).toBe('offered');
  });

  it('an offer never runs past the start of the activity', () => {
    const db = freshDb();
    const start = new Date(Date.now() + 30 * HOUR);
    const a = publishedActivity(db, { capacity: 1 }, start);
    const [p1, p2] = [user(db), user(db)];
    for (const p of [p1, p2]) register(db, { activityId: a.id, userId: p!.id });
    cancelRegistration(db, a.id, p1!.id);
    expect(getRegistration(db, a.id, p2!.id)!.offerExpiresAt!.getTime()).toBe(start.getTime());
  });

  it('declining an offer (cancelling) passes it on at once', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    for (const p of [p1, p2, p3]) register(db, { activityId: a.id, userId: p!.id });
    cancelRegistration(db, a.id, p1!.id);
    cancelRegistration(db, a.id, p2!.id);
    expect(getRegistration(db, a.id, p3!.id)!.status).toBe('offered');
  });
});

describe('reminders', () => {
  it('sends one reminder two days before, never twice', () => {
    const db = freshDb();
    const start = new Date(Date.now() + 5 * DAY);
    const a = publishedActivity(db, { capacity: 5 }, start);
    const p = user(db);
    register(db, { activityId: a.id, userId: p.id });
    expect(runActivityJobs(db, new Date(start.getTime() - 3 * DAY)).reminders).toBe(0);
    expect(runActivityJobs(db, new Date(start.getTime() - 2 * DAY + HOUR)).reminders).toBe(1);
    expect(runActivityJobs(db, new Date(start.getTime() - DAY)).reminders).toBe(0);
    const reminders = mailsTo(db, p.email).filter((m) => m.subject.startsWith('Påminnelse'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain('/guider/7tjugo');
  });
});
