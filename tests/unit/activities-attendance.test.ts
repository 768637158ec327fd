// Issue 16.1: check-in only for days that have started; a certificate only for attendance on days that happened.
import { describe, expect, it } from 'vitest';
import { attendance } from '#db/schema/index.ts';
import { getDates } from '#lib/activities/activities.ts';
import { certificateStatus, markAttendance } from '#lib/activities/attendance.ts';
import { register } from '#lib/activities/registration.ts';
import { freshDb, publishedActivity, user } from './activities-fixtures.ts';
import { localAt, morning } from '../helpers/local-time.ts';

function course() {
  const db = freshDb();
  const organiser = user(db, { role: 'coordinator' });
  // Two course days in January-like fashion: 30 and 31 days ahead, 10:00–13:00 Stockholm time.
  const a = publishedActivity(db, { kind: 'course', dates: [morning(30), morning(31)] });
  const member = user(db);
  const reg = register(db, { activityId: a.id, userId: member.id }).registration;
  const [day1, day2] = getDates(db, a.id) as [ReturnType<typeof getDates>[number], ReturnType<typeof getDates>[number]];
  return { db, a, organiser, member, reg, day1, day2 };
}

describe('check-in', () => {
  it('refuses check-in before the day has started, with the start time in Swedish', () => {
    const { db, a, organiser, reg, day1 } = course();
    expect(() => markAttendance(db, a.id, reg.id, day1.id, true, organiser.id)).toThrow(/Incheckningen öppnar när tillfället börjar, \d+ \w+ \d{4} kl\. 10:00/);
    expect(db.select().from(attendance).all()).toHaveLength(0);
  });

  it('accepts check-in from the start of the day on, and undoing it any time', () => {
    const { db, a, organiser, reg, day1 } = course();
    markAttendance(db, a.id, reg.id, day1.id, true, organiser.id, day1.startsAt);
    expect(db.select().from(attendance).all()).toHaveLength(1);
    markAttendance(db, a.id, reg.id, day1.id, false, organiser.id, new Date(day1.startsAt.getTime() - 60_000));
    expect(db.select().from(attendance).all()).toHaveLength(0);
  });
});

describe('certificate', () => {
  it('is not issued before every day has happened, even with attendance recorded for future days', () => {
    const { db, a, member, reg, day1, day2 } = course();
    // Rows like the ones the old check-in let through for days ahead.
    db.insert(attendance).values([{ registrationId: reg.id, activityDateId: day1.id }, { registrationId: reg.id, activityDateId: day2.id }]).run();
    const today = certificateStatus(db, a.id, member.id);
    expect(today.eligible).toBe(false);
    expect(today.attended).toEqual([]);
    expect(today.issuedAt).toBeNull();
    // After day 1 only: still not eligible.
    expect(certificateStatus(db, a.id, member.id, day1.endsAt).eligible).toBe(false);
    // On the last day, once it has started: eligible, issued that day.
    const last = certificateStatus(db, a.id, member.id, day2.startsAt);
    expect(last.eligible).toBe(true);
    expect(last.issuedAt).toEqual(day2.startsAt);
  });

  it('needs attendance on every day that happened', () => {
    const { db, a, organiser, member, reg, day1, day2 } = course();
    markAttendance(db, a.id, reg.id, day1.id, true, organiser.id, day1.startsAt);
    const after = localAt(32, '09:00');
    expect(certificateStatus(db, a.id, member.id, after).eligible).toBe(false);
    markAttendance(db, a.id, reg.id, day2.id, true, organiser.id, day2.startsAt);
    expect(certificateStatus(db, a.id, member.id, after)).toMatchObject({ eligible: true, attended: [day1.id, day2.id] });
  });
});
