// Bench fixtures, written straight into the running server's database file through the domain modules
// (WAL lets this process write while the server runs). Deterministic: a seeded generator picks the text.
import { mulberry32 } from '../tests/helpers/fuzz.ts';
import { SESSION_COOKIE, createSession, generateSessionToken } from '#lib/auth/session.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { SECTIONS } from '#lib/ideas/template.ts';
import { ACTIVITY_KINDS, clusterMemberships, organisations, users } from '#db/schema/index.ts';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
// Any non-empty string: bench users log in through sessions created here, never with a password.
const NO_PASSWORD = '$argon2id$bench-users-have-no-password';
const MUNICIPALITIES = ['Skövde', 'Lidköping', 'Mariestad', 'Falköping', 'Skara', 'Tidaholm', 'Vara', 'Götene', 'Hjo', 'Töreboda'];

/** Deterministic random numbers (the fuzz test's mulberry32), so every run uses the same text. */
export const seeded = mulberry32;

const SENTENCES = [
  'Många unga i Skaraborg står i dag utanför både arbete och studier, och andelen har ökat i flera av kommunerna.',
  'Orsakerna varierar: ofullständiga gymnasiebetyg, psykisk ohälsa, funktionsnedsättningar och brist på kontakter med arbetsgivare.',
  'Kommunernas aktivitetsansvar når de flesta, men uppföljningen tappar ofta fart när den unga fyller tjugo år.',
  'Projektet ska bygga en gemensam arbetsmodell där kommuner, Arbetsförmedlingen och regionen delar ansvar och information.',
  'Målgruppen är unga mellan 16 och 29 år som varken arbetar eller studerar och som behöver samordnat stöd.',
  'Vi räknar med att nå omkring 240 deltagare under projekttiden, jämnt fördelade mellan kvinnor och män.',
  'Deltagarna ska få en personlig coach som följer dem genom hela processen, från första kontakt till anställning eller studier.',
  'Metoden bygger på Supported employment, där arbetet i verkligheten kommer först och stödet anpassas efter individen.',
  'Arbetsgivare i regionen involveras tidigt genom nätverksträffar, studiebesök och praktikplatser som utformas tillsammans med dem.',
  'Jämställdhet, tillgänglighet och icke-diskriminering ska genomsyra både planering, genomförande och uppföljning.',
  'Vi följer upp resultaten varje kvartal med könsuppdelad statistik och återkopplar till styrgruppen.',
  'Styrgruppen består av representanter för de deltagande kommunerna, Arbetsförmedlingen och Skaraborgs kommunalförbund.',
  'Projektledningen har lång erfarenhet av arbetsmarknadsinsatser för unga och av tidigare ESF-finansierade projekt.',
  'Förankringen sker genom beslut i respektive kommunstyrelse och genom avsiktsförklaringar från de samverkande parterna.',
  'En extern utvärderare följer projektet löpande och bidrar med lärande under hela genomförandet.',
  'Risken att deltagare avbryter insatsen minskar vi genom tät kontakt, flexibla mötesformer och stöd i vardagen.',
  'Resultaten ska spridas till andra kommuner genom seminarier, en digital metodbank och artiklar i regionala medier.',
  'Budgeten omfattar personalkostnader för coacher, lokalkostnader, utvärdering och deltagarersättningar där det är aktuellt.',
  'Tidsplanen sträcker sig över tre år med en inledande analysfas, en genomförandefas och en avslutande implementeringsfas.',
  'Efter projekttiden ska arbetssättet bli en del av kommunernas ordinarie verksamhet och finansieras inom befintliga ramar.',
  'Unga som deltagit i tidigare insatser har bidragit med synpunkter på hur stödet kan bli lättare att ta emot.',
  'Vi samarbetar med civilsamhällets organisationer för att nå unga som inte har kontakt med någon myndighet.',
  'Digitala mötesformer kompletterar de fysiska träffarna, vilket gör det lättare för unga på landsbygden att delta.',
  'Förändringsteorin beskriver hur aktiviteterna leder till kortsiktiga resultat, effekter på individnivå och varaktig förändring i strukturen.',
];
const LIST_ITEMS = [
  'kartläggning av den ungas behov och mål',
  'individuell handlingsplan som följs upp varje månad',
  'arbetsplatsförlagd praktik med handledare',
  'studie- och yrkesvägledning',
  'stöd i kontakter med vården',
  'gemensamma utbildningsdagar för personalen',
  'uppföljning sex månader efter avslutad insats',
];

/** Realistic section text: paragraphs of Markdown prose and a bullet list, about `words` words. */
export function sectionText(rand, words = 300) {
  const parts = [];
  let count = 0;
  while (count < words) {
    const sentences = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => SENTENCES[Math.floor(rand() * SENTENCES.length)]);
    const paragraph = sentences.join(' ');
    parts.push(paragraph);
    count += paragraph.split(/\s+/).length;
    if (parts.length === 2) {
      const items = LIST_ITEMS.filter(() => rand() < 0.6);
      parts.push(items.map((i) => `- ${i}`).join('\n'));
      count += items.join(' ').split(/\s+/).length;
    }
  }
  return parts.join('\n\n');
}

let userCounter = 0;
/** Inserts `count` active members in one transaction; returns their rows. */
export function createUsers(db, count, { prefix = 'bench', organisationIds = [], role = 'member' } = {}) {
  return db.transaction((tx) =>
    Array.from({ length: count }, () => {
      userCounter++;
      return tx
        .insert(users)
        .values({
          email: `${prefix}-${userCounter}@exempel.se`,
          name: `${prefix === 'bench' ? 'Deltagare' : 'Skribent'} ${userCounter}`,
          passwordHash: NO_PASSWORD,
          organisationId: organisationIds.length ? organisationIds[userCounter % organisationIds.length] : null,
          role,
          status: 'active',
          emailVerifiedAt: new Date(),
        })
        .returning()
        .get();
    }),
  );
}

/** A session per user; returns the cookie header value for each, in the same order. */
export function loginAll(db, userIds) {
  return db.transaction((tx) =>
    userIds.map((id) => {
      const token = generateSessionToken();
      createSession(tx, token, id);
      return `${SESSION_COOKIE}=${token}`;
    }),
  );
}

export function activityInput(i, overrides = {}) {
  const kind = ACTIVITY_KINDS[i % ACTIVITY_KINDS.length];
  const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length];
  const start = new Date(Date.now() + (1 + (i % 180)) * DAY + (i % 8) * HOUR);
  return {
    title: `${['Nätverksträff', 'Studiebesök', 'Auskultation', 'Kurs', 'Lärandekonferens'][ACTIVITY_KINDS.indexOf(kind)]} om unga och arbete ${i + 1}`,
    description: `${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i + 7) % SENTENCES.length]}\n\n**Program:** inledning, erfarenhetsutbyte och fika.`,
    kind,
    organiserOrganisationId: null,
    hostOrganisationId: null,
    place: `Stadshuset, ${municipality}`,
    digitalLink: null,
    municipality,
    capacity: 20 + (i % 5) * 10,
    organisationQuota: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    guides: i % 3 === 0 ? [{ slug: 'supported-employment', title: 'Supported employment' }] : [],
    questions: [],
    dates: [{ startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR) }],
    ...overrides,
  };
}

/**
 * The data the three SSR pages need: 200 published upcoming activities, a viewer with a few
 * registrations and group memberships, and an idea with all 12 sections filled (~300 words each)
 * in a group the viewer belongs to.
 */
export function createPageFixtures(db) {
  const rand = seeded(6);
  const orgs = db.transaction((tx) =>
    MUNICIPALITIES.slice(0, 5).map((m, i) =>
      tx.insert(organisations).values({ name: `${m} kommun`, slug: `bench-${i}-kommun`, type: 'municipality', municipality: m }).returning().get(),
    ),
  );
  const [coordinator] = createUsers(db, 1, { organisationIds: [orgs[0].id], role: 'coordinator' });
  const [viewer] = createUsers(db, 1, { organisationIds: [orgs[1].id] });
  const others = createUsers(db, 8, { organisationIds: orgs.map((o) => o.id) });

  const activityList = Array.from({ length: 200 }, (_, i) => publishActivity(db, createActivity(db, activityInput(i), coordinator.id).id));
  // Four registrations for the viewer (nätverksträffar and kurser: seats straight away).
  for (const a of [activityList[0], activityList[3], activityList[5], activityList[8]]) register(db, { activityId: a.id, userId: viewer.id }, { base: 'http://127.0.0.1' });

  const groups = ['Unga utanför arbete och studier', 'Psykisk hälsa hos unga', 'Arbetsgivarsamverkan i Skaraborg'].map((name, i) => {
    const group = createGroup(db, {
      name,
      problemArea: 'Unga som varken arbetar eller studerar',
      description: `${SENTENCES[i]} ${SENTENCES[i + 3]}`,
      joinMode: 'open',
      leadEmails: [coordinator.email],
      createdById: coordinator.id,
    });
    for (const u of [viewer, ...others.slice(i, i + 4)]) {
      db.insert(clusterMemberships).values({ groupId: group.id, userId: u.id, role: 'member', status: 'active', joinedAt: new Date() }).run();
    }
    return group;
  });
  const idea = createIdea(db, { groupId: groups[0].id, title: 'Vägen till arbete – samordnat stöd för unga i Skaraborg', targetCall: 'ESF+ 2026, programområde B', createdById: coordinator.id });
  let words = 0;
  for (const def of SECTIONS) {
    const section = getSection(db, idea.id, def.key);
    const text = sectionText(rand, 280 + Math.floor(rand() * 120));
    words += text.split(/\s+/).length;
    const writer = [coordinator, viewer, ...others.slice(0, 4)][def.number % 6];
    const result = saveSection(db, { sectionId: section.id, authorId: writer.id, baseRevisionId: 0, text });
    if (result.outcome !== 'applied') throw new Error(`Could not fill section ${def.key}: ${result.outcome}`);
  }
  const [viewerCookie] = loginAll(db, [viewer.id]);
  return {
    viewerCookie,
    activities: activityList.length,
    registrations: 4,
    groups: groups.length,
    idea: { path: `/klustergrupper/${groups[0].slug}/ideer/${idea.id}`, title: idea.title, sections: SECTIONS.length, words },
  };
}
