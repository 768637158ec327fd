// Attendance per date, and the certificate a participant gets after attending every date.
// Only days that have started can be checked in, and only attendance on days that have happened counts.
import { and, asc, eq } from 'drizzle-orm';
import { activityDates, attendance, registrations, type ActivityDate } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { formatDateTime } from '#lib/time.ts';
import { DomainError } from '#lib/errors.ts';
import { transaction } from '#lib/tx.ts';

/** A date can be checked in from its start time on (not before the day has begun). */
export function hasStarted(date: Pick<ActivityDate, 'startsAt'>, now = new Date()): boolean {
  return date.startsAt.getTime() <= now.getTime();
}

export function markAttendance(db: Db, activityId: number, registrationId: number, dateId: number, present: boolean, markedBy: number, now = new Date()): void {
  transaction(db, () => {
    const reg = db.select().from(registrations).where(eq(registrations.id, registrationId)).get();
    if (!reg || reg.activityId !== activityId) throw new DomainError('NOT_FOUND', 'Deltagaren finns inte på aktiviteten.');
    if (reg.status !== 'confirmed') throw new DomainError('CONFLICT', 'Bara deltagare med bekräftad plats kan checkas in.');
    const date = db.select().from(activityDates).where(eq(activityDates.id, dateId)).get();
    if (!date || date.activityId !== activityId) throw new DomainError('NOT_FOUND', 'Datumet hör inte till aktiviteten.');
    if (present && !hasStarted(date, now)) {
      throw new DomainError('CONFLICT', `Incheckningen öppnar när tillfället börjar, ${formatDateTime(date.startsAt)}.`);
    }
    if (present) db.insert(attendance).values({ registrationId, activityDateId: dateId, markedBy, markedAt: now }).onConflictDoNothing().run();
    else db.delete(attendance).where(and(eq(attendance.registrationId, registrationId), eq(attendance.activityDateId, dateId))).run();
  });
}

export interface CertificateStatus {
  eligible: boolean;
  dates: ActivityDate[];
  /** Dates with recorded attendance that have happened (attendance marked for a future date does not count). */
  attended: number[];
  /** The certificate's issue date (today), or null when not eligible. */
  issuedAt: Date | null;
}

/**
 * A confirmed participant who attended every date of the activity may download a certificate, once every
 * date has started (so at the earliest on the last day). Attendance recorded for a date that has not started
 * (possible before this rule existed) is ignored.
 */
export function certificateStatus(db: Db, activityId: number, userId: number, now = new Date()): CertificateStatus {
  const dates = db.select().from(activityDates).where(eq(activityDates.activityId, activityId)).orderBy(asc(activityDates.startsAt)).all();
  const reg = db.select().from(registrations).where(and(eq(registrations.activityId, activityId), eq(registrations.userId, userId))).get();
  if (!reg || reg.status !== 'confirmed') return { eligible: false, dates, attended: [], issuedAt: null };
  const happened = new Set(dates.filter((d) => hasStarted(d, now)).map((d) => d.id));
  const attended = db
    .select({ dateId: attendance.activityDateId })
    .from(attendance)
    .where(eq(attendance.registrationId, reg.id))
    .all()
    .map((r) => r.dateId)
    .filter((id) => happened.has(id));
  const eligible = dates.length > 0 && dates.every((d) => happened.has(d.id) && attended.includes(d.id));
  return { eligible, dates, attended, issuedAt: eligible ? now : null };
}
