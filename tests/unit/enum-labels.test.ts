// Stored enum values are English identifiers; each domain's module gives every value a Swedish label, and the
// values that appear in URLs keep the Swedish slugs the links used before migration 0006.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, IDEA_STATUSES, ORGANISATION_TYPES, ROLES } from '#db/schema/index.ts';
import { KIND_DEFINITE, KIND_LABELS, KIND_PLURALS, KIND_SLUGS, STATUS_LABELS as ACTIVITY_STATUS_LABELS, kindFromSlug } from '#lib/activities/kinds.ts';
import { ROLE_LABELS, ROLE_SLUGS, roleFromSlug } from '#lib/auth/permissions.ts';
import { STATUS_LABELS as IDEA_STATUS_LABELS } from '#lib/ideas/template.ts';
import { ORGANISATION_TYPE_LABELS } from '#lib/organisations/index.ts';

const ENGLISH_IDENTIFIER = /^[a-z]+(_[a-z]+)*$/;

describe('stored enum values', () => {
  it('are lower-case English identifiers (no Swedish letters)', () => {
    for (const value of [...ACTIVITY_KINDS, ...ACTIVITY_STATUSES, ...IDEA_STATUSES, ...ORGANISATION_TYPES, ...ROLES]) expect(value).toMatch(ENGLISH_IDENTIFIER);
  });

  it('each have a Swedish label in their domain module, and only they do', () => {
    const cases: Array<[readonly string[], Record<string, string>]> = [
      [ACTIVITY_KINDS, KIND_LABELS],
      [ACTIVITY_KINDS, KIND_PLURALS],
      [ACTIVITY_KINDS, KIND_DEFINITE],
      [ACTIVITY_STATUSES, ACTIVITY_STATUS_LABELS],
      [IDEA_STATUSES, IDEA_STATUS_LABELS],
      [ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS],
      [ROLES, ROLE_LABELS],
    ];
    for (const [values, labels] of cases) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) expect(labels[value]).not.toBe(value);
    }
    expect(KIND_LABELS).toMatchObject({ network_meeting: 'Nätverksträff', job_shadowing: 'Auskultation', course: 'Kurs' });
    expect(ACTIVITY_STATUS_LABELS).toEqual({ draft: 'Utkast', published: 'Publicerad', cancelled: 'Inställd' });
    expect(ROLE_LABELS).toEqual({ member: 'Medlem', coordinator: 'Samordnare', admin: 'Administratör' });
    expect(ORGANISATION_TYPE_LABELS.municipality).toBe('Kommun');
  });
});

describe('URL slugs', () => {
  it('keep the Swedish values the activity filter and calendar feed used (?typ=)', () => {
    expect(KIND_SLUGS).toEqual({ network_meeting: 'nätverksträff', study_visit: 'studiebesök', job_shadowing: 'auskultation', course: 'kurs', learning_conference: 'lärandekonferens' });
    for (const kind of ACTIVITY_KINDS) expect(kindFromSlug(KIND_SLUGS[kind])).toBe(kind);
  });

  it('keep the Swedish values the member list used (?roll=)', () => {
    expect(ROLE_SLUGS).toEqual({ member: 'medlem', coordinator: 'samordnare', admin: 'admin' });
    for (const role of ROLES) expect(roleFromSlug(ROLE_SLUGS[role])).toBe(role);
  });

  it('ignore stored values, unknown and empty slugs', () => {
    for (const slug of ['course', 'coordinator', 'Kurs', '', null, undefined, 'constructor', 'toString']) {
      expect(kindFromSlug(slug)).toBeUndefined();
      expect(roleFromSlug(slug)).toBeUndefined();
    }
  });
});
