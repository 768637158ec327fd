// Issue 16.6: the nomination form lists only colleagues not yet nominated and shows the organisation's quota use.
import { describe, expect, it } from 'vitest';
import { cancelRegistration, listColleagues, nominate, organisationQuotaUse } from '#lib/activities/registration.ts';
import { freshDb, org, publishedActivity, user } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

describe('nominating colleagues', () => {
  it('lists only colleagues not already on the course and counts the quota: "2 av 3 platser använda, 1 på väntelista"', () => {
    const db = freshDb();
    const o = org(db, 'Skövde kommun');
    const contact = user(db, { organisationId: o.id, isContactPerson: true, name: 'Kim Kontakt' });
    const [a1, a2, a3] = ['Ada', 'Bo', 'Cia', 'Dan'].map((name) => user(db, { organisationId: o.id, name }));
    const course = publishedActivity(db, { kind: 'course', capacity: 2, organisationQuota: 3, dates: [morning(25)] });
    const nominator = { id: contact.id, organisationId: o.id, isContactPerson: true };

    expect(organisationQuotaUse(db, course, o.id).text).toBe('0 av 3 platser använda');
    nominate(db, course.id, nominator, a1!.id);
    nominate(db, course.id, nominator, a2!.id);
    nominate(db, course.id, nominator, a3!.id); // capacity 2: waitlisted
    expect(listColleagues(db, o.id, course.id).map((c) => c.name)).toEqual(['Dan', 'Kim Kontakt']);
    expect(organisationQuotaUse(db, course, o.id)).toMatchObject({ used: 2, quota: 3, waitlisted: 1, text: '2 av 3 platser använda, 1 på väntelista' });

    // A colleague who cancelled can be nominated again.
    cancelRegistration(db, course.id, a2!.id);
    expect(listColleagues(db, o.id, course.id).map((c) => c.name)).toEqual(['Bo', 'Dan', 'Kim Kontakt']);
  });

  it('words the use without a quota and with a quota of one', () => {
    const db = freshDb();
    const o = org(db);
    const contact = user(db, { organisationId: o.id, isContactPerson: true });
    const colleague = user(db, { organisationId: o.id });
    const noQuota = publishedActivity(db, { kind: 'course', capacity: 10, dates: [morning(25)] });
    const one = publishedActivity(db, { kind: 'course', capacity: 10, organisationQuota: 1, dates: [morning(26)] });
    nominate(db, noQuota.id, { id: contact.id, organisationId: o.id, isContactPerson: true }, colleague.id);
    nominate(db, one.id, { id: contact.id, organisationId: o.id, isContactPerson: true }, colleague.id);
    expect(organisationQuotaUse(db, noQuota, o.id).text).toBe('Din organisation har 1 plats');
    expect(organisationQuotaUse(db, one, o.id).text).toBe('1 av 1 plats använd');
  });
});
