// Reads the rows a report is computed from: held activities whose first date is in the period, their
// dates, registrations (with the person's organisation) and attendance. No names of people leave here.
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { activities, activityDates, attendance, organisations, registrations, users, type ActivityKind, type RegistrationStatus } from '../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import type { Period } from './period.ts';

export interface ActivityFact {
  id: number;
  kind: ActivityKind;
  /** Titles of the linked method guides. */
  methods: string[];
  organisationQuota: number | null;
  startsAt: Date;
}

export interface DateFact {
  id: number;
  activityId: number;
  startsAt: Date;
  endsAt: Date;
}

export interface RegistrationFact {
  id: number;
  activityId: number;
  userId: number;
  status: RegistrationStatus;
  nominated: boolean;
  organisationId: number | null;
  organisation: string | null;
  /** The organisation's municipality as stored (may be outside Skaraborg or null). */
  municipality: string | null;
}

export interface AttendanceFact {
  registrationId: number;
  dateId: number;
}

export interface ReportFacts {
  activities: ActivityFact[];
  dates: DateFact[];
  registrations: RegistrationFact[];
  attendance: AttendanceFact[];
}

/** SQLite allows a limited number of bound variables; ids are queried in chunks. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Published activities that started in the period and before `now` (held, or under way), with everything
 * about them that the figures need.
 */
export function loadReportFacts(db: Db, period: Period, now = new Date()): ReportFacts {
  const until = now < period.end ? now : period.end;
  const acts = db
    .select({ id: activities.id, kind: activities.kind, guides: activities.guides, organisationQuota: activities.organisationQuota, startsAt: activities.startsAt })
    .from(activities)
    .where(and(eq(activities.status, 'publicerad'), gte(activities.startsAt, period.start), lt(activities.startsAt, until)))
    .all()
    .map((a) => ({ id: a.id, kind: a.kind, methods: a.guides.map((g) => g.title), organisationQuota: a.organisationQuota, startsAt: a.startsAt }));
  const ids = acts.map((a) => a.id);
  const dates: DateFact[] = [];
  const regs: RegistrationFact[] = [];
  const att: AttendanceFact[] = [];
  for (const part of chunks(ids)) {
    dates.push(
      ...db
        .select({ id: activityDates.id, activityId: activityDates.activityId, startsAt: activityDates.startsAt, endsAt: activityDates.endsAt })
        .from(activityDates)
        .where(inArray(activityDates.activityId, part))
        .all(),
    );
    regs.push(
      ...db
        .select({
          id: registrations.id,
          activityId: registrations.activityId,
          userId: registrations.userId,
          status: registrations.status,
          nominatedBy: registrations.nominatedBy,
          organisationId: organisations.id,
          organisation: organisations.name,
          municipality: organisations.municipality,
        })
        .from(registrations)
        .innerJoin(users, eq(users.id, registrations.userId))
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(inArray(registrations.activityId, part))
        .all()
        .map(({ nominatedBy, ...r }) => ({ ...r, nominated: nominatedBy !== null })),
    );
    att.push(
      ...db
        .select({ registrationId: attendance.registrationId, dateId: attendance.activityDateId })
        .from(attendance)
        .innerJoin(activityDates, eq(activityDates.id, attendance.activityDateId))
        .where(inArray(activityDates.activityId, part))
        .all(),
    );
  }
  return { activities: acts, dates, registrations: regs, attendance: att };
}
