// The loader behind /rapporter and its exports: reads the period's facts and returns every table.
import type { Db } from '#lib/db.ts';
import { versionedCache } from '#lib/cache/versioned.ts';
import { loadClusterFigures } from './clusters.ts';
import { loadReportFacts } from './facts.ts';
import { computeParticipation, type ParticipationReport } from './participation.ts';
import type { Period } from './period.ts';
import { clusterTables, participationTables, type ReportTable } from './tables.ts';

export interface Report {
  period: Period;
  participation: ParticipationReport;
  tables: ReportTable[];
}

const MINUTE = 60_000;
// A year's report reads every registration of the year (~70 ms of CPU at 10,000), so finished reports are
// kept per period and revision of the data: any write makes the next view compute it afresh. A period
// that is still running counts what had started by the current minute, so such a report lives a minute
// at most. The returned report is shared between requests: read it, never change it.
const reports = versionedCache<Report>({ max: 16 });

export function loadReport(db: Db, period: Period, now = new Date()): Report {
  const until = now < period.end ? new Date(Math.floor(now.getTime() / MINUTE) * MINUTE) : period.end;
  return reports.get(db, `${period.start.getTime()}:${period.end.getTime()}:${until.getTime()}`, () => computeReport(db, period, until));
}

function computeReport(db: Db, period: Period, until: Date): Report {
  const participation = computeParticipation(loadReportFacts(db, period, until), period);
  return { period, participation, tables: [...participationTables(participation), ...clusterTables(loadClusterFigures(db))] };
}

export function tableById(report: Report, id: string): ReportTable | undefined {
  return report.tables.find((t) => t.id === id);
}
