// Demo data for cluster groups: two groups with members from several organisations and one
// partly written project idea each, in the shape of the ESF+ template.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hashSync } from '@node-rs/argon2';
import { clusterMemberships, ideaComments, organisations, users } from '../schema/index.ts';
import type { Db } from '#lib/db.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { addIdeaOrganisation, createIdea, setIdeaStatus } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { DEMO_USERS } from './users.ts';

const DAY = 24 * 60 * 60 * 1000;

// Extra members who only exist to make the groups realistic; their passwords are random and never printed.
const EXTRA_MEMBERS = [
  { name: 'Maria Svensson', email: 'maria.svensson@forsakringskassan.se', organisation: 'Försäkringskassan', roleTitle: 'Samordnare unga' },
  { name: 'Peter Holm', email: 'peter.holm@ostraskaraborg.se', organisation: 'Samordningsförbundet Östra Skaraborg', roleTitle: 'Förbundschef' },
  { name: 'Lina Berg', email: 'lina.berg@vgregion.se', organisation: 'Västra Götalandsregionen', roleTitle: 'Kurator, ungdomsmottagningen' },
  { name: 'Jonas Ek', email: 'jonas.ek@varafolkhogskola.se', organisation: 'Vara folkhögskola', roleTitle: 'Studie- och yrkesvägledare' },
  { name: 'Fatima Ali', email: 'fatima.ali@arbetsformedlingen.se', organisation: 'Arbetsförmedlingen', roleTitle: 'Arbetsförmedlare, unga' },
  { name: 'Emma Karlsson', email: 'emma.karlsson@falkoping.se', organisation: 'Falköpings kommun', roleTitle: 'KAA-samordnare' },
];

function orgId(db: Db, name: string): number | null {
  return db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get()?.id ?? null;
}

function userByEmail(db: Db, email: string) {
  return db.select().from(users).where(eq(users.email, email)).get();
}

function demoUser(db: Db, label: string, fallback: { name: string; email: string; organisation: string }) {
  const demo = DEMO_USERS.find((u) => u.label === label);
  return (demo && userByEmail(db, demo.email)) ?? ensureUser(db, { ...fallback, roleTitle: '' });
}

function ensureUser(db: Db, u: { name: string; email: string; organisation: string; roleTitle: string }) {
  const existing = userByEmail(db, u.email);
  if (existing) return existing;
  return db
    .insert(users)
    .values({
      email: u.email,
      name: u.name,
      passwordHash: hashSync(randomBytes(24).toString('base64'), { memoryCost: 4096, timeCost: 2, parallelism: 1 }),
      organisationId: orgId(db, u.organisation),
      roleTitle: u.roleTitle,
      role: 'member',
      status: 'active',
      emailVerifiedAt: new Date(),
    })
    .returning()
    .get();
}

function write(db: Db, ideaId: number, entries: Array<{ key: string; author: number; daysAgo: number; text: string }>, now: number): void {
  for (const e of entries) {
    const section = getSection(db, ideaId, e.key)!;
    saveSection(db, { sectionId: section.id, authorId: e.author, baseRevisionId: section.currentRevisionId ?? 0, text: e.text, now: new Date(now - e.daysAgo * DAY) });
  }
}

export function seedClusters(db: Db): void {
  const now = Date.now();
  const elin = demoUser(db, 'medlem', { name: 'Elin Johansson', email: 'elin.johansson@lidkoping.se', organisation: 'Lidköpings kommun' });
  const ahmed = demoUser(db, 'kontaktperson', { name: 'Ahmed Yusuf', email: 'ahmed.yusuf@skovde.se', organisation: 'Skövde kommun' });
  const karin = demoUser(db, 'samordnare', { name: 'Karin Lindqvist', email: 'karin.lindqvist@skaraborg.se', organisation: 'Skaraborgs Kommunalförbund' });
  const [maria, peter, lina, jonas, fatima, emma] = EXTRA_MEMBERS.map((m) => ensureUser(db, m)) as [typeof elin, typeof elin, typeof elin, typeof elin, typeof elin, typeof elin];
  const join = (groupId: number, userId: number, daysAgo: number) =>
    db.insert(clusterMemberships).values({ groupId, userId, role: 'member', status: 'active', joinedAt: new Date(now - daysAgo * DAY) }).onConflictDoNothing().run();

  // 1. Unga med psykisk ohälsa — by request, led by Elin (demo member).
  const psykisk = createGroup(db, {
    name: 'Unga med psykisk ohälsa',
    problemArea: 'Unga med psykisk ohälsa',
    description:
      'Många unga i Skaraborg som varken arbetar eller studerar har en psykisk ohälsa som gör att de inte orkar ta del av de insatser som finns. Gruppen samlar kommuner, region, Försäkringskassan och samordningsförbund för att ta fram ett gemensamt projekt där vård, skola och arbetsmarknad möts kring den unga.',
    joinMode: 'request',
    leadEmails: [elin.email],
    createdById: karin.id,
  });
  for (const [u, d] of [[ahmed, 40], [maria, 38], [peter, 35], [lina, 30]] as const) join(psykisk.id, u.id, d);
  const idea1 = createIdea(db, { groupId: psykisk.id, title: 'Vägen tillbaka – samordnat stöd för unga med psykisk ohälsa', targetCall: 'ESF+ programområde 2, specifikt mål 2.1 (regional utlysning Västsverige)', createdById: elin.id });
  setIdeaStatus(db, idea1.id, 'draft');
  write(db, idea1.id, [
    {
      key: 'problemformulering', author: elin.id, daysAgo: 21,
      text: `Unga 16–29 år med psykisk ohälsa är överrepresenterade bland dem som varken arbetar eller studerar i Skaraborg. Kartläggningen i kommunernas aktivitetsansvar visar att en stor del av de unga som inte går att nå har kontakt med vården, men att vården, skolan och arbetsmarknadsinsatserna sällan planerar tillsammans.

Den unga får börja om hos varje ny aktör, kartläggs flera gånger och faller mellan stolarna när en insats tar slut. Orsakerna finns både på individnivå (ångest, depression, neuropsykiatriska svårigheter) och på strukturnivå: aktörerna har olika uppdrag, sekretessgränser och ersättningssystem. Det sista kan projektet påverka.

Konsekvenserna är långa perioder utan sysselsättning, ökat behov av försörjningsstöd och en risk för varaktigt utanförskap.

**Jämställdhet:** unga kvinnor söker oftare vård för psykisk ohälsa, medan unga män oftare syns först som långvarigt arbetslösa. Insatserna behöver nå båda grupperna.
**Tillgänglighet:** lokaler, material och kontaktvägar ska fungera för unga med kognitiva svårigheter och för den som har svårt att ta sig hemifrån.`,
    },
    {
      key: 'problemformulering', author: lina.id, daysAgo: 14,
      text: `Unga 16–29 år med psykisk ohälsa är överrepresenterade bland dem som varken arbetar eller studerar i Skaraborg. Kartläggningen i kommunernas aktivitetsansvar visar att en stor del av de unga som inte går att nå har kontakt med vården, men att vården, skolan och arbetsmarknadsinsatserna sällan planerar tillsammans.

Den unga får börja om hos varje ny aktör, kartläggs flera gånger och faller mellan stolarna när en insats tar slut. Orsakerna finns både på individnivå (ångest, depression, neuropsykiatriska svårigheter) och på strukturnivå: aktörerna har olika uppdrag, sekretessgränser och ersättningssystem. Det sista kan projektet påverka.

Konsekvenserna är långa perioder utan sysselsättning, ökat behov av försörjningsstöd och en risk för varaktigt utanförskap.

**Jämställdhet:** unga kvinnor söker oftare vård för psykisk ohälsa, medan unga män oftare syns först som långvarigt arbetslösa. Insatserna behöver nå båda grupperna.
**Tillgänglighet:** lokaler, material och kontaktvägar ska fungera för unga med kognitiva svårigheter och för den som har svårt att ta sig hemifrån.
**Icke-diskriminering:** unga med utländsk bakgrund och unga hbtqi-personer möter extra hinder i kontakten med vården; projektet ska följa upp vilka som når fram.`,
    },
    {
      key: 'syfte-och-mal', author: peter.id, daysAgo: 12,
      text: `**Syfte:** att unga med psykisk ohälsa får ett samordnat stöd där vård, kommun och myndigheter planerar tillsammans med den unga, så att fler kommer vidare till arbete eller studier.

**Mål:**
- 120 unga deltar under projekttiden, minst 40 procent kvinnor och minst 40 procent män.
- 45 procent av deltagarna har börjat arbeta eller studera eller gått vidare till en annan arbetsförberedande insats vid avslut.
- Samtliga deltagare har en gemensam plan som minst två aktörer har tagit fram tillsammans med den unga.`,
    },
    {
      key: 'malgrupp', author: maria.id, daysAgo: 10,
      text: 'Unga 16–29 år i Skaraborgs kommuner som varken arbetar eller studerar och som har en psykisk ohälsa som hindrar dem från att ta del av ordinarie insatser. Många har aktivitetsersättning eller står långt från arbetsmarknaden. Unga ska delta i utformningen genom en referensgrupp med tidigare deltagare.',
    },
    {
      key: 'metod-och-aktiviteter', author: elin.id, daysAgo: 3,
      text: `- Gemensam kartläggning en gång, med den ungas samtycke, som alla aktörer utgår från.
- En fast kontaktperson (coach) per deltagare som följer den unga genom hela kedjan.
- Arbetsinriktad rehabilitering enligt Supported employment/IPS i samarbete med psykiatrin.

*Att skriva:* hur vi använder tjänstedesign tillsammans med referensgruppen.`,
    },
    {
      key: 'budget', author: peter.id, daysAgo: 2,
      text: '| Kostnadsslag | Belopp (kr) |\n| --- | --- |\n| Personal (3 coacher, projektledare 50 %) | 5 400 000 |\n| Externa tjänster (utvärdering) | 350 000 |\n| Resor och logi |  |\n| Övriga kostnader |  |\n',
    },
  ], now);
  const lidkoping = orgId(db, 'Lidköpings kommun');
  const fk = orgId(db, 'Försäkringskassan');
  const vgr = orgId(db, 'Västra Götalandsregionen');
  if (lidkoping) addIdeaOrganisation(db, idea1.id, lidkoping, 'Projektägare, bemannar coacherna');
  if (fk) addIdeaOrganisation(db, idea1.id, fk, 'Samordning kring aktivitetsersättning');
  if (vgr) addIdeaOrganisation(db, idea1.id, vgr, 'Psykiatri och ungdomsmottagningar');
  const sec1 = getSection(db, idea1.id, 'problemformulering')!;
  const thread = db.insert(ideaComments).values({ sectionId: sec1.id, authorId: peter.id, body: 'Har vi siffror från KAA-uppföljningen 2026 att hänvisa till?', createdAt: new Date(now - 9 * DAY) }).returning().get();
  db.insert(ideaComments).values({ sectionId: sec1.id, authorId: elin.id, parentId: thread.id, body: 'Jag frågar Skaraborgs Kommunalförbund om sammanställningen.', createdAt: new Date(now - 8 * DAY) }).run();

  // 2. Avbrutna gymnasiestudier — open group, led by Ahmed (demo contact person).
  const gymnasiet = createGroup(db, {
    name: 'Avbrutna gymnasiestudier',
    problemArea: 'Avbrutna gymnasiestudier',
    description:
      'Unga som har avbrutit gymnasiet riskerar att bli kvar utan sysselsättning i flera år. Gruppen samlar KAA, folkhögskola, vuxenutbildning och Arbetsförmedlingen för att hitta flexibla vägar tillbaka till studier och vidare till arbete.',
    joinMode: 'open',
    leadEmails: [ahmed.email],
    createdById: karin.id,
  });
  for (const [u, d] of [[elin, 25], [jonas, 24], [fatima, 20], [emma, 18]] as const) join(gymnasiet.id, u.id, d);
  const idea2 = createIdea(db, { groupId: gymnasiet.id, title: 'Återstart – flexibla vägar tillbaka till studier', targetCall: 'Nästa ESF+-utlysning om unga som varken arbetar eller studerar', createdById: ahmed.id });
  write(db, idea2.id, [
    {
      key: 'problemformulering', author: ahmed.id, daysAgo: 16,
      text: `En stor andel av eleverna i Skaraborg lämnar gymnasiet utan examen, och andelen skiljer sig mycket mellan kommunerna. De som avbryter studierna tidigt och inte fångas upp av aktivitetsansvaret inom några månader är svåra att nå senare.

Orsakerna är ofta en kombination av skoltrötthet, bristande stöd i skolan och ohälsa. Unga som flyttat till Sverige sent i skolåldern möter dessutom språkliga hinder.

*Behöver kompletteras med analys utifrån jämställdhet och tillgänglighet.*`,
    },
    {
      key: 'malgrupp', author: emma.id, daysAgo: 11,
      text: 'Unga 16–24 år i Skaraborg som har avbrutit gymnasiet eller riskerar att göra det, och som inte har börjat någon annan utbildning. Särskilt fokus på unga som varit utan sysselsättning i mer än sex månader.',
    },
    {
      key: 'forandringsteori', author: jonas.id, daysAgo: 6,
      text: '**Långsiktig effekt:** fler unga i Skaraborg har en gymnasieexamen och en etablering på arbetsmarknaden.\n\n**Kortsiktiga effekter:** deltagarna tror på sin förmåga att studera och har en realistisk studieplan.\n\n**Resultat:** \n\n**Aktiviteter:** studiebesök på folkhögskola och komvux, studiecirklar, individuell studievägledning.\n',
    },
    {
      key: 'tidsplan', author: fatima.id, daysAgo: 4,
      text: '- Förberedelse (3 månader): avtal mellan kommunerna, rekrytering av personal.\n- Genomförande (24 månader): löpande intag av deltagare.\n- Avslut (3 månader): utvärdering och implementering i ordinarie verksamhet.',
    },
  ], now);
  const vara = orgId(db, 'Vara folkhögskola');
  const skovde = orgId(db, 'Skövde kommun');
  if (skovde) addIdeaOrganisation(db, idea2.id, skovde, 'Projektägare, kommunala aktivitetsansvaret');
  if (vara) addIdeaOrganisation(db, idea2.id, vara, 'Studiemotiverande kurs och allmän kurs');
}
