// Parsing of the activity form's date rows and lists (shared by the action's zod schema and its handler).
import type { Activity, ActivityDate } from '../../../db/schema/index.ts';
import { parseLocalDateTime, toLocalInputValue } from '../time.ts';

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
  return { dates, error: null };
}

/** One question per line, at most five, each at most 200 characters. */
export function parseQuestions(text: string | undefined | null): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter(Boolean)
    .slice(0, 5)
    .map((q) => q.slice(0, 200));
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
  questions: string;
  rows: Array<{ date: string; start: string; end: string }>;
}

function padRows(rows: ActivityFormValues['rows'], min: number): ActivityFormValues['rows'] {
  const out = [...rows];
  while (out.length < min) out.push({ date: '', start: '', end: '' });
  return out;
}

export function emptyFormValues(defaults: { organiserId?: number | null; municipality?: string | null } = {}): ActivityFormValues {
  return {
    title: '', description: '', kind: 'nätverksträff', organiserId: defaults.organiserId ? String(defaults.organiserId) : '', hostId: '',
    place: '', digitalLink: '', municipality: defaults.municipality ?? '', capacity: '', quota: '', opensAt: '', closesAt: '', guides: [], questions: '',
    rows: padRows([], 4),
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
    questions: activity.questions.join('\n'),
    rows: padRows(
      dates.map((d) => {
        const [date, start] = toLocalInputValue(d.startsAt).split('T') as [string, string];
        return { date, start, end: toLocalInputValue(d.endsAt).split('T')[1]! };
      }),
      dates.length + 2,
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
  const rows = Array.from({ length: Math.max(date.length, start.length, end.length) }, (_, i) => ({ date: date[i] ?? '', start: start[i] ?? '', end: end[i] ?? '' }));
  return {
    title: s('title'), description: s('description'), kind: s('kind'), organiserId: s('organiserId'), hostId: s('hostId'), place: s('place'),
    digitalLink: s('digitalLink'), municipality: s('municipality'), capacity: s('capacity'), quota: s('quota'), opensAt: s('opensAt'),
    closesAt: s('closesAt'), guides: all('guides'), questions: s('questions'), rows: padRows(rows, 4),
  };
}
