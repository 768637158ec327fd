// Reminder two days before the first date to everyone with a confirmed seat. Idempotent: the outbox dedupe key
// (activity, person, start time) means a restart or a second sweep never sends it twice.
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import { activities, activityDates, registrations, users } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { sendReminder } from './mails.ts';
import { transaction } from '#lib/tx.ts';

export const REMINDER_LEAD_MS = 2 * 24 * 60 * 60 * 1000;

export function sendDueReminders(db: Db, now = new Date(), options: { base?: string } = {}): number {
  const due = db
    .select()
    .from(activities)
    .where(and(eq(activities.status, 'published'), gt(activities.startsAt, now), lte(activities.startsAt, new Date(now.getTime() + REMINDER_LEAD_MS))))
    .all();
  let sent = 0;
  for (const activity of due) {
    const reminderFrom = activity.startsAt.getTime() - REMINDER_LEAD_MS;
    const people = db
      .select({ id: users.id, name: users.name, email: users.email, confirmedAt: registrations.confirmedAt })
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(and(eq(registrations.activityId, activity.id), inArray(registrations.status, ['confirmed'])))
      .all()
      // Someone confirmed inside the two days has just had the confirmation; no reminder on top of it.
      .filter((p) => !p.confirmedAt || p.confirmedAt.getTime() < reminderFrom);
    if (people.length === 0) continue;
    const dates = db.select().from(activityDates).where(eq(activityDates.activityId, activity.id)).orderBy(asc(activityDates.startsAt)).all();
    transaction(db, () => {
      for (const p of people) if (sendReminder(db, activity, dates, p, options)) sent++;
    });
  }
  return sent;
}
