import { describe, expect, it } from 'vitest';
import { registrations } from '#db/schema/index.ts';
import { purgeSpecialNeeds } from '#lib/activities/retention.ts';
import { register } from '#lib/activities/registration.ts';
import { DAY, HOUR, freshDb, publishedActivity, user } from './activities-fixtures.ts';

describe('retention of special-needs answers', () => {
  it('deletes the answers 30 days after the activity ends, not before, and leaves other activities alone', () => {
    const db = freshDb();
    const start = new Date(Date.now() + 2 * DAY);
    const a = publishedActivity(db, {}, start);
    const later = publishedActivity(db, {}, new Date(Date.now() + 40 * DAY));
    register(db, { activityId: a.id, userId: user(db).id, specialNeeds: 'Glutenfri kost' });
    register(db, { activityId: later.id, userId: user(db).id, specialNeeds: 'Hörslinga' });
    const end = a.endsAt.getTime();
    expect(end).toBe(start.getTime() + 3 * HOUR);
    expect(purgeSpecialNeeds(db, new Date(end + 29 * DAY))).toBe(0);
    expect(purgeSpecialNeeds(db, new Date(end + 30 * DAY + 1000))).toBe(1);
    const rows = db.select().from(registrations).all();
    expect(rows.find((r) => r.activityId === a.id)!.specialNeeds).toBeNull();
    expect(rows.find((r) => r.activityId === later.id)!.specialNeeds).toBe('Hörslinga');
    expect(purgeSpecialNeeds(db, new Date(end + 31 * DAY))).toBe(0);
  });
});
