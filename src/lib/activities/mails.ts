// Every activity mail, in Swedish. Each uses a dedupe key so no mail goes out twice for the same event,
// also after a restart (the key is stored in the outbox).
import type { Activity, ActivityDate, Registration, User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { sendMail } from '#lib/mail/outbox.ts';
import { composeMail } from '#lib/mail/layout.ts';
import { formatDateTime, formatRange } from '#lib/time.ts';
import { buildCalendar, type CalendarMethod } from './calendar.ts';
import { KIND_LABELS, kindAndTitle } from './kinds.ts';
import { activityUrl, siteUrl } from './site.ts';

type Person = Pick<User, 'id' | 'name' | 'email'>;
type Dates = Array<Pick<ActivityDate, 'id' | 'startsAt' | 'endsAt'>>;

function whenLines(dates: Dates): string {
  if (dates.length === 1) return `När: ${formatRange(dates[0]!.startsAt, dates[0]!.endsAt)}`;
  return ['När:', ...dates.map((d, i) => `Dag ${i + 1}: ${formatRange(d.startsAt, d.endsAt)}`)].join('\n');
}

function whereLine(activity: Activity): string {
  const parts = [activity.place, activity.digitalLink ? `digitalt: ${activity.digitalLink}` : null].filter(Boolean);
  return `Var: ${parts.join(', ') || 'meddelas senare'}`;
}

function guideLines(activity: Activity, base: string): string | null {
  if (activity.guides.length === 0) return null;
  return ['Läs gärna metodguiderna som hör till aktiviteten:', ...activity.guides.map((g) => `${g.title}: ${base}/guider/${g.slug}`)].join('\n');
}

function details(activity: Activity, dates: Dates): string[] {
  return [kindAndTitle(activity.kind, activity.title), whenLines(dates), whereLine(activity)];
}

function icsAttachment(activity: Activity, dates: Dates, base: string, method: CalendarMethod = 'PUBLISH') {
  const ics = buildCalendar([{ activity, dates }], { calName: activity.title, base, method });
  return { filename: `${activity.slug}.ics`, contentType: `text/calendar; charset=utf-8; method=${method}`, content: Buffer.from(ics, 'utf8').toString('base64') };
}

type Link = { url: string; label: string };
const toActivity = (activity: Activity, base: string): Link => ({ url: activityUrl(activity.slug, base), label: 'Till aktiviteten' });
const toList = (base: string): Link => ({ url: `${base}/aktiviteter`, label: 'Kommande aktiviteter' });

/** Greets the person, lays out the paragraphs with the link and stores/sends the mail once per dedupe key. */
function send(db: Db, user: Person, mail: { subject: string; paragraphs: string[]; link: Link; dedupeKey: string; attachments?: ReturnType<typeof icsAttachment>[] }): boolean {
  const { text, html } = composeMail([`Hej ${user.name}!`, ...mail.paragraphs], mail.link);
  return sendMail(db, { to: user.email, subject: mail.subject, text, html, attachments: mail.attachments, dedupeKey: mail.dedupeKey });
}

export function sendConfirmation(db: Db, activity: Activity, dates: Dates, user: Person, reg: Pick<Registration, 'id' | 'confirmedAt' | 'nominatedBy'>, options: { base?: string; nominatorName?: string; decisionMessage?: string | null } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [options.nominatorName ? `${options.nominatorName} har anmält dig till ${activity.title}, och du har fått en plats.` : `Du har en bekräftad plats på ${activity.title}. Välkommen!`];
  if (options.decisionMessage) paragraphs.push(`Meddelande från arrangören:\n${options.decisionMessage}`);
  paragraphs.push(...details(activity, dates));
  const guides = guideLines(activity, base);
  if (guides) paragraphs.push(guides);
  paragraphs.push('Kalenderfilen i bilagan lägger in aktiviteten i din kalender. Kan du inte komma? Avboka på aktivitetens sida eller under Mina sidor, så går platsen vidare till någon på väntelistan.');
  return send(db, user, {
    subject: `Bekräftelse: ${activity.title}`,
    paragraphs,
    link: toActivity(activity, base),
    attachments: [icsAttachment(activity, dates, base)],
    dedupeKey: `activity-confirmation:${reg.id}:${reg.confirmedAt?.getTime() ?? 0}`,
  });
}

export function sendWaitlisted(db: Db, activity: Activity, user: Person, reg: Pick<Registration, 'id' | 'waitlistSeq'>, position: number, options: { base?: string; decisionMessage?: string | null; nominatorName?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs: string[] = [];
  if (options.nominatorName) paragraphs.push(`${options.nominatorName} har anmält dig till ${activity.title}.`);
  if (options.decisionMessage) paragraphs.push(`Meddelande från arrangören:\n${options.decisionMessage}`);
  paragraphs.push(
    `${activity.title} är fullbokad just nu, så du står på väntelistan (plats ${position}).`,
    'Blir en plats ledig får du ett mejl med ett erbjudande som gäller i 48 timmar. Vill du inte stå kvar kan du lämna väntelistan på aktivitetens sida.',
  );
  return send(db, user, { subject: `Väntelista: ${activity.title}`, paragraphs, link: toActivity(activity, base), dedupeKey: `activity-waitlisted:${reg.id}:${reg.waitlistSeq ?? 0}` });
}

export function sendOffer(db: Db, activity: Activity, dates: Dates, user: Person, reg: Pick<Registration, 'id' | 'offerCount' | 'offerExpiresAt'>, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [
    `En plats har blivit ledig på ${activity.title} och du står först på väntelistan.`,
    ...details(activity, dates),
    `Platsen är reserverad för dig till ${formatDateTime(reg.offerExpiresAt!)}. Tacka ja via länken nedan (du behöver vara inloggad). Svarar du inte i tid går platsen vidare till nästa person på väntelistan.`,
  ];
  const link = { url: `${activityUrl(activity.slug, base)}/erbjudande`, label: 'Tacka ja till platsen' };
  return send(db, user, { subject: `Ledig plats: ${activity.title}`, paragraphs, link, dedupeKey: `activity-offer:${reg.id}:${reg.offerCount}` });
}

export function sendOfferExpired(db: Db, activity: Activity, user: Person, reg: Pick<Registration, 'id' | 'offerCount'>, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [
    `Erbjudandet om en plats på ${activity.title} gick ut utan svar, så platsen har gått vidare till nästa person på väntelistan.`,
    'Vill du fortfarande delta kan du anmäla dig på nytt på aktivitetens sida.',
  ];
  return send(db, user, { subject: `Erbjudandet har gått ut: ${activity.title}`, paragraphs, link: toActivity(activity, base), dedupeKey: `activity-offer-expired:${reg.id}:${reg.offerCount}` });
}

export function sendReminder(db: Db, activity: Activity, dates: Dates, user: Person, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [`Påminnelse: ${activity.title} börjar snart.`, ...details(activity, dates)];
  const guides = guideLines(activity, base);
  if (guides) paragraphs.push(guides);
  paragraphs.push('Kan du inte komma? Avboka så snart som möjligt, så får någon på väntelistan din plats.');
  return send(db, user, {
    subject: `Påminnelse: ${activity.title}`,
    paragraphs,
    link: toActivity(activity, base),
    dedupeKey: `activity-reminder:${activity.id}:${user.id}:${dates[0]?.startsAt.getTime() ?? 0}`,
  });
}

export function sendActivityCancelled(db: Db, activity: Activity, dates: Dates, user: Person, message: string | null, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [`${activity.title} är tyvärr inställd. Din anmälan gäller därför inte längre.`, whenLines(dates)];
  if (message) paragraphs.push(`Meddelande från arrangören:\n${message}`);
  paragraphs.push(
    'Kalenderfilen i bilagan tar bort aktiviteten ur din kalender om du har lagt in den.',
    'Vi ber om ursäkt för besväret. Håll utkik efter nya tillfällen bland Skaraborgsnätets aktiviteter.',
  );
  return send(db, user, {
    subject: `Inställd: ${activity.title}`,
    paragraphs,
    link: toList(base),
    attachments: [icsAttachment(activity, dates, base, 'CANCEL')],
    dedupeKey: `activity-cancelled:${activity.id}:${user.id}`,
  });
}

/** Sent to the member who cancelled a seat, declined an offer, left the waitlist or withdrew a request. */
export function sendRegistrationCancelled(db: Db, activity: Activity, dates: Dates, user: Person, reg: Pick<Registration, 'id' | 'updatedAt'>, previous: Registration['status'], options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const what =
    previous === 'waitlisted' ? `Du har lämnat väntelistan till ${activity.title}.`
    : previous === 'requested' ? `Du har dragit tillbaka din förfrågan om en plats på ${activity.title}.`
    : previous === 'offered' ? `Du har tackat nej till platsen på ${activity.title}. Platsen går vidare till nästa person på väntelistan.`
    : `Din plats på ${activity.title} är avbokad. Platsen går vidare till någon på väntelistan.`;
  const paragraphs = [what, whenLines(dates)];
  const attachments = previous === 'confirmed' ? [icsAttachment(activity, dates, base, 'CANCEL')] : undefined;
  if (attachments) paragraphs.push('Kalenderfilen i bilagan tar bort aktiviteten ur din kalender om du har lagt in den.');
  paragraphs.push('Ångrar du dig kan du anmäla dig igen på aktivitetens sida så länge anmälan är öppen.');
  return send(db, user, {
    subject: `Avbokning: ${activity.title}`,
    paragraphs,
    link: toActivity(activity, base),
    attachments,
    dedupeKey: `activity-registration-cancelled:${reg.id}:${reg.updatedAt.getTime()}`,
  });
}

/** Tells the host's contact people and coordinators and the activity's organiser that a request waits for them. */
export function sendRequestToHost(db: Db, activity: Activity, recipient: Person, requester: Person & { organisation: string | null }, reg: Pick<Registration, 'id' | 'updatedAt' | 'motivation'>, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [
    `${requester.name}${requester.organisation ? ` (${requester.organisation})` : ''} har skickat en förfrågan om en plats på ${activity.title} (${KIND_LABELS[activity.kind].toLowerCase()}).`,
  ];
  if (reg.motivation) paragraphs.push(`Motivering:\n${reg.motivation}`);
  paragraphs.push('Förfrågan väntar på svar. Godkänn eller avböj den på aktivitetens deltagarsida; personen får ett mejl med ert besked.');
  return send(db, recipient, {
    subject: `Ny förfrågan: ${activity.title}`,
    paragraphs,
    link: { url: `${activityUrl(activity.slug, base)}/deltagare#forfragningar`, label: 'Besvara förfrågan' },
    dedupeKey: `activity-request-host:${reg.id}:${reg.updatedAt.getTime()}:${recipient.id}`,
  });
}

export function sendRequestReceived(db: Db, activity: Activity, user: Person, reg: Pick<Registration, 'id' | 'createdAt' | 'updatedAt'>, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [
    `Tack för din förfrågan om en plats på ${activity.title} (${KIND_LABELS[activity.kind].toLowerCase()}).`,
    'Värdorganisationens samordnare går igenom förfrågan och du får ett mejl när den har besvarats.',
  ];
  return send(db, user, { subject: `Förfrågan mottagen: ${activity.title}`, paragraphs, link: toActivity(activity, base), dedupeKey: `activity-request:${reg.id}:${reg.updatedAt.getTime()}` });
}

export function sendRequestDeclined(db: Db, activity: Activity, user: Person, reg: Pick<Registration, 'id' | 'updatedAt'>, message: string | null, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [`Din förfrågan om en plats på ${activity.title} har tyvärr inte kunnat beviljas.`];
  if (message) paragraphs.push(`Meddelande från värdorganisationen:\n${message}`);
  paragraphs.push('Du är välkommen att söka andra studiebesök och auskultationer i Skaraborgsnätet.');
  return send(db, user, { subject: `Svar på din förfrågan: ${activity.title}`, paragraphs, link: toList(base), dedupeKey: `activity-declined:${reg.id}:${reg.updatedAt.getTime()}` });
}

export function sendMessageToParticipant(db: Db, activity: Activity, user: Person, subject: string, body: string, sender: string, dedupeKey: string, options: { base?: string } = {}): boolean {
  const base = options.base ?? siteUrl();
  const paragraphs = [body, `Hälsningar\n${sender}, arrangör av ${activity.title}`];
  return send(db, user, { subject: `${subject} – ${activity.title}`, paragraphs, link: toActivity(activity, base), dedupeKey });
}
