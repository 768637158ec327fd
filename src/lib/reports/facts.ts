// Reads the rows a report is computed from: held activities whose first date is in the period, their
// dates, registrations (with the person's organisation) and attendance. No names of people leave here.
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { activities, activityDates, type ActivityKind, type RegistrationStatus } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
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

/**
 * Published activities that started in the period and before `now` (held, or under way), with everything
 * about them that the figures need. One query per table, each limited by the same activity condition.
 */
export function loadReportFacts(db: Db, period: Period, now = new Date()): ReportFacts {
  const until = now < period.end ? now : period.end;
  const held = and(eq(activities.status, 'published'), gte(activities.startsAt, period.start), lt(activities.startsAt, until));
  const heldIds = db.select({ id: activities.id }).from(activities).where(held);
  const acts = db
    .select({ id: activities.id, kind: activities.kind, guides: activities.guides, organisationQuota: activities.organisationQuota, startsAt: activities.startsAt })
    .from(activities)
    .where(held)
    .all()
    .map((a) => ({ id: a.id, kind: a.kind, methods: a.guides.map((g) => g.title), organisationQuota: a.organisationQuota, startsAt: a.startsAt }));
  const dates = db
    .select({ id: activityDates.id, activityId: activityDates.activityId, startsAt: activityDates.startsAt, endsAt: activityDates.endsAt })
    .from(activityDates)
    .where(inArray(activityDates.activityId, heldIds))
    .all();
  // The two large reads (one row per registration and per attendance) go straight to better-sqlite3:
  // drizzle's row mapping was most of the report's database time at 10,000 registrations.
  const heldSql = 'select id from activities where status = ? and startsAt >= ? and startsAt < ?';
  const heldParams = ['published', period.start.getTime(), until.getTime()];
  const regs = (
    db.$client
      .prepare(
        `select r.id, r.activityId, r.userId, r.status, r.nominatedBy, o.id as organisationId, o.name as organisation, o.municipality
         from activity_registrations r join users u on u.id = r.userId left join organisations o on o.id = u.organisationId
         where r.activityId in (${heldSql})`,
      )
      .all(...heldParams) as Array<Omit<RegistrationFact, 'nominated'> & { nominatedBy: number | null }>
  ).map(({ nominatedBy, ...r }) => ({ ...r, nominated: nominatedBy !== null }));
  const att = db.$client
    .prepare(
      `select a.registrationId, a.activityDateId as dateId from activity_attendance a join activity_dates d on d.id = a.activityDateId
       where d.activityId in (${heldSql})`,
    )
    .all(...heldParams) as AttendanceFact[];
  return { activities: acts, dates, registrations: regs, attendance: att };
}
