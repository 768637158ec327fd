// The activity page's loader: seat arithmetic and what a visitor may do, as plain data.
import { describe, expect, it } from 'vitest';
import { freshDb, publishedActivity, user, DAY } from './activities-fixtures.ts';
import { loadActivityPage, seatSentence, seatsLeft } from '#lib/activities/activity-view.ts';
import { register } from '#lib/activities/registration.ts';

describe('seat arithmetic', () => {
  it('never goes below zero and says when the activity is full or unlimited', () => {
    expect(seatsLeft(null, 5)).toBeNull();
    expect(seatsLeft(3, 5)).toBe(0);
    expect(seatSentence(10, 3)).toBe('7 av 10 platser kvar.');
    expect(seatSentence(2, 2)).toBe('Fullbokad – nya anmälningar hamnar på väntelistan.');
    expect(seatSentence(null, 0)).toBe('Obegränsat antal platser.');
  });
});

describe('loadActivityPage', () => {
  it('shows a visitor the seats and no registration of their own', () => {
    const db = freshDb();
    const activity = publishedActivity(db, { capacity: 2 });
    const view = loadActivityPage(db, null, activity);
    expect(view).toMatchObject({ seatText: '2 av 2 platser kvar.', full: false, mine: null, active: false, registrationFormShown: false, closedReason: null, manage: false });
  });

  it('follows a member from the registration form to a confirmed place, and the next one to the waitlist', () => {
    const db = freshDb();
    const activity = publishedActivity(db, { capacity: 1 });
    const first = user(db);
    const second = user(db);
    expect(loadActivityPage(db, first, activity).registrationFormShown).toBe(true);
    register(db, { activityId: activity.id, userId: first.id });
    const mine = loadActivityPage(db, first, activity);
    expect(mine).toMatchObject({ active: true, registrationFormShown: false, full: true, seatText: 'Fullbokad – nya anmälningar hamnar på väntelistan.' });
    expect(mine.mine?.status).toBe('confirmed');
    register(db, { activityId: activity.id, userId: second.id });
    const waiting = loadActivityPage(db, second, activity);
    expect(waiting.mine).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('takes the closed rule from seats.ts: no form once registration has closed', () => {
    const db = freshDb();
    const activity = publishedActivity(db);
    const member = user(db);
    const later = new Date(activity.startsAt.getTime() + DAY);
    const view = loadActivityPage(db, member, activity, later);
    expect(view.closedReason).toBe('Anmälan är stängd.');
    expect(view.registrationFormShown).toBe(false);
  });

  it('lets the organiser manage the activity', () => {
    const db = freshDb();
    const activity = publishedActivity(db);
    const admin = user(db, { role: 'admin' });
    expect(loadActivityPage(db, admin, activity).manage).toBe(true);
  });
});
