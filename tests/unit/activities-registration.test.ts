import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox, registrations } from '#db/schema/index.ts';
import { cancelRegistration, getRegistration, register, seatsTaken } from '#lib/activities/registration.ts';
import { updateActivity, cancelActivity, getActivityById } from '#lib/activities/activities.ts';
import { freshDb, input, mailsTo, publishedActivity, user } from './activities-fixtures.ts';

describe('capacity and waitlist', () => {
  it('confirms up to capacity, then waitlists with increasing positions', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 2 });
    const people = [user(db), user(db), user(db), user(db)];
    const outcomes = people.map((p) => register(db, { activityId: a.id, userId: p.id }));
    expect(outcomes.map((o) => o.registration.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect(outcomes.map((o) => o.position)).toEqual([null, null, 1, 2]);
    expect(seatsTaken(db, a.id)).toBe(2);
    expect(mailsTo(db, people[0]!.email)[0]!.subject).toBe(`Bekräftelse: ${a.title}`);
    expect(mailsTo(db, people[2]!.email)[0]!.subject).toBe(`Väntelista: ${a.title}`);
  });

  it('allows one registration per person and activity', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 5 });
    const p = user(db);
    register(db, { activityId: a.id, userId: p.id });
    expect(() => register(db, { activityId: a.id, userId: p.id })).toThrow('Du är redan anmäld');
    expect(db.select().from(registrations).all()).toHaveLength(1);
  });

  it('refuses registration for drafts, before opening and after the deadline', () => {
    const db = freshDb();
    const now = new Date();
    const a = publishedActivity(db, { registrationOpensAt: new Date(now.getTime() + 86_400_000), registrationClosesAt: new Date(now.getTime() + 2 * 86_400_000) });
    expect(() => register(db, { activityId: a.id, userId: user(db).id })).toThrow('Anmälan öppnar');
    expect(() => register(db, { activityId: a.id, userId: user(db).id }, { now: new Date(now.getTime() + 3 * 86_400_000) })).toThrow('Anmälan är stängd');
    expect(register(db, { activityId: a.id, userId: user(db).id }, { now: new Date(now.getTime() + 1.5 * 86_400_000) }).registration.status).toBe('confirmed');
  });

  it('leaving the waitlist moves the others up', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    for (const p of [p1, p2, p3]) register(db, { activityId: a.id, userId: p!.id });
    expect(getRegistration(db, a.id, p3!.id)!.position).toBe(2);
    cancelRegistration(db, a.id, p2!.id);
    expect(getRegistration(db, a.id, p2!.id)!.status).toBe('cancelled');
    expect(getRegistration(db, a.id, p3!.id)!.position).toBe(1);
    expect(seatsTaken(db, a.id)).toBe(1);
  });

  it('a cancelled person can register again and queues at the back', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    for (const p of [p1, p2, p3]) register(db, { activityId: a.id, userId: p!.id });
    cancelRegistration(db, a.id, p2!.id);
    const again = register(db, { activityId: a.id, userId: p2!.id });
    expect(again.registration.status).toBe('waitlisted');
    expect(again.position).toBe(2);
  });

  it('lowering capacity below the seats taken needs confirmation and removes nobody', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 3 });
    const people = [user(db), user(db), user(db)];
    for (const p of people) register(db, { activityId: a.id, userId: p.id });
    expect(() => updateActivity(db, a.id, input({ capacity: 1 }, a.startsAt))).toThrow('Ingen tas bort');
    expect(getActivityById(db, a.id)!.capacity).toBe(3);
    const { overbookedBy } = updateActivity(db, a.id, input({ capacity: 1 }, a.startsAt), { confirmLowerCapacity: true });
    expect(overbookedBy).toBe(2);
    expect(seatsTaken(db, a.id)).toBe(3);
    // Nobody new gets a seat while over capacity.
    expect(register(db, { activityId: a.id, userId: user(db).id }).registration.status).toBe('waitlisted');
    cancelRegistration(db, a.id, people[0]!.id);
    expect(seatsTaken(db, a.id)).toBe(2);
    expect(db.select().from(registrations).where(eq(registrations.status, 'offered')).all()).toHaveLength(0);
  });

  it('raising capacity offers the new seats to the waitlist in order', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const people = [user(db), user(db), user(db), user(db)];
    for (const p of people) register(db, { activityId: a.id, userId: p.id });
    updateActivity(db, a.id, input({ capacity: 3 }, a.startsAt));
    expect(people.map((p) => getRegistration(db, a.id, p.id)!.status)).toEqual(['confirmed', 'offered', 'offered', 'waitlisted']);
  });

  it('cancelling the activity mails every registrant once', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1 });
    const people = [user(db), user(db)];
    for (const p of people) register(db, { activityId: a.id, userId: p.id });
    expect(cancelActivity(db, a.id, 'Föreläsaren är sjuk.').notified).toBe(2);
    for (const p of people) {
      const mail = mailsTo(db, p.email).find((m) => m.subject.startsWith('Inställd'))!;
      expect(mail.text).toContain('Föreläsaren är sjuk.');
    }
    expect(() => cancelActivity(db, a.id, null)).toThrow('redan inställd');
    expect(db.select().from(outbox).all().filter((m) => m.subject.startsWith('Inställd'))).toHaveLength(2);
  });

  it('study visits become requests that the host approves or declines, with mail either way', async () => {
    const { decideRequest } = await import('#lib/activities/registration.ts');
    const db = freshDb();
    const a = publishedActivity(db, { kind: 'study_visit', capacity: 1 });
    const [p1, p2, p3] = [user(db), user(db), user(db)];
    expect(() => register(db, { activityId: a.id, userId: p1!.id })).toThrow('motivering');
    const r1 = register(db, { activityId: a.id, userId: p1!.id, motivation: 'Vi startar en mötesplats.' }).registration;
    const r2 = register(db, { activityId: a.id, userId: p2!.id, motivation: 'Nyfiken på arbetssättet.' }).registration;
    const r3 = register(db, { activityId: a.id, userId: p3!.id, motivation: 'Vill lära.' }).registration;
    expect(r1.status).toBe('requested');
    expect(seatsTaken(db, a.id)).toBe(0);
    expect(decideRequest(db, r1.id, 'approve', 'Välkommen!').registration.status).toBe('confirmed');
    expect(decideRequest(db, r2.id, 'approve', null).registration.status).toBe('waitlisted');
    expect(decideRequest(db, r3.id, 'decline', 'Tyvärr fullt denna gång.').registration.status).toBe('declined');
    expect(mailsTo(db, p1!.email).map((m) => m.subject)).toEqual([`Förfrågan mottagen: ${a.title}`, `Bekräftelse: ${a.title}`]);
    expect(mailsTo(db, p3!.email).at(-1)!.text).toContain('Tyvärr fullt denna gång.');
    expect(() => decideRequest(db, r3.id, 'approve', null)).toThrow('redan besvarad');
  });
});
