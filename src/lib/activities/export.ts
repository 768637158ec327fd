// CSV export of the participant list that Excel opens correctly: UTF-8 with BOM, semicolon separator, CRLF.
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db.ts';
import { formatDateTime } from '../time.ts';
import { REGISTRATION_STATUS_LABELS } from './kinds.ts';
import { listParticipants } from './participants.ts';

export const CSV_HEADER = ['Namn', 'E-post', 'Organisation', 'Kommun', 'Status', 'Plats på väntelistan', 'Anmäld', 'Anmäld av', 'Närvarotillfällen'];

/** Cells that start with = + - @ are prefixed so spreadsheet programs do not run them as formulas. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function participantsCsv(db: Db, activityId: number): string {
  const people = listParticipants(db, activityId);
  const questions = [...new Set(people.flatMap((p) => p.answers.map((a) => a.question)))];
  const rows = people.map((p) => [
    p.name,
    p.email,
    p.organisation ?? '',
    p.municipality ?? '',
    REGISTRATION_STATUS_LABELS[p.status],
    p.position != null ? String(p.position) : '',
    formatDateTime(p.registeredAt),
    p.nominatedBy ?? '',
    String(p.attendedDateIds.length),
    ...questions.map((q) => p.answers.find((a) => a.question === q)?.answer ?? ''),
  ].map(safeCell));
  return stringify([[...CSV_HEADER, ...questions], ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
