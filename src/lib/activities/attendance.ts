// Attendance per date, and the certificate a participant gets after attending every date.
import { and, asc, eq } from 'drizzle-orm';
import { activityDates, attendance, registrations, type ActivityDate } from '../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { ActivityError } from './errors.ts';

export function markAttendance(db: Db, activityId: number, registrationId: number, dateId: number, present: boolean, markedBy: number): void {
  db.transaction(() => {
    const reg = db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
    if (!reg || reg.activityId !== activityId) throw new ActivityError('NOT_FOUND', 'Deltagaren finns inte på aktiviteten.');
    if (reg.status !== 'confirmed') throw new ActivityError('CONFLICT', 'Bara deltagare med bekräftad plats kan checkas in.');
    const date = db.select().from(activityDates).where(eq(activityDates.id, dateId)).get();
    if (!date || date.activityId !== activityId) throw new ActivityError('NOT_FOUND', 'Datumet hör inte till aktiviteten.');
    if (present) db.insert(attendance).values({ registrationId, activityDateId: dateId, markedBy }).onConflictDoNothing().run();
    else db.delete(attendance).where(and(eq(attendance.registrationId, registrationId), eq(attendance.activityDateId, dateId))).run();
  });
}

export interface CertificateStatus {
  eligible: boolean;
  dates: ActivityDate[];
  attended: number[];
}

/** A confirmed participant who attended every date of the activity may download a certificate. */
export function certificateStatus(db: Db, activityId: number, userId: number): CertificateStatus {
  const dates = db.select().from(activityDates).where(eq(activityDates.activityId, activityId)).orderBy(asc(activityDates.startsAt)).all();
  const reg = db.select().from(registrations).where(and(eq(registrations.activityId, activityId), eq(registrations.userId, userId))).get();
  if (!reg || reg.status !== 'confirmed') return { eligible: false, dates, attended: [] };
  const attended = db.select({ dateId: attendance.activityDateId }).from(attendance).where(eq(attendance.registrationId, reg.id)).all().map((r) => r.dateId);
  return { eligible: dates.length > 0 && dates.every((d) => attended.includes(d.id)), dates, attended };
}
