// Authorization rows for activities (issue 4). Extra actors:
//   arrangor       – coordinator in the organiser organisation (created the activities)
//   vardsamordnare – coordinator in the host organisation of the study visit (manages it, not the others)
//   kontaktperson  – member who is contact person of an organisation (may nominate colleagues for courses)
//   kursdeltagare  – member who attended every date of the course (may open the certificate)
// The base `samordnare` has no organisation and created nothing, so the organiser pages are 403 for them.
import { eq } from 'drizzle-orm';
import { activities, activityDates, organisations, outbox } from '#db/schema/index.ts';
import { morning } from '../../helpers/local-time.ts';
import type { Db } from '#lib/db.ts';
import { createActivity, publishActivity, getDates, type ActivityInput } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { markAttendance } from '#lib/activities/attendance.ts';
import type { AuthzCase, AuthzDomain, Outcome } from './types.ts';
import { stockholmAt } from '../../helpers/clock.ts';

type Expect = Record<string, Outcome>;
const everyone: Expect = { anonymous: 'ok', medlem: 'ok', samordnare: 'ok', admin: 'ok', arrangor: 'ok', vardsamordnare: 'ok', kontaktperson: 'ok', kursdeltagare: 'ok' };
const loggedIn: Expect = { ...everyone, anonymous: 'login' };
const creators: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'ok', admin: 'ok', arrangor: 'ok', vardsamordnare: 'ok', kontaktperson: 'forbidden', kursdeltagare: 'forbidden' };
/** Organiser pages of activities arranged by `arrangor`'s organisation. */
const organisers: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'ok', arrangor: 'ok', vardsamordnare: 'forbidden', kontaktperson: 'forbidden', kursdeltagare: 'forbidden' };
/** The study visit hosted by `vardsamordnare`'s organisation: both organiser and host manage it. */
const hosts: Expect = { ...organisers, vardsamordnare: 'ok' };
const draftViewers: Expect = { ...organisers };
const contactPersons: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'forbidden', arrangor: 'forbidden', vardsamordnare: 'forbidden', kontaktperson: 'ok', kursdeltagare: 'forbidden' };
const admins: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'ok', arrangor: 'forbidden', vardsamordnare: 'forbidden', kontaktperson: 'forbidden', kursdeltagare: 'forbidden' };
const certificateHolders: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'forbidden', arrangor: 'forbidden', vardsamordnare: 'forbidden', kontaktperson: 'forbidden', kursdeltagare: 'ok' };

const page = (route: string, expect: Expect, path: string): AuthzCase => ({ route, method: 'GET', path, expect: expect as AuthzCase['expect'] });
const action = (name: string, expect: Expect, fields: Record<string, string>): AuthzCase => ({
  route: `action:activities.${name}`,
  method: 'POST',
  path: `/_actions/activities.${name}`,
  fields,
  expect: expect as AuthzCase['expect'],
});

function activityInput(title: string, overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    title, description: 'Aktivitet för behörighetsmatrisen.', kind: 'network_meeting', organiserOrganisationId: null, hostOrganisationId: null,
    place: 'Stadshuset, Skövde', digitalLink: null, municipality: 'Skövde', capacity: 10, organisationQuota: null,
    registrationOpensAt: null, registrationClosesAt: null, guides: [], questions: [],
    dates: [{ startsAt: stockholmAt(20, '10:00'), endsAt: stockholmAt(20, '13:00') }], ...overrides,
  };
}

/** Moves a (single-date) activity to yesterday 10:00–13:00, after people registered: a course that has been held. */
function holdYesterday(db: Db, activityId: number): void {
  const { startsAt, endsAt } = morning(-1);
  db.update(activityDates).set({ startsAt, endsAt }).where(eq(activityDates.activityId, activityId)).run();
  db.update(activities).set({ startsAt, endsAt }).where(eq(activities.id, activityId)).run();
}

/** Valid fields for the create/update forms, so the handler (and its permission check) runs. */
const formFields = {
  title: 'Matrisens nätverksträff',
  description: 'En beskrivning som är lång nog.',
  kind: 'network_meeting',
  place: 'Stadshuset, Skövde',
  municipality: 'Skövde',
  capacity: '10',
  date: '2030-05-14',
  start: '09:00',
  end: '12:00',
};

const domain: AuthzDomain = {
  name: 'activities',
  setup({ db, createUser }) {
    const d = db as Db;
    const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const org = (name: string) => d.insert(organisations).values({ name: `${name} ${stamp}`, slug: `${name.toLowerCase()}-${stamp}`, type: 'municipality', municipality: 'Skövde' }).returning().get().id;
    const organiserOrg = org('Arrangorsorg');
    const hostOrg = org('Vardorg');
    const contactOrg = org('Kontaktorg');
    const arrangor = createUser({ role: 'coordinator', organisationId: organiserOrg });
    const vardsamordnare = createUser({ role: 'coordinator', organisationId: hostOrg });
    const kontaktperson = createUser({ role: 'member', organisationId: contactOrg, isContactPerson: true });
    const colleague = createUser({ role: 'member', organisationId: contactOrg });
    const kursdeltagare = createUser({ role: 'member' });
    const requester = createUser({ role: 'member' });
    const base = { organiserOrganisationId: organiserOrg };

    const published = publishActivity(d, createActivity(d, activityInput(`Matris publicerad ${stamp}`, base), arrangor.id).id);
    const draft = createActivity(d, activityInput(`Matris utkast ${stamp}`, base), arrangor.id);
    const toCancel = publishActivity(d, createActivity(d, activityInput(`Matris att ställa in ${stamp}`, base), arrangor.id).id);
    const visit = publishActivity(d, createActivity(d, activityInput(`Matris studiebesök ${stamp}`, { ...base, kind: 'study_visit', hostOrganisationId: hostOrg }), arrangor.id).id);
    const request = register(d, { activityId: visit.id, userId: requester.id, motivation: 'Vill lära mig.' }).registration;
    const course = publishActivity(d, createActivity(d, activityInput(`Matris kurs ${stamp}`, { ...base, kind: 'course' }), arrangor.id).id);
    const seat = register(d, { activityId: course.id, userId: kursdeltagare.id }).registration;
    holdYesterday(d, course.id);
    const dates = getDates(d, course.id);
    for (const date of dates) markAttendance(d, course.id, seat.id, date.id, true, arrangor.id);
    const withAttachment = d.select().from(outbox).where(eq(outbox.to, kursdeltagare.email)).all().find((m) => m.attachments.length > 0)!;

    return {
      params: {
        pub: published.slug,
        draft: draft.slug,
        cancel: toCancel.slug,
        visit: visit.slug,
        request: String(request.id),
        course: course.slug,
        seat: String(seat.id),
        date: String(dates[0]!.id),
        colleague: String(colleague.id),
        mail: String(withAttachment.id),
      },
      actors: { arrangor: arrangor.id, vardsamordnare: vardsamordnare.id, kontaktperson: kontaktperson.id, kursdeltagare: kursdeltagare.id },
    };
  },
  cases: [
    page('/aktiviteter', everyone, '/aktiviteter'),
    page('/aktiviteter/kalender.ics', everyone, '/aktiviteter/kalender.ics'),
    page('/aktiviteter/ny', creators, '/aktiviteter/ny'),
    page('/aktiviteter/[slug]', everyone, '/aktiviteter/{pub}'),
    page('/aktiviteter/[slug]', draftViewers, '/aktiviteter/{draft}'),
    page('/aktiviteter/[slug]/kalender.ics', everyone, '/aktiviteter/{pub}/kalender.ics'),
    page('/aktiviteter/[slug]/erbjudande', loggedIn, '/aktiviteter/{pub}/erbjudande'),
    page('/aktiviteter/[slug]/redigera', organisers, '/aktiviteter/{pub}/redigera'),
    page('/aktiviteter/[slug]/deltagare', organisers, '/aktiviteter/{pub}/deltagare'),
    page('/aktiviteter/[slug]/deltagare', hosts, '/aktiviteter/{visit}/deltagare'),
    page('/aktiviteter/[slug]/deltagare.csv', organisers, '/aktiviteter/{pub}/deltagare.csv'),
    page('/aktiviteter/[slug]/incheckning', organisers, '/aktiviteter/{course}/incheckning'),
    page('/aktiviteter/[slug]/intyg', certificateHolders, '/aktiviteter/{course}/intyg'),
    // The confirmation step before cancelling: any logged-in member (it says so when there is nothing to cancel).
    page('/aktiviteter/[slug]/avboka', loggedIn, '/aktiviteter/{pub}/avboka'),
    page('/admin/utkorg/[id]/bilaga/[index]', admins, '/admin/utkorg/{mail}/bilaga/0'),

    action('create', creators, formFields),
    action('update', organisers, { ...formFields, slug: '{pub}' }),
    action('publish', organisers, { slug: '{draft}' }),
    // Without the confirmation box the activity is not cancelled (400 for those allowed), so the row can run for every actor.
    action('cancelActivity', organisers, { slug: '{cancel}' }),
    action('register', loggedIn, { slug: '{pub}' }),
    action('cancelRegistration', loggedIn, { slug: '{pub}' }),
    action('acceptOffer', loggedIn, { slug: '{pub}' }),
    action('nominate', contactPersons, { slug: '{course}', colleagueId: '{colleague}' }),
    action('decideRequest', hosts, { slug: '{visit}', registrationId: '{request}', decision: 'approve' }),
    action('markAttendance', organisers, { slug: '{course}', registrationId: '{seat}', dateId: '{date}', present: 'true' }),
    action('mailParticipants', organisers, { slug: '{pub}', subject: 'Välkomna', body: 'Vi ses snart på träffen i Skövde.' }),
  ],
};

export default domain;
