// The loader behind /rapporter and its exports: reads the period's facts and returns every table.
import type { Db } from '../db.ts';
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

export function loadReport(db: Db, period: Period, now = new Date()): Report {
  const participation = computeParticipation(loadReportFacts(db, period, now), period);
  return { period, participation, tables: [...participationTables(participation), ...clusterTables(loadClusterFigures(db))] };
}

export function tableById(report: Report, id: string): ReportTable | undefined {
  return report.tables.find((t) => t.id === id);
}
