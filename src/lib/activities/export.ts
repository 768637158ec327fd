// CSV export of the participant list that Excel opens correctly: UTF-8 with BOM, semicolon separator, CRLF.
import { stringify } from 'csv-stringify/sync';
import { eq } from 'drizzle-orm';
import { activities } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { normalizeQuestions } from './questions.ts';
import { formatDateTime } from '#lib/time.ts';
import { REGISTRATION_STATUS_LABELS } from './kinds.ts';
import { listParticipants } from './participants.ts';

export const CSV_HEADER = ['Namn', 'E-post', 'Organisation', 'Kommun', 'Status', 'Plats på väntelistan', 'Anmäld', 'Anmäld av', 'Närvarotillfällen'];

/** Cells that start with = + - @ are prefixed so spreadsheet programs do not run them as formulas. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function participantsCsv(db: Db, activityId: number): string {
  const people = listParticipants(db, activityId);
  // Every question of the activity gets a column (also when nobody answered it), then any answered
  // question that has since been removed from the form.
  const asked = normalizeQuestions(db.select({ questions: activities.questions }).from(activities).where(eq(activities.id, activityId)).get()?.questions).map((q) => q.text);
  const questions = [...new Set([...asked, ...people.flatMap((p) => p.answers.map((a) => a.question))])];
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
