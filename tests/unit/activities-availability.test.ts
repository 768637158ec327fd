// Issue 16.4: seats at a glance for the list and the cards.
import { describe, expect, it } from 'vitest';
import { availabilityFor, seatText } from '#lib/activities/availability.ts';
import { register } from '#lib/activities/registration.ts';
import { listUpcomingActivities } from '#lib/activities/upcoming.ts';
import { freshDb, publishedActivity, user } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

describe('seats at a glance', () => {
  it('gives seats left, full with waitlist, and the viewer’s own place', () => {
    const db = freshDb();
    const open = publishedActivity(db, { title: 'Öppen', capacity: 4, dates: [morning(12)] });
    const full = publishedActivity(db, { title: 'Full', capacity: 1, dates: [morning(13)] });
    const unlimited = publishedActivity(db, { title: 'Obegränsad', capacity: null, dates: [morning(14)] });
    const me = user(db);
    register(db, { activityId: open.id, userId: me.id });
    register(db, { activityId: full.id, userId: user(db).id });
    register(db, { activityId: full.id, userId: user(db).id });
    register(db, { activityId: full.id, userId: user(db).id });
    register(db, { activityId: full.id, userId: me.id });

    const seen = availabilityFor(db, [open, full, unlimited], me.id);
    expect(seen.get(open.id)).toMatchObject({ left: 3, full: false, seatText: '3 platser kvar', mineText: 'Du är anmäld' });
    expect(seen.get(full.id)).toMatchObject({ left: 0, full: true, seatText: 'Fullbokad – väntelista', mineText: 'Du står på plats 3 i kön' });
    expect(seen.get(unlimited.id)).toMatchObject({ left: null, full: false, seatText: 'Obegränsat antal platser', mineText: null });

    const anonymous = availabilityFor(db, [open, full], null);
    expect(anonymous.get(full.id)!.mine).toBeNull();
  });

  it('puts the seats on the teasers of the start page and guide pages (the same for every visitor)', () => {
    const db = freshDb();
    const a = publishedActivity(db, { title: 'Teaser', capacity: 2, dates: [morning(9)] });
    register(db, { activityId: a.id, userId: user(db).id });
    expect(listUpcomingActivities(db).find((t) => t.slug === a.slug)!.seats).toBe('1 plats kvar');
  });

  it('uses the singular for one seat', () => {
    expect(seatText(1)).toBe('1 plats kvar');
    expect(seatText(0)).toBe('Fullbokad – väntelista');
  });
});
