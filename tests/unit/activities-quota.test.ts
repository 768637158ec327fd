import { describe, expect, it } from 'vitest';
import { cancelRegistration, getRegistration, nominate, register } from '#lib/activities/registration.ts';
import { freshDb, mailsTo, org, publishedActivity, user } from './activities-fixtures.ts';

describe('organisation seat quota and nominations', () => {
  it('a contact person nominates colleagues; beyond the quota they go to the waitlist', () => {
    const db = freshDb();
    const hjo = org(db, 'Hjo kommun', 'Hjo');
    const vara = org(db, 'Vara kommun', 'Vara');
    const a = publishedActivity(db, { kind: 'course', capacity: 10, organisationQuota: 2 });
    const contact = user(db, { organisationId: hjo.id, isContactPerson: true, name: 'Kerstin Kontakt' });
    const colleagues = [user(db, { organisationId: hjo.id }), user(db, { organisationId: hjo.id }), user(db, { organisationId: hjo.id })];
    const outcomes = colleagues.map((c) => nominate(db, a.id, contact, c.id));
    expect(outcomes.map((o) => o.registration.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(outcomes[0]!.registration.nominatedBy).toBe(contact.id);
    expect(mailsTo(db, colleagues[0]!.email)[0]!.text).toContain('Kerstin Kontakt har anmält dig');
    // Another organisation still gets seats.
    expect(register(db, { activityId: a.id, userId: user(db, { organisationId: vara.id }).id }).registration.status).toBe('confirmed');
    // When a Hjo seat frees, the Hjo colleague on the waitlist is offered it.
    cancelRegistration(db, a.id, colleagues[0]!.id);
    expect(getRegistration(db, a.id, colleagues[2]!.id)!.status).toBe('offered');
  });

  it('refuses nominations by non-contact persons and of people from other organisations', () => {
    const db = freshDb();
    const hjo = org(db);
    const other = org(db);
    const a = publishedActivity(db, { kind: 'course', capacity: 10 });
    const member = user(db, { organisationId: hjo.id });
    const contact = user(db, { organisationId: hjo.id, isContactPerson: true });
    expect(() => nominate(db, a.id, member, user(db, { organisationId: hjo.id }).id)).toThrow('kontaktpersoner');
    expect(() => nominate(db, a.id, contact, user(db, { organisationId: other.id }).id)).toThrow('egen organisation');
  });

  it('promotion skips waitlisted people whose organisation has used its quota', () => {
    const db = freshDb();
    const hjo = org(db);
    const vara = org(db);
    const a = publishedActivity(db, { kind: 'course', capacity: 2, organisationQuota: 1 });
    const h1 = user(db, { organisationId: hjo.id });
    const v1 = user(db, { organisationId: vara.id });
    const h2 = user(db, { organisationId: hjo.id });
    const v2 = user(db, { organisationId: vara.id });
    for (const p of [h1, v1, h2, v2]) register(db, { activityId: a.id, userId: p.id });
    expect([h1, v1, h2, v2].map((p) => getRegistration(db, a.id, p.id)!.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    cancelRegistration(db, a.id, v1.id);
    // h2 is first in line but Hjo already holds its one seat; the Vara seat goes to v2.
    expect(getRegistration(db, a.id, h2.id)!.status).toBe('waitlisted');
    expect(getRegistration(db, a.id, v2.id)!.status).toBe('offered');
  });
});
