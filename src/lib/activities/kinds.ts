import { ACTIVITY_KINDS, type ActivityKind, type ActivityStatus, type RegistrationStatus } from '#db/schema/index.ts';

export { ACTIVITY_KINDS, type ActivityKind };

export const KIND_LABELS: Record<ActivityKind, string> = {
  network_meeting: 'Nätverksträff',
  study_visit: 'Studiebesök',
  job_shadowing: 'Auskultation',
  course: 'Kurs',
  learning_conference: 'Lärandekonferens',
};

/**
 * "Nätverksträff: Samverkan" – the kind before the title, unless the title already starts with it
 * (many titles do, e.g. "Nätverksträff: Samverkan en väg in"), so mails never say it twice.
 */
export function kindAndTitle(kind: ActivityKind, title: string): string {
  const label = KIND_LABELS[kind];
  return title.toLocaleLowerCase('sv').startsWith(label.toLocaleLowerCase('sv')) ? title : `${label}: ${title}`;
}

/** Plural headings for the filter on the public list. */
export const KIND_PLURALS: Record<ActivityKind, string> = {
  network_meeting: 'Nätverksträffar',
  study_visit: 'Studiebesök',
  job_shadowing: 'Auskultationer',
  course: 'Kurser',
  learning_conference: 'Lärandekonferenser',
};

/** Definite singular form, lower case ("kursen"), for running text. */
export const KIND_DEFINITE: Record<ActivityKind, string> = {
  network_meeting: 'nätverksträffen',
  study_visit: 'studiebesöket',
  job_shadowing: 'auskultationen',
  course: 'kursen',
  learning_conference: 'lärandekonferensen',
};

export const STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: 'Utkast',
  published: 'Publicerad',
  cancelled: 'Inställd',
};

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: 'Bekräftad',
  offered: 'Erbjuden plats',
  waitlisted: 'Väntelista',
  requested: 'Förfrågan',
  declined: 'Nekad',
  cancelled: 'Avbokad',
  expired: 'Erbjudandet gick ut',
};

/** Study visits and job shadowing are requested with a motivation and approved by the host. */
export function requiresApproval(kind: ActivityKind): boolean {
  return kind === 'study_visit' || kind === 'job_shadowing';
}

/** Organisations' contact persons may nominate colleagues for courses. */
export function allowsNominations(kind: ActivityKind): boolean {
  return kind === 'course';
}

/**
 * The kind as it appears in URLs (the list's and the calendar feed's `?typ=`): Swedish, and unchanged since
 * the kinds were stored in Swedish, so shared and subscribed links keep working.
 */
export const KIND_SLUGS: Record<ActivityKind, string> = {
  network_meeting: 'nätverksträff',
  study_visit: 'studiebesök',
  job_shadowing: 'auskultation',
  course: 'kurs',
  learning_conference: 'lärandekonferens',
};

/** The kind a URL's `?typ=` names, or undefined for an empty or unknown value. */
export function kindFromSlug(slug: string | null | undefined): ActivityKind | undefined {
  return ACTIVITY_KINDS.find((kind) => KIND_SLUGS[kind] === slug);
}
