// Issue 16.2: a study-visit or job-shadowing request mails the host's contact people and coordinators and the
// activity's organiser, and shows up (with a count) for them on Mina sidor.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '#db/schema/index.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { decideRequest, register } from '#lib/activities/registration.ts';
import { pendingRequestsFor, requestRecipients } from '#lib/activities/requests.ts';
import { freshDb, input, mailsTo, org, user } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

function visit() {
  const db = freshDb();
  const hostOrg = org(db, 'Ung Arena Mariestad');
  const organiserOrg = org(db, 'Skaraborgs Kommunalförbund');
  const organiser = user(db, { role: 'coordinator', organisationId: organiserOrg.id, name: 'Olle Arrangör' });
  const hostContact = user(db, { organisationId: hostOrg.id, isContactPerson: true, name: 'Hanna Kontakt' });
  const hostCoordinator = user(db, { role: 'coordinator', organisationId: hostOrg.id, name: 'Hugo Samordnare' });
  const hostMember = user(db, { organisationId: hostOrg.id, name: 'Vanlig Medlem' });
  const requester = user(db, { organisationId: organiserOrg.id, name: 'Rut Sökande' });
  const a = publishActivity(
    db,
    createActivity(db, input({ title: 'Studiebesök på Ung Arena', kind: 'study_visit', capacity: 4, hostOrganisationId: hostOrg.id, organiserOrganisationId: organiserOrg.id, dates: [morning(20)] }), organiser.id).id,
  );
  return { db, a, organiser, hostContact, hostCoordinator, hostMember, requester };
}

describe('requests reach the host', () => {
  it('mails the host contact person, the host coordinator and the organiser, not other members', () => {
    const { db, a, organiser, hostContact, hostCoordinator, hostMember, requester } = visit();
    const { registration } = register(db, { activityId: a.id, userId: requester.id, motivation: 'Vi startar en liknande verksamhet.' }, { base: 'https://natet.example.se' });
    for (const person of [organiser, hostContact, hostCoordinator]) {
      const mails = mailsTo(db, person.email);
      expect(mails.map((m) => m.subject), person.name).toEqual(['Ny förfrågan: Studiebesök på Ung Arena']);
      expect(mails[0]!.text).toContain('Rut Sökande (Skaraborgs Kommunalförbund) har skickat en förfrågan');
      expect(mails[0]!.text).toContain('Vi startar en liknande verksamhet.');
      expect(mails[0]!.text).toContain(`https://natet.example.se/aktiviteter/${a.slug}/deltagare#forfragningar`);
    }
    expect(mailsTo(db, hostMember.email)).toEqual([]);
    expect(mailsTo(db, requester.email).map((m) => m.subject)).toEqual(['Förfrågan mottagen: Studiebesök på Ung Arena']);
    expect(registration.status).toBe('requested');
  });

  it('skips deactivated accounts and falls back to the organiser organisation when the creator is gone', () => {
    const { db, a, organiser, hostContact, requester } = visit();
    db.update(users).set({ status: 'deactivated' }).where(eq(users.id, organiser.id)).run();
    db.update(users).set({ status: 'deactivated' }).where(eq(users.id, hostContact.id)).run();
    user(db, { role: 'coordinator', organisationId: a.organiserOrganisationId, name: 'Ebba Ersättare' });
    expect(requestRecipients(db, a, requester.id).map((p) => p.name)).toEqual(['Ebba Ersättare', 'Hugo Samordnare']);
  });

  it('lists pending requests with a count for those who manage or host, and drops them once answered', () => {
    const { db, a, organiser, hostContact, hostCoordinator, hostMember, requester } = visit();
    const other = user(db, { name: 'Per Andra' });
    const r1 = register(db, { activityId: a.id, userId: requester.id, motivation: 'Första.' }).registration;
    register(db, { activityId: a.id, userId: other.id, motivation: 'Andra.' });
    for (const person of [organiser, hostCoordinator]) {
      const pending = pendingRequestsFor(db, person);
      expect(pending.total).toBe(2);
      expect(pending.groups[0]!).toMatchObject({ canDecide: true, activity: { slug: a.slug } });
    }
    const contact = pendingRequestsFor(db, hostContact);
    expect(contact.total).toBe(2);
    expect(contact.groups[0]!.canDecide).toBe(false);
    expect(pendingRequestsFor(db, hostMember).total).toBe(0);
    decideRequest(db, r1.id, 'approve', null);
    expect(pendingRequestsFor(db, organiser).total).toBe(1);
    expect(pendingRequestsFor(db, organiser).groups[0]!.requests.map((r) => r.name)).toEqual(['Per Andra']);
  });
});
