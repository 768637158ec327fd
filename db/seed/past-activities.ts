// Demo history for the reports: two held activities a fortnight over the last twelve months, with
// registrations and attendance from people in most member organisations. Deterministic: the same
// calendar day always gives the same data (dates are counted in days from today's Stockholm date, at
// fixed local times, and choices come from a seeded generator).
import { randomBytes } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import { activities, activityDates, attendance, organisations, registrations, users, type ActivityKind, type LinkedGuide } from '../schema/index.ts';
import type { Db } from '#lib/db.ts';
import { parseLocalDateTime, TIME_ZONE } from '#lib/time.ts';
import { slugify } from '#lib/text/slugify.ts';
import { mulberry32 as generator } from '#lib/random.ts';

const todayIso = () => new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Calendar arithmetic on "YYYY-MM-DD" strings (at UTC noon, so no time zone or DST can shift the day). */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last working day on or before `iso` (no weekends, no 20 Dec–6 Jan, no July holidays). */
function workingDayOnOrBefore(iso: string): string {
  let day = iso;
  for (;;) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const md = day.slice(5);
    if (weekday !== 0 && weekday !== 6 && md < '12-20' && md > '01-06' && !md.startsWith('07-')) return day;
    day = addDays(day, -1);
  }
}

const at = (date: string, time: string) => parseLocalDateTime(`${date}T${time}`)!;

const G = {
  tjugo: { slug: '7tjugo', title: '7TJUGO – egenmakt och medvetna val' },
  se: { slug: 'supported-employment', title: 'Supported Employment och IPS' },
  mentor: { slug: 'mentorskap', title: 'Mentorskap för unga' },
  design: { slug: 'tjanstedesign', title: 'Tjänstedesign och målgruppsmedverkan' },
  samverkan: { slug: 'samverkan-en-vag-in', title: 'Samverkan kring unga: en väg in' },
  motivation: { slug: 'motivationsutbildningar', title: 'Motivations- och introduktionsutbildningar för unga som står långt från arbetsmarknaden' },
  uppfoljning: { slug: 'uppfoljning-av-resultat', title: 'Uppföljning av resultat' },
} satisfies Record<string, LinkedGuide>;

interface PastTemplate {
  title: string;
  kind: ActivityKind;
  municipality: string | null;
  place: string;
  organiser: string;
  guides: LinkedGuide[];
  /** Local times of each date; several entries: days one week apart. */
  times: Array<[string, string]>;
  /** How many registrations, roughly. */
  size: number;
  quota?: number;
}

const TEMPLATES: PastTemplate[] = [
  { title: 'Nätverksträff för KAA-ansvariga', kind: 'network_meeting', municipality: 'Skövde', place: 'Kommunalförbundets lokaler, Stationsgatan 12, Skövde', organiser: 'Skaraborgs Kommunalförbund', guides: [G.samverkan, G.uppfoljning], times: [['09:00', '12:00']], size: 22 },
  { title: '7TJUGO handledarutbildning', kind: 'course', municipality: 'Skövde', place: 'Kommunalförbundets lokaler, Stationsgatan 12, Skövde', organiser: 'Skaraborgs Kommunalförbund', guides: [G.tjugo, G.motivation], times: [['09:00', '16:00'], ['09:00', '16:00']], size: 16, quota: 3 },
  { title: 'Studiebesök på Ung Arena Skövde', kind: 'study_visit', municipality: 'Skövde', place: 'Ung Arena, Kungsgatan 24, Skövde', organiser: 'Skaraborgs Kommunalförbund', guides: [G.samverkan, G.design], times: [['13:00', '15:30']], size: 10 },
  { title: 'Nätverksträff: mentorskap i små kommuner', kind: 'network_meeting', municipality: 'Tibro', place: 'Tibro kommunhus, Centrumgatan 5, Tibro', organiser: 'Samordningsförbundet Östra Skaraborg', guides: [G.mentor], times: [['09:00', '12:00']], size: 15 },
  { title: 'Supported Employment – grundkurs', kind: 'course', municipality: 'Lidköping', place: 'Stadshuset, Nya Stadens torg 1, Lidköping', organiser: 'Samordningsförbundet Västra Skaraborg', guides: [G.se, G.uppfoljning], times: [['09:00', '16:00'], ['09:00', '15:00']], size: 14, quota: 4 },
  { title: 'Auskultation hos jobbcoacherna i Lidköping', kind: 'job_shadowing', municipality: 'Lidköping', place: 'Arbetsmarknadsenheten, Skaragatan 8, Lidköping', organiser: 'Lidköpings kommun', guides: [G.se], times: [['08:30', '16:00']], size: 3 },
  { title: 'Lärandekonferens Skaraborg', kind: 'learning_conference', municipality: 'Skövde', place: 'Skövde Kulturhus, Fredsgatan 4, Skövde', organiser: 'Skaraborgs Kommunalförbund', guides: [G.tjugo, G.se, G.mentor, G.design, G.uppfoljning], times: [['09:00', '16:30']], size: 60 },
  { title: 'Studiebesök: motivationskursen på Vara folkhögskola', kind: 'study_visit', municipality: 'Vara', place: 'Vara folkhögskola, Torggatan 4, Vara', organiser: 'Skaraborgs Kommunalförbund', guides: [G.motivation], times: [['10:00', '13:00']], size: 9 },
  { title: 'Nätverksträff: tjänstedesign tillsammans med unga', kind: 'network_meeting', municipality: 'Mariestad', place: 'Katrinebergs folkhögskola, Mariestad', organiser: 'Samordningsförbundet Östra Skaraborg', guides: [G.design], times: [['13:00', '16:00']], size: 18 },
  { title: 'Auskultation: mentorprogrammet i Tibro', kind: 'job_shadowing', municipality: 'Tibro', place: 'Tibro kommunhus, Centrumgatan 5, Tibro', organiser: 'Tibro kommun', guides: [G.mentor], times: [['09:00', '12:00']], size: 2 },
  { title: 'Digital nätverksträff: uppföljning av resultat', kind: 'network_meeting', municipality: null, place: 'Digitalt', organiser: 'Samordningsförbundet Östra Skaraborg', guides: [G.uppfoljning], times: [['13:00', '14:00']], size: 25 },
  { title: 'Nätverksträff: en väg in i Falköping och Tidaholm', kind: 'network_meeting', municipality: 'Falköping', place: 'Falköpings stadsbibliotek, Stora torget, Falköping', organiser: 'Skaraborgs Kommunalförbund', guides: [G.samverkan], times: [['08:30', '12:00']], size: 20 },
];

/** Demo participants per organisation (the municipalities by size, then regional and national bodies). */
const PARTICIPANTS: Array<[organisation: string, count: number, domain: string]> = [
  ['Skövde kommun', 12, 'skovde.se'], ['Lidköpings kommun', 10, 'lidkoping.se'], ['Falköpings kommun', 8, 'falkoping.se'],
  ['Mariestads kommun', 8, 'mariestad.se'], ['Skara kommun', 6, 'skara.se'], ['Vara kommun', 6, 'vara.se'],
  ['Götene kommun', 5, 'gotene.se'], ['Tibro kommun', 5, 'tibro.se'], ['Tidaholms kommun', 5, 'tidaholm.se'],
  ['Hjo kommun', 4, 'hjo.se'], ['Töreboda kommun', 4, 'toreboda.se'], ['Essunga kommun', 3, 'essunga.se'],
  ['Gullspångs kommun', 3, 'gullspang.se'], ['Karlsborgs kommun', 3, 'karlsborg.se'], ['Grästorps kommun', 2, 'grastorp.se'],
  ['Arbetsförmedlingen', 8, 'arbetsformedlingen.se'], ['Försäkringskassan', 4, 'forsakringskassan.se'],
  ['Västra Götalandsregionen', 3, 'vgregion.se'], ['Studieförbundet Vuxenskolan', 3, 'sv.se'], ['Vara folkhögskola', 2, 'varafolkhogskola.se'],
];

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Sofia', 'Mohammed', 'Emma', 'Per', 'Fatima', 'Johan', 'Lina', 'Anders', 'Sara', 'Karl', 'Amira', 'Nils', 'Hanna', 'Mikael', 'Ida', 'Oskar', 'Elsa', 'Daniel', 'Maja', 'Jonas', 'Leila', 'Fredrik', 'Klara', 'Ali', 'Ebba', 'Viktor'];
const LAST = ['Andersson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Hansson', 'Bengtsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Axelsson', 'Hassan', 'Berglund', 'Ahmadi', 'Sandberg', 'Holm', 'Nyberg', 'Ek', 'Lund', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström'];
const ROLE_TITLES = ['Arbetsmarknadskonsulent', 'Studie- och yrkesvägledare', 'Socialsekreterare', 'Coach', 'Mentor', 'Handläggare', 'Enhetschef'];

const emailPart = (s: string) => slugify(s).replace(/-/g, '');

function seedParticipants(db: Db): Array<{ id: number; organisationId: number; organisation: string }> {
  // Nobody logs in as these people: their password is random and never shown.
  const passwordHash = hashSync(randomBytes(24).toString('base64'), { memoryCost: 4096, timeCost: 2, parallelism: 1 });
  const out: Array<{ id: number; organisationId: number; organisation: string }> = [];
  let n = 0;
  for (const [organisation, count, domain] of PARTICIPANTS) {
    const org = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, organisation)).get();
    if (!org) continue;
    for (let i = 0; i < count; i++, n++) {
      const first = FIRST[(n * 7) % FIRST.length]!;
      const last = LAST[(n * 11 + Math.floor(n / LAST.length)) % LAST.length]!;
      const email = `${emailPart(first)}.${emailPart(last)}@${domain}`;
      if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) continue;
      const user = db
        .insert(users)
        .values({ email, name: `${first} ${last}`, passwordHash, organisationId: org.id, roleTitle: ROLE_TITLES[n % ROLE_TITLES.length]!, role: 'member', status: 'active', emailVerifiedAt: new Date() })
        .returning({ id: users.id })
        .get();
      out.push({ id: user.id, organisationId: org.id, organisation });
    }
  }
  return out;
}

/** 24 held activities, one every 14 days back from two weeks ago, with registrations and attendance. */
export function seedPastActivities(db: Db): void {
  const people = seedParticipants(db);
  if (people.length === 0) return;
  const coordinator = db.select({ id: users.id }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.status, 'active'))).get();
  const contactPerson = db.select({ id: users.id, organisationId: users.organisationId }).from(users).where(eq(users.isContactPerson, true)).get();
  const orgId = (name: string) => db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get()?.id ?? null;
  const today = todayIso();
  const random = generator(20261201);

  for (let k = 0; k < 24; k++) {
    const template = TEMPLATES[k % TEMPLATES.length]!;
    const first = workingDayOnOrBefore(addDays(today, -(14 + k * 14)));
    const days = template.times.map((_, i) => workingDayOnOrBefore(addDays(first, i * 7)));
    const spans = template.times.map(([from, to], i) => ({ startsAt: at(days[i]!, from), endsAt: at(days[i]!, to) }));
    const startsAt = spans[0]!.startsAt;
    const activity = db
      .insert(activities)
      .values({
        slug: `${slugify(template.title)}-${days[0]}`,
        title: template.title,
        description: `${template.title}. Genomförd aktivitet i nätverket; deltagarna och närvaron finns kvar för uppföljningen.`,
        kind: template.kind,
        status: 'published',
        organiserOrganisationId: orgId(template.organiser),
        place: template.municipality ? template.place : null,
        digitalLink: template.municipality ? null : 'https://meet.skaraborg.se/natverkstraff',
        municipality: template.municipality,
        capacity: Math.ceil(template.size * 1.2),
        organisationQuota: template.quota ?? null,
        guides: template.guides,
        startsAt,
        endsAt: spans.at(-1)!.endsAt,
        createdBy: coordinator?.id ?? null,
        createdAt: new Date(startsAt.getTime() - 45 * 86_400_000),
        updatedAt: new Date(startsAt.getTime() - 30 * 86_400_000),
        publishedAt: new Date(startsAt.getTime() - 30 * 86_400_000),
      })
      .returning({ id: activities.id })
      .get();
    const dateIds = spans.map((s) => db.insert(activityDates).values({ activityId: activity.id, ...s }).returning({ id: activityDates.id }).get().id);

    // A varying share of the participants; people from the activity's own municipality more often.
    const size = Math.max(1, Math.round(template.size * (0.8 + random() * 0.4)));
    const chosen = [...people]
      .map((p) => ({ p, weight: random() * (p.organisation.startsWith(template.municipality ?? '-') ? 2 : 1) }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, size)
      .map((x) => x.p);
    for (const person of chosen) {
      const registeredAt = new Date(startsAt.getTime() - (7 + Math.floor(random() * 20)) * 86_400_000);
      const nominated = template.kind === 'course' && contactPerson && contactPerson.organisationId === person.organisationId;
      const reg = db
        .insert(registrations)
        .values({ activityId: activity.id, userId: person.id, status: 'confirmed', nominatedBy: nominated ? contactPerson.id : null, confirmedAt: registeredAt, createdAt: registeredAt, updatedAt: registeredAt })
        .returning({ id: registrations.id })
        .get();
      // About one in eight does not come; those who come to a course mostly come every day.
      if (random() < 0.12) continue;
      for (const dateId of dateIds) {
        if (dateIds.length > 1 && random() < 0.08) continue;
        db.insert(attendance).values({ registrationId: reg.id, activityDateId: dateId, markedBy: coordinator?.id ?? null, markedAt: startsAt }).run();
      }
    }
  }
}
