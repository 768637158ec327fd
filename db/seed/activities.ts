// Demo activities: a few upcoming ones of each kind, about the network's methods. Dates are relative to
// the day the demo data is loaded so they stay upcoming. Uses the demo users if they exist (by role).
import { and, eq } from 'drizzle-orm';
import { organisations, users, type ActivityKind, type LinkedGuide } from '../schema/index.ts';
import type { Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { parseLocalDateTime, TIME_ZONE } from '#lib/time.ts';

const GUIDES: Record<string, string> = {
  '7tjugo': '7TJUGO – egenmakt och medvetna val',
  'supported-employment': 'Supported Employment och IPS',
  mentorskap: 'Mentorskap för unga',
  tjanstedesign: 'Tjänstedesign och målgruppsmedverkan',
  'samverkan-en-vag-in': 'Samverkan kring unga: en väg in',
  motivationsutbildningar: 'Motivations- och introduktionsutbildningar för unga som står långt från arbetsmarknaden',
  'uppfoljning-av-resultat': 'Uppföljning av resultat',
};

const guides = (...slugs: string[]): LinkedGuide[] => slugs.map((slug) => ({ slug, title: GUIDES[slug]! }));

const DAY_MS = 86_400_000;
const weekdayOf = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short' }).format(d);
const isoDate = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** The first working day on or after `d`: not a weekend and not the Christmas and New Year holidays (20 Dec–6 Jan). */
function workingDayFrom(d: Date): Date {
  let day = d;
  for (;;) {
    const md = isoDate(day).slice(5);
    if (!['Sat', 'Sun'].includes(weekdayOf(day)) && md < '12-20' && md > '01-06') return day;
    day = new Date(day.getTime() + DAY_MS);
  }
}

/** Working days for a multi-day course: the first on or after `fromDays` from today, then each after the given gaps. */
function days(fromDays: number, gaps: number[] = []): string[] {
  const out = [workingDayFrom(new Date(Date.now() + fromDays * DAY_MS))];
  for (const gap of gaps) out.push(workingDayFrom(new Date(out.at(-1)!.getTime() + gap * DAY_MS)));
  return out.map(isoDate);
}

const day = (fromDays: number) => days(fromDays)[0]!;

const at = (date: string, from: string, to: string) => ({ startsAt: parseLocalDateTime(`${date}T${from}`)!, endsAt: parseLocalDateTime(`${date}T${to}`)! });

interface DemoActivity {
  title: string;
  kind: ActivityKind;
  description: string;
  organiser: string;
  host?: string;
  place: string | null;
  digitalLink?: string;
  municipality: string | null;
  capacity: number | null;
  quota?: number;
  guides: LinkedGuide[];
  questions?: string[];
  dates: Array<{ startsAt: Date; endsAt: Date }>;
}

function demoActivities(): DemoActivity[] {
  return [
    {
      title: '7TJUGO handledarutbildning',
      kind: 'course',
      description:
        'Fyra dagars utbildning för dig som ska leda 7TJUGO-grupper med unga 15–29 år. Du får pröva övningarna själv, lära dig upplägget för de sju träffarna och träna på att leda samtal om egenmakt, mål och medvetna val.\n\n- Dag 1–2: metodens grunder och de första träffarna\n- Dag 3: motiverande samtal i grupp\n- Dag 4: att starta en grupp i din verksamhet, uppföljning\n\nUtbildningen ges på plats och du behöver delta alla fyra dagarna för att få kursintyg.',
      organiser: 'Skaraborgs Kommunalförbund',
      place: 'Kommunalförbundets lokaler, Stationsgatan 12, Skövde',
      municipality: 'Skövde',
      capacity: 20,
      quota: 3,
      guides: guides('7tjugo', 'motivationsutbildningar'),
      questions: ['Har du lett grupper med unga tidigare?'],
      dates: days(24, [1, 6, 1]).map((d) => at(d, '09:00', '16:00')),
    },
    {
      title: 'Supported Employment – grundkurs för jobbcoacher',
      kind: 'course',
      description:
        'Två dagar om Supported Employment och IPS: de åtta principerna, arbetsgivarkontakter, individuellt stöd på arbetsplatsen och hur ni följer upp med trohetsskalan. Kursen vänder sig till coacher och handläggare i kommuner och hos Arbetsförmedlingen.',
      organiser: 'Samordningsförbundet Västra Skaraborg',
      place: 'Stadshuset, Nya Stadens torg 1, Lidköping',
      municipality: 'Lidköping',
      capacity: 24,
      quota: 4,
      guides: guides('supported-employment', 'uppfoljning-av-resultat'),
      dates: days(38, [1]).map((d, i) => at(d, '09:00', i === 0 ? '16:00' : '15:00')),
    },
    {
      title: 'Nätverksträff: Samverkan en väg in',
      kind: 'network_meeting',
      description:
        'Hur får unga en väg in i stället för många dörrar? Vi hör hur Falköping och Tidaholm organiserar gemensamma mottag mellan KAA, socialtjänst och Arbetsförmedlingen, och delar erfarenheter i smågrupper. Kaffe och smörgås från 8.30.',
      organiser: 'Skaraborgs Kommunalförbund',
      host: 'Falköpings kommun',
      place: 'Falköpings stadsbibliotek, Stora torget, Falköping',
      municipality: 'Falköping',
      capacity: 40,
      guides: guides('samverkan-en-vag-in'),
      dates: [at(day(10), '08:30', '12:00')],
    },
    {
      title: 'Digital nätverksträff: Uppföljning av resultat',
      kind: 'network_meeting',
      description:
        'En timme om att följa upp insatser för unga: vilka mått som säger något, hur ni samlar in dem utan att belasta deltagarna och hur resultaten kan användas i styrgruppen. Kort föreläsning och samtal.',
      organiser: 'Samordningsförbundet Östra Skaraborg',
      place: null,
      digitalLink: 'https://meet.skaraborg.se/natverkstraff-uppfoljning',
      municipality: null,
      capacity: null,
      guides: guides('uppfoljning-av-resultat'),
      dates: [at(day(17), '13:00', '14:00')],
    },
    {
      title: 'Studiebesök på Ung Arena Skövde',
      kind: 'study_visit',
      description:
        'Ung Arena är en mötesplats där unga 16–29 år får stöd med studier, arbete och vardag på ett och samma ställe. Personalen berättar om arbetssättet, samverkan med Arbetsförmedlingen och hur unga själva har varit med och format verksamheten. Skriv kort i din förfrågan vad du vill veta mer om.',
      organiser: 'Skaraborgs Kommunalförbund',
      host: 'Skövde kommun',
      place: 'Ung Arena, Kungsgatan 24, Skövde',
      municipality: 'Skövde',
      capacity: 12,
      guides: guides('samverkan-en-vag-in', 'tjanstedesign'),
      dates: [at(day(14), '13:00', '15:30')],
    },
    {
      title: 'Studiebesök: motivationsutbildning på Vara folkhögskola',
      kind: 'study_visit',
      description:
        'Vara folkhögskola visar sin motivationskurs för unga som står långt från arbetsmarknaden: upplägg, schema, hur deltagarna rekryteras och vad som händer efter kursen. Du träffar både lärare och deltagare.',
      organiser: 'Skaraborgs Kommunalförbund',
      host: 'Vara folkhögskola',
      place: 'Vara folkhögskola, Torggatan 4, Vara',
      municipality: 'Vara',
      capacity: 10,
      guides: guides('motivationsutbildningar'),
      dates: [at(day(31), '10:00', '13:00')],
    },
    {
      title: 'Auskultation hos jobbcoacherna i Lidköping',
      kind: 'job_shadowing',
      description:
        'Följ en jobbcoach som arbetar enligt Supported Employment under en arbetsdag: arbetsgivarbesök, uppföljningssamtal och teamets planering. Passar dig som själv börjar arbeta med metoden.',
      organiser: 'Lidköpings kommun',
      host: 'Lidköpings kommun',
      place: 'Arbetsmarknadsenheten, Skaragatan 8, Lidköping',
      municipality: 'Lidköping',
      capacity: 3,
      guides: guides('supported-employment'),
      dates: [at(day(20), '08:30', '16:00')],
    },
    {
      title: 'Auskultation: mentorprogrammet i Tibro',
      kind: 'job_shadowing',
      description:
        'Var med när Tibro kommuns mentorprogram matchar unga med mentorer från det lokala näringslivet. Du deltar i en matchningsträff och ett handledningsmöte för mentorerna.',
      organiser: 'Tibro kommun',
      host: 'Tibro kommun',
      place: 'Tibro kommunhus, Centrumgatan 5, Tibro',
      municipality: 'Tibro',
      capacity: 2,
      guides: guides('mentorskap'),
      dates: [at(day(27), '09:00', '12:00')],
    },
    {
      title: 'Lärandekonferens Skaraborg: unga som varken arbetar eller studerar',
      kind: 'learning_conference',
      description:
        'Årets lärandekonferens samlar alla som arbetar med unga 15–29 år i Skaraborgs 15 kommuner. Föreläsningar om ESF-projektens resultat, workshoppar om 7TJUGO, Supported Employment, mentorskap och tjänstedesign, och tid för nätverkande. Lunch ingår.',
      organiser: 'Skaraborgs Kommunalförbund',
      place: 'Skövde Kulturhus, Fredsgatan 4, Skövde',
      municipality: 'Skövde',
      capacity: 150,
      guides: guides('7tjugo', 'supported-employment', 'mentorskap', 'tjanstedesign', 'uppfoljning-av-resultat'),
      questions: ['Vilken workshop vill du helst gå på?'],
      dates: [at(day(45), '09:00', '16:30')],
    },
    {
      title: 'Lärandekonferens: tjänstedesign tillsammans med unga',
      kind: 'learning_conference',
      description:
        'En halvdag om hur unga kan vara med och utforma de insatser som riktar sig till dem. Praktiska exempel från Mariestad och Götene, och en övning där ni kartlägger en ung persons väg genom era verksamheter.',
      organiser: 'Samordningsförbundet Östra Skaraborg',
      host: 'Mariestads kommun',
      place: 'Katrinebergs folkhögskola, Mariestad',
      municipality: 'Mariestad',
      capacity: 60,
      guides: guides('tjanstedesign', 'samverkan-en-vag-in'),
      dates: [at(day(52), '12:30', '16:30')],
    },
  ];
}

export function seedActivities(db: Db): void {
  const orgId = (name: string | undefined) => (name ? db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get()?.id ?? null : null);
  const coordinator = db.select({ id: users.id }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.status, 'active'))).get();
  const member = db.select({ id: users.id }).from(users).where(and(eq(users.role, 'member'), eq(users.status, 'active'), eq(users.isContactPerson, false))).get();
  const created = demoActivities().map((a) => {
    const activity = createActivity(
      db,
      {
        title: a.title,
        description: a.description,
        kind: a.kind,
        organiserOrganisationId: orgId(a.organiser),
        hostOrganisationId: orgId(a.host),
        place: a.place,
        digitalLink: a.digitalLink ?? null,
        municipality: a.municipality,
        capacity: a.capacity,
        organisationQuota: a.quota ?? null,
        registrationOpensAt: null,
        registrationClosesAt: null,
        guides: a.guides,
        questions: (a.questions ?? []).map((text) => ({ text, type: 'text' as const, required: false, options: [] })),
        dates: a.dates,
      },
      coordinator?.id ?? null,
    );
    return publishActivity(db, activity.id);
  });
  // The demo member is registered for the network meeting, so Mina sidor shows a registration.
  const meeting = created.find((a) => a.kind === 'network_meeting');
  if (member && meeting) register(db, { activityId: meeting.id, userId: member.id, specialNeeds: 'Vegetarisk kost' });
}
