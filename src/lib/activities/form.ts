// Parsing of the activity form's date rows and lists (shared by the action's zod schema and its handler).
import type { Activity, ActivityDate } from '#db/schema/index.ts';
import { parseLocalDateTime, toLocalInputValue } from '#lib/time.ts';
import { MAX_QUESTIONS, normalizeQuestions } from './questions.ts';

/** A course may have many days; the form grows one row at a time ("Lägg till dag"). */
export const MAX_DATE_ROWS = 60;

export interface DateRowsResult {
  dates: Array<{ startsAt: Date; endsAt: Date }>;
  error: string | null;
}

/** Rows of (date "2026-11-23", start "09:00", end "16:00") in Stockholm time; empty rows are skipped. */
export function parseDateRows(date: string[], start: string[], end: string[]): DateRowsResult {
  const dates: DateRowsResult['dates'] = [];
  const rows = Math.max(date.length, start.length, end.length);
  for (let i = 0; i < rows; i++) {
    const d = (date[i] ?? '').trim();
    const s = (start[i] ?? '').trim();
    const e = (end[i] ?? '').trim();
    if (!d && !s && !e) continue;
    if (!d || !s || !e) return { dates, error: `Tillfälle ${i + 1}: fyll i datum, starttid och sluttid.` };
    const startsAt = parseLocalDateTime(`${d}T${s}`);
    const endsAt = parseLocalDateTime(`${d}T${e}`);
    if (!startsAt || !endsAt) return { dates, error: `Tillfälle ${i + 1}: ange datum som ÅÅÅÅ-MM-DD och tider som TT:MM.` };
    if (endsAt <= startsAt) return { dates, error: `Tillfälle ${i + 1}: sluttiden måste vara efter starttiden.` };
    dates.push({ startsAt, endsAt });
  }
  if (dates.length === 0) return { dates, error: 'Ange minst ett tillfälle med datum, starttid och sluttid.' };
  if (dates.length > MAX_DATE_ROWS) return { dates, error: `Högst ${MAX_DATE_ROWS} tillfällen.` };
  return { dates, error: null };
}

export interface ActivityFormValues {
  title: string;
  description: string;
  kind: string;
  organiserId: string;
  hostId: string;
  place: string;
  digitalLink: string;
  municipality: string;
  capacity: string;
  quota: string;
  opensAt: string;
  closesAt: string;
  guides: string[];
  questions: QuestionFormRow[];
  rows: Array<{ date: string; start: string; end: string }>;
}

export interface QuestionFormRow {
  text: string;
  type: string;
  /** 'ja' or 'nej' */
  required: string;
  /** One option per line. */
  options: string;
}

const emptyDateRow = () => ({ date: '', start: '', end: '' });
const emptyQuestionRow = (): QuestionFormRow => ({ text: '', type: 'text', required: 'nej', options: '' });

function atLeastOne<T>(rows: T[], empty: () => T): T[] {
  return rows.length ? rows : [empty()];
}

/** What the "Lägg till dag" / "Lägg till fråga" buttons (plain submit buttons, no JavaScript) ask for. */
export type AddRow = 'dag' | 'fraga';

/** The submitted form with one more empty row of the asked kind (bounded); also returns the new row's number. */
export function withAddedRow(values: ActivityFormValues, add: AddRow): { values: ActivityFormValues; focusId: string } {
  if (add === 'dag') {
    const rows = values.rows.length < MAX_DATE_ROWS ? [...values.rows, emptyDateRow()] : values.rows;
    return { values: { ...values, rows }, focusId: `f-date-${rows.length}` };
  }
  const questions = values.questions.length < MAX_QUESTIONS ? [...values.questions, emptyQuestionRow()] : values.questions;
  return { values: { ...values, questions }, focusId: `f-q-text-${questions.length}` };
}

export function emptyFormValues(defaults: { organiserId?: number | null; municipality?: string | null } = {}): ActivityFormValues {
  return {
    title: '', description: '', kind: 'network_meeting', organiserId: defaults.organiserId ? String(defaults.organiserId) : '', hostId: '',
    place: '', digitalLink: '', municipality: defaults.municipality ?? '', capacity: '', quota: '', opensAt: '', closesAt: '', guides: [],
    questions: [emptyQuestionRow()],
    rows: [emptyDateRow()],
  };
}

export function formValuesFromActivity(activity: Activity, dates: ActivityDate[]): ActivityFormValues {
  return {
    title: activity.title,
    description: activity.description,
    kind: activity.kind,
    organiserId: activity.organiserOrganisationId ? String(activity.organiserOrganisationId) : '',
    hostId: activity.hostOrganisationId ? String(activity.hostOrganisationId) : '',
    place: activity.place ?? '',
    digitalLink: activity.digitalLink ?? '',
    municipality: activity.municipality ?? '',
    capacity: activity.capacity != null ? String(activity.capacity) : '',
    quota: activity.organisationQuota != null ? String(activity.organisationQuota) : '',
    opensAt: activity.registrationOpensAt ? toLocalInputValue(activity.registrationOpensAt) : '',
    closesAt: activity.registrationClosesAt ? toLocalInputValue(activity.registrationClosesAt) : '',
    guides: activity.guides.map((g) => g.slug),
    questions: atLeastOne(
      normalizeQuestions(activity.questions).map((q) => ({ text: q.text, type: q.type, required: q.required ? 'ja' : 'nej', options: q.options.join('\n') })),
      emptyQuestionRow,
    ),
    rows: atLeastOne(
      dates.map((d) => {
        const [date, start] = toLocalInputValue(d.startsAt).split('T') as [string, string];
        return { date, start, end: toLocalInputValue(d.endsAt).split('T')[1]! };
      }),
      emptyDateRow,
    ),
  };
}

/** The submitted values, so a form with errors is shown again with the user's input. */
export function formValuesFromFormData(fd: FormData): ActivityFormValues {
  const s = (k: string) => String(fd.get(k) ?? '');
  const all = (k: string) => fd.getAll(k).map(String);
  const date = all('date');
  const start = all('start');
  const end = all('end');
  const rows = Array.from({ length: Math.min(MAX_DATE_ROWS, Math.max(date.length, start.length, end.length)) }, (_, i) => ({ date: date[i] ?? '', start: start[i] ?? '', end: end[i] ?? '' }));
  const qText = all('qText');
  const qType = all('qType');
  const qRequired = all('qRequired');
  const qOptions = all('qOptions');
  const questions = Array.from({ length: Math.min(MAX_QUESTIONS, Math.max(qText.length, qType.length, qRequired.length, qOptions.length)) }, (_, i) => ({
    text: qText[i] ?? '', type: qType[i] ?? 'text', required: qRequired[i] ?? 'nej', options: qOptions[i] ?? '',
  }));
  return {
    title: s('title'), description: s('description'), kind: s('kind'), organiserId: s('organiserId'), hostId: s('hostId'), place: s('place'),
    digitalLink: s('digitalLink'), municipality: s('municipality'), capacity: s('capacity'), quota: s('quota'), opensAt: s('opensAt'),
    closesAt: s('closesAt'), guides: all('guides'), questions: atLeastOne(questions, emptyQuestionRow), rows: atLeastOne(rows, emptyDateRow),
  };
}

/** For a POST without an action: the submitted form plus the row its "Lägg till …" button asked for, else null. */
export function addedRow(fd: FormData): { values: ActivityFormValues; focusId: string } | null {
  const add = fd.get('laggTill');
  return add === 'dag' || add === 'fraga' ? withAddedRow(formValuesFromFormData(fd), add) : null;
}
