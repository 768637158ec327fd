// Astro Actions for activities: parse with zod, check permission, call src/lib/activities, map errors to Swedish.
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { fieldError, requireUser, run } from '#guards';
import { getCollection } from 'astro:content';
import { z } from 'astro/zod';
import { ACTIVITY_KINDS } from '#db/schema/index.ts';
import { getDb } from '#lib/db.ts';
import { siteUrl } from '#lib/config.ts';
import { markdownProblem } from '#lib/text/markdown-limits.ts';
import { getOrganisation } from '#lib/organisations/index.ts';
import { can } from '#lib/activities/permissions.ts';
import { cancelActivity, createActivity, getActivityBySlug, publishActivity, updateActivity, type ActivityInput } from '#lib/activities/activities.ts';
import { cancelRegistration, decideRequest, getRegistrationById, nominate, register } from '#lib/activities/registration.ts';
import { acceptOffer } from '#lib/activities/offers.ts';
import { markAttendance } from '#lib/activities/attendance.ts';
import { messageConfirmedParticipants } from '#lib/activities/participants.ts';
import { parseDateRows } from '#lib/activities/form.ts';
import { answerField, collectAnswers, MAX_QUESTIONS, normalizeQuestions, parseQuestionRows } from '#lib/activities/questions.ts';
import { parseLocalDateTime } from '#lib/time.ts';

function baseUrl(_context: ActionAPIContext): string {
  return siteUrl();
}

function load(slug: string) {
  const db = getDb();
  const details = getActivityBySlug(db, slug);
  if (!details) throw new ActionError({ code: 'NOT_FOUND', message: 'Aktiviteten finns inte.' });
  return { db, ...details };
}

function managed(context: ActionAPIContext, slug: string) {
  const user = requireUser(context);
  const loaded = load(slug);
  if (!can(user, 'manage', loaded.activity)) throw new ActionError({ code: 'FORBIDDEN', message: 'Du har inte behörighet att hantera den här aktiviteten.' });
  return { user, ...loaded };
}

const answer = z.array(z.string().max(1000, 'Svaret får vara högst 1000 tecken.')).max(20).default([]);
const answerFields = { svar0: answer, svar1: answer, svar2: answer, svar3: answer, svar4: answer, svar5: answer, svar6: answer, svar7: answer, svar8: answer, svar9: answer };

const slug = z.string({ error: 'Aktivitet saknas.' }).min(1, 'Aktivitet saknas.').max(120);
const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional();
const optionalInt = (min: number, message: string) => z.number({ error: 'Ange ett heltal.' }).int('Ange ett heltal.').min(min, message).optional();
const localDateTime = z
  .string()
  .optional()
  .refine((v) => !v || parseLocalDateTime(v) !== null, 'Ange datum och tid som ÅÅÅÅ-MM-DD TT:MM.');

const activityShape = z.object({
    title: z.string({ error: 'Skriv en rubrik.' }).trim().min(3, 'Skriv en rubrik på minst 3 tecken.').max(160, 'Rubriken får vara högst 160 tecken.'),
    description: z
      .string({ error: 'Skriv en beskrivning.' })
      .trim()
      .min(10, 'Skriv en beskrivning på minst 10 tecken.')
      .max(20000, 'Beskrivningen är för lång.')
      .superRefine((text, ctx) => {
        const problem = markdownProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    kind: z.enum(ACTIVITY_KINDS, { error: 'Välj typ av aktivitet.' }),
    organiserId: optionalInt(1, 'Välj en organisation.'),
    hostId: optionalInt(1, 'Välj en organisation.'),
    place: optionalText(300, 'Platsen får vara högst 300 tecken.'),
    digitalLink: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Ange en fullständig länk som börjar med https://' })]).optional(),
    municipality: optionalText(60, 'Kommunnamnet är för långt.'),
    capacity: optionalInt(1, 'Antalet platser måste vara minst 1.'),
    quota: optionalInt(1, 'Platser per organisation måste vara minst 1.'),
    opensAt: localDateTime,
    closesAt: localDateTime,
    guides: z.array(z.string().max(80)).max(20).default([]),
    qText: z.array(z.string().max(1000, 'Frågan är för lång.')).max(MAX_QUESTIONS + 5).default([]),
    qType: z.array(z.string().max(20)).max(MAX_QUESTIONS + 5).default([]),
    qRequired: z.array(z.string().max(10)).max(MAX_QUESTIONS + 5).default([]),
    qOptions: z.array(z.string().max(5000, 'Svarsalternativen är för långa.')).max(MAX_QUESTIONS + 5).default([]),
    date: z.array(z.string()).default([]),
    start: z.array(z.string()).default([]),
    end: z.array(z.string()).default([]),
  });

type ActivityShape = z.infer<typeof activityShape>;

function refineActivity(v: ActivityShape, ctx: z.RefinementCtx) {
  const rows = parseDateRows(v.date, v.start, v.end);
  if (rows.error) ctx.addIssue({ code: 'custom', path: ['date'], message: rows.error });
  const questions = parseQuestionRows({ text: v.qText, type: v.qType, required: v.qRequired, options: v.qOptions });
  if (questions.error) ctx.addIssue({ code: 'custom', path: ['qText'], message: questions.error });
  if (!v.place && !v.digitalLink) ctx.addIssue({ code: 'custom', path: ['place'], message: 'Ange en plats (adress) eller en digital länk.' });
  const opens = v.opensAt ? parseLocalDateTime(v.opensAt) : null;
  const closes = v.closesAt ? parseLocalDateTime(v.closesAt) : null;
  if (opens && closes && opens >= closes) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Sista anmälningsdag måste vara efter att anmälan öppnar.' });
  if (closes && !rows.error && rows.dates.length && closes > rows.dates.reduce((a, d) => (d.startsAt < a ? d.startsAt : a), rows.dates[0]!.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Sista anmälningsdag kan inte vara efter att aktiviteten börjar.' });
  }
}

/**
 * Checks what zod cannot: the chosen organisations exist (an unknown id used to end in a foreign-key
 * 500), and no date lies in the past — except dates the activity already had (editing a running course).
 */
function checkReferences(v: ActivityShape, existingStarts: Date[] = [], now = new Date()): void {
  const db = getDb();
  if (v.organiserId !== undefined && !getOrganisation(db, v.organiserId)) throw fieldError('organiserId', 'Välj en organisation i listan.');
  if (v.hostId !== undefined && !getOrganisation(db, v.hostId)) throw fieldError('hostId', 'Välj en organisation i listan.');
  const known = new Set(existingStarts.map((d) => d.getTime()));
  const { dates } = parseDateRows(v.date, v.start, v.end);
  if (dates.some((d) => d.startsAt.getTime() < now.getTime() && !known.has(d.startsAt.getTime()))) {
    throw fieldError('date', 'Ett av datumen har redan passerat. Välj en dag och tid som inte har varit.');
  }
}

async function toInput(v: ActivityShape): Promise<ActivityInput> {
  const known = new Map((await getCollection('guides')).map((g) => [g.id, g.data.title] as const));
  return {
    title: v.title,
    description: v.description,
    kind: v.kind,
    organiserOrganisationId: v.organiserId ?? null,
    hostOrganisationId: v.hostId ?? null,
    place: v.place || null,
    digitalLink: v.digitalLink || null,
    municipality: v.municipality || null,
    capacity: v.capacity ?? null,
    organisationQuota: v.quota ?? null,
    registrationOpensAt: v.opensAt ? parseLocalDateTime(v.opensAt) : null,
    registrationClosesAt: v.closesAt ? parseLocalDateTime(v.closesAt) : null,
    guides: [...new Set(v.guides)].filter((s) => known.has(s)).map((s) => ({ slug: s, title: known.get(s)! })),
    questions: parseQuestionRows({ text: v.qText, type: v.qType, required: v.qRequired, options: v.qOptions }).questions,
    dates: parseDateRows(v.date, v.start, v.end).dates,
  };
}

export const activities = {
  create: defineAction({
    accept: 'form',
    input: activityShape.superRefine(refineActivity),
    handler: async (input, context) => {
      const user = requireUser(context);
      if (!can(user, 'create')) throw new ActionError({ code: 'FORBIDDEN', message: 'Bara samordnare kan skapa aktiviteter.' });
      checkReferences(input);
      const data = await toInput(input);
      const activity = run(() => createActivity(getDb(), data, user.id));
      return { slug: activity.slug };
    },
  }),

  update: defineAction({
    accept: 'form',
    input: activityShape.extend({ slug, confirmLowerCapacity: z.boolean().default(false) }).superRefine(refineActivity),
    handler: async (input, context) => {
      const { db, activity, dates } = managed(context, input.slug);
      checkReferences(input, dates.map((d) => d.startsAt));
      const data = await toInput(input);
      const { overbookedBy } = run(() => updateActivity(db, activity.id, data, { confirmLowerCapacity: input.confirmLowerCapacity, base: baseUrl(context) }));
      return { slug: activity.slug, overbookedBy };
    },
  }),

  publish: defineAction({
    accept: 'form',
    input: z.object({ slug }),
    handler: async (input, context) => {
      const { db, activity } = managed(context, input.slug);
      run(() => publishActivity(db, activity.id));
      return { slug: activity.slug };
    },
  }),

  cancelActivity: defineAction({
    accept: 'form',
    input: z.object({ slug, message: optionalText(2000, 'Meddelandet får vara högst 2000 tecken.'), confirm: z.boolean().default(false) }),
    handler: async (input, context) => {
      const { db, activity } = managed(context, input.slug);
      if (!input.confirm) throw new ActionError({ code: 'BAD_REQUEST', message: 'Kryssa i att du vill ställa in aktiviteten.' });
      const { notified } = run(() => cancelActivity(db, activity.id, input.message || null, { base: baseUrl(context) }));
      return { slug: activity.slug, notified };
    },
  }),

  register: defineAction({
    accept: 'form',
    input: z.object({
      slug,
      specialNeeds: optionalText(1000, 'Högst 1000 tecken.'),
      motivation: optionalText(2000, 'Motiveringen får vara högst 2000 tecken.'),
      // One field per question (svar0 … svar9); several values for a "several choices" question.
      ...answerFields,
    }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const { db, activity } = load(input.slug);
      // Whether registration is open is register()'s rule (registrationClosedReason in seats.ts).
      if (!can(user, 'view', activity)) throw new ActionError({ code: 'NOT_FOUND', message: 'Aktiviteten finns inte.' });
      const fields = input as unknown as Record<string, string[] | undefined>;
      const questions = normalizeQuestions(activity.questions);
      const { answers, errors } = collectAnswers(questions, questions.map((_, i) => fields[answerField(i)] ?? []));
      const firstError = Object.entries(errors)[0];
      if (firstError) throw fieldError(firstError[0], firstError[1]);
      const outcome = run(() =>
        register(db, { activityId: activity.id, userId: user.id, specialNeeds: input.specialNeeds, motivation: input.motivation, answers }, { base: baseUrl(context) }),
      );
      return { slug: activity.slug, status: outcome.registration.status, position: outcome.position };
    },
  }),

  /** Cancel a seat, decline an offer, leave the waitlist or withdraw a request. */
  cancelRegistration: defineAction({
    accept: 'form',
    input: z.object({ slug, confirm: z.boolean().default(false) }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const { db, activity } = load(input.slug);
      // Only the confirmation step (/aktiviteter/<slug>/avboka) sends confirm=true.
      if (!input.confirm) throw new ActionError({ code: 'BAD_REQUEST', message: 'Bekräfta att du vill avboka.' });
      const { previousStatus } = run(() => cancelRegistration(db, activity.id, user.id, { base: baseUrl(context) }));
      return { slug: activity.slug, status: previousStatus };
    },
  }),

  acceptOffer: defineAction({
    accept: 'form',
    input: z.object({ slug }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const { db, activity } = load(input.slug);
      run(() => acceptOffer(db, activity.id, user.id, { base: baseUrl(context) }));
      return { slug: activity.slug };
    },
  }),

  nominate: defineAction({
    accept: 'form',
    input: z.object({ slug, colleagueId: z.number({ error: 'Välj en kollega.' }).int().min(1, 'Välj en kollega.'), specialNeeds: optionalText(1000, 'Högst 1000 tecken.') }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const { db, activity } = load(input.slug);
      if (!can(user, 'nominate', activity)) throw new ActionError({ code: 'FORBIDDEN', message: 'Bara kontaktpersoner kan anmäla kollegor till kurser.' });
      const outcome = run(() => nominate(db, activity.id, user, input.colleagueId, { base: baseUrl(context), specialNeeds: input.specialNeeds }));
      return { slug: activity.slug, status: outcome.registration.status, position: outcome.position };
    },
  }),

  decideRequest: defineAction({
    accept: 'form',
    input: z.object({
      slug,
      registrationId: z.number({ error: 'Förfrågan saknas.' }).int(),
      decision: z.enum(['approve', 'decline'], { error: 'Välj att godkänna eller avböja.' }),
      message: optionalText(2000, 'Meddelandet får vara högst 2000 tecken.'),
    }),
    handler: async (input, context) => {
      const { db, activity } = managed(context, input.slug);
      const reg = getRegistrationById(db, input.registrationId);
      if (!reg || reg.activityId !== activity.id) throw new ActionError({ code: 'NOT_FOUND', message: 'Förfrågan finns inte.' });
      const outcome = run(() => decideRequest(db, reg.id, input.decision, input.message || null, { base: baseUrl(context) }));
      return { slug: activity.slug, status: outcome.registration.status };
    },
  }),

  markAttendance: defineAction({
    accept: 'form',
    input: z.object({ slug, registrationId: z.number().int(), dateId: z.number().int(), present: z.boolean().default(false) }),
    handler: async (input, context) => {
      const { db, activity, user } = managed(context, input.slug);
      run(() => markAttendance(db, activity.id, input.registrationId, input.dateId, input.present, user.id));
      return { slug: activity.slug, dateId: input.dateId };
    },
  }),

  mailParticipants: defineAction({
    accept: 'form',
    input: z.object({
      slug,
      subject: z.string({ error: 'Skriv en ämnesrad.' }).trim().min(3, 'Skriv en ämnesrad på minst 3 tecken.').max(150, 'Ämnesraden får vara högst 150 tecken.'),
      body: z.string({ error: 'Skriv ett meddelande.' }).trim().min(10, 'Skriv ett meddelande på minst 10 tecken.').max(5000, 'Meddelandet får vara högst 5000 tecken.'),
    }),
    handler: async (input, context) => {
      const { db, activity, user } = managed(context, input.slug);
      const sent = messageConfirmedParticipants(db, activity, { subject: input.subject, body: input.body, sender: user.name }, { base: baseUrl(context) });
      return { slug: activity.slug, sent };
    },
  }),
};
