import { ACTIVITY_KINDS, type ActivityKind, type ActivityStatus, type RegistrationStatus } from '../../../db/schema/index.ts';

export { ACTIVITY_KINDS, type ActivityKind };

export const KIND_LABELS: Record<ActivityKind, string> = {
  nätverksträff: 'Nätverksträff',
  studiebesök: 'Studiebesök',
  auskultation: 'Auskultation',
  kurs: 'Kurs',
  lärandekonferens: 'Lärandekonferens',
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
  nätverksträff: 'Nätverksträffar',
  studiebesök: 'Studiebesök',
  auskultation: 'Auskultationer',
  kurs: 'Kurser',
  lärandekonferens: 'Lärandekonferenser',
};

/** Definite singular form, lower case ("kursen"), for running text. */
export const KIND_DEFINITE: Record<ActivityKind, string> = {
  nätverksträff: 'nätverksträffen',
  studiebesök: 'studiebesöket',
  auskultation: 'auskultationen',
  kurs: 'kursen',
  lärandekonferens: 'lärandekonferensen',
};

export const STATUS_LABELS: Record<ActivityStatus, string> = {
  utkast: 'Utkast',
  publicerad: 'Publicerad',
  inställd: 'Inställd',
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
  return kind === 'studiebesök' || kind === 'auskultation';
}

/** Organisations' contact persons may nominate colleagues for courses. */
export function allowsNominations(kind: ActivityKind): boolean {
  return kind === 'kurs';
}

export function isActivityKind(value: string): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(value);
}
