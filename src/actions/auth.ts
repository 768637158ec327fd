// Accounts, profile and member administration. Thin: parse (zod), check rights, call lib, map results
// to Swedish errors. Every handler checks log-in and permission before anything else.
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { ORGANISATION_TYPES, ROLES } from '#db/schema/index.ts';
import { getDb } from '#lib/db.ts';
import {
  changePassword,
  completePasswordReset,
  confirmPassword,
  logIn,
  requestPasswordReset,
  resendVerificationCode,
  signUp,
  verifyEmail,
} from '#lib/auth/accounts.ts';
import { deleteSessionCookie, isSecureRequest, setSessionCookie } from '#lib/auth/cookie.ts';
import { PASSWORD_MAX_LENGTH, passwordPolicyError } from '#lib/auth/password.ts';
import { safeNextPath } from '#lib/auth/redirect.ts';
import { createSession, generateSessionToken, invalidateAllSessions, invalidateSession } from '#lib/auth/session.ts';
import { DEVICE_COOKIE, setDeviceCookie, trustDevice } from '#lib/auth/trusted-device.ts';
import { parseDomains, saveOrganisation, SKARABORG_MUNICIPALITIES } from '#lib/organisations/index.ts';
import { decideOrganisationChange, requestOrganisationChange, withdrawOrganisationChange } from '#lib/organisations/change-requests.ts';
import { deleteAccount } from '#lib/users/delete.ts';
import { normaliseName, personNameProblem } from '#lib/text/names.ts';
import { approveMember, getMember, setMemberActive, setMemberRole } from '#lib/users/members.ts';
import { updateProfile } from '#lib/users/profile.ts';
import { fieldError, requestContext, requirePermission, requireUser, tooManyRequests } from '#guards';

// ---- shared field schemas (Swedish messages; empty fields arrive as null) ----
const email = z
  .string({ error: 'Fyll i din e-postadress.' })
  .trim()
  .toLowerCase()
  .max(254, 'E-postadressen är för lång.')
  .pipe(z.email({ error: 'Skriv en giltig e-postadress, till exempel namn@kommun.se.' }));
const password = (message = 'Fyll i ditt lösenord.') => z.string({ error: message }).min(1, message).max(PASSWORD_MAX_LENGTH, `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`);
const name = z
  .string({ error: 'Fyll i ditt namn.' })
  .trim()
  .min(2, 'Fyll i ditt namn.')
  .max(100, 'Namnet får ha högst 100 tecken.')
  .transform(normaliseName)
  .superRefine((value, ctx) => {
    const problem = personNameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** The organisation select: a positive id, or 0 for "no organisation / not in the list". */
const organisationId = z.number({ error: 'Välj din organisation.' }).int('Välj din organisation.').min(0, 'Välj din organisation.');
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} får ha högst ${max} tecken.`)
    .nullish() // an empty field arrives as null
    .transform((v) => (v ? v : null));
const userId = z.number({ error: 'Medlemmen saknas.' }).int().positive('Medlemmen saknas.');

function policyRefine(fieldName: string, passwordOf: (d: any) => string, context: (d: any) => { email?: string; name?: string } = () => ({})) {
  return (data: any, ctx: z.RefinementCtx) => {
    if (typeof passwordOf(data) !== 'string') return;
    const problem = passwordPolicyError(passwordOf(data), context(data));
    if (problem) ctx.addIssue({ code: 'custom', path: [fieldName], message: problem });
  };
}

function startSession(context: ActionAPIContext, userId: number): void {
  const db = getDb();
  const secure = isSecureRequest(context.request, context.url);
  // A fresh session on every log-in (no session fixation); the old one, if any, ends.
  if (context.locals.session) invalidateSession(db, context.locals.session.id);
  const token = generateSessionToken();
  const session = createSession(db, token, userId);
  setSessionCookie(context.cookies, token, session.expiresAt, secure);
}

function endSessionCookie(context: ActionAPIContext): void {
  deleteSessionCookie(context.cookies, isSecureRequest(context.request, context.url));
}

export const auth = {
  signup: defineAction({
    accept: 'form',
    input: z
      .object({ name, email, password: password('Välj ett lösenord.') })
      .superRefine(policyRefine('password', (d) => d.password, (d) => ({ email: d.email, name: d.name }))),
    handler: async (input, context) => {
      const result = await signUp(
        getDb(),
        { name: input.name, email: input.email, password: input.password },
        requestContext(context),
      );
      if (!result.ok && result.reason === 'rate_limited') throw tooManyRequests('För många nya konton har skapats från din uppkoppling.', result.retryAt);
      if (!result.ok) throw fieldError(result.field, result.message);
      return { email: input.email };
    },
  }),

  verify: defineAction({
    accept: 'form',
    input: z.object({ email, code: z.string({ error: 'Fyll i koden från mejlet.' }).trim().min(1, 'Fyll i koden från mejlet.').max(20, 'Koden har 8 tecken.') }),
    handler: async (input, context) => {
      const result = verifyEmail(getDb(), input.email, input.code, requestContext(context));
      if (result.ok) {
        if (result.status === 'active') startSession(context, result.user.id);
        return { status: result.status };
      }
      switch (result.reason) {
        case 'rate_limited':
          throw tooManyRequests('För många försök att verifiera.', result.retryAt);
        case 'expired':
          throw fieldError('code', 'Koden har gått ut. Begär en ny kod nedan.');
        case 'too_many_attempts':
          throw fieldError('code', 'För många felaktiga försök med den här koden. Begär en ny kod nedan.');
        default:
          throw fieldError('code', 'Koden stämmer inte. Kontrollera att du har skrivit den rätt och att e-postadressen stämmer.');
      }
    },
  }),

  resendCode: defineAction({
    accept: 'form',
    input: z.object({ email }),
    handler: async (input, context) => {
      const result = resendVerificationCode(getDb(), input.email, requestContext(context));
      if (!result.ok) throw tooManyRequests('Du har begärt många koder på kort tid.', result.retryAt);
      return { email: input.email };
    },
  }),

  login: defineAction({
    accept: 'form',
    input: z.object({ email, password: password(), next: z.string().max(2000).optional() }),
    handler: async (input, context) => {
      const deviceToken = context.cookies.get(DEVICE_COOKIE)?.value;
      const result = await logIn(getDb(), input.email, input.password, { ...requestContext(context), deviceToken });
      if (result.ok) {
        startSession(context, result.user.id);
        const device = trustDevice(getDb(), result.user.id, deviceToken);
        setDeviceCookie(context.cookies, device.token, device.expiresAt, isSecureRequest(context.request, context.url));
        return { redirectTo: safeNextPath(input.next) };
      }
      switch (result.reason) {
        case 'rate_limited':
          throw tooManyRequests('För många inloggningsförsök.', result.retryAt);
        case 'unverified':
          throw new ActionError({ code: 'FORBIDDEN', message: 'Du behöver bekräfta din e-postadress innan du kan logga in. Vi har skickat en ny kod till dig.' });
        case 'pending':
          throw new ActionError({ code: 'FORBIDDEN', message: 'Ditt konto väntar på att en samordnare godkänner det. Du får ett mejl när det är klart.' });
        case 'deactivated':
          throw new ActionError({ code: 'FORBIDDEN', message: 'Ditt konto är avstängt. Kontakta en samordnare om du tror att det är fel.' });
        default:
          throw new ActionError({ code: 'BAD_REQUEST', message: 'Fel e-postadress eller lösenord.' });
      }
    },
  }),

  requestReset: defineAction({
    accept: 'form',
    input: z.object({ email }),
    handler: async (input, context) => {
      const result = requestPasswordReset(getDb(), input.email, requestContext(context));
      if (!result.ok) throw tooManyRequests('Du har begärt många länkar på kort tid.', result.retryAt);
      return { email: input.email };
    },
  }),

  resetPassword: defineAction({
    accept: 'form',
    input: z
      .object({
        token: z.string({ error: 'Länken är ogiltig.' }).min(10, 'Länken är ogiltig.').max(200, 'Länken är ogiltig.'),
        password: password('Välj ett nytt lösenord.'),
        passwordConfirm: z.string({ error: 'Skriv lösenordet en gång till.' }),
      })
      .refine((d) => d.password === d.passwordConfirm, { path: ['passwordConfirm'], message: 'Lösenorden är inte lika.' }),
    handler: async (input, context) => {
      const result = await completePasswordReset(getDb(), input.token, input.password, requestContext(context));
      if (result.ok) {
        endSessionCookie(context);
        return { done: true };
      }
      if (result.reason === 'rate_limited') throw tooManyRequests('För många försök.', result.retryAt);
      if (result.reason === 'invalid_token') {
        throw new ActionError({ code: 'BAD_REQUEST', message: 'Länken har redan använts eller gått ut. Begär en ny länk.' });
      }
      throw fieldError(result.field, result.message);
    },
  }),

  updateProfile: defineAction({
    accept: 'form',
    input: z.object({ name, roleTitle: optionalText(100, 'Befattningen'), phone: optionalText(30, 'Telefonnumret') }),
    handler: async (input, context) => {
      const user = requireUser(context);
      if (input.phone && !/^[+0-9][0-9 ()-]{4,}$/.test(input.phone)) throw fieldError('phone', 'Skriv telefonnumret med siffror, till exempel 0500-49 30 00.');
      updateProfile(getDb(), user, input);
      return { saved: true };
    },
  }),

  requestOrganisationChange: defineAction({
    accept: 'form',
    input: z.object({ organisationId, message: optionalText(500, 'Motiveringen') }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const result = requestOrganisationChange(getDb(), user, input.organisationId || null, input.message);
      if (!result.ok) throw fieldError(result.field, result.message);
      return { requested: true };
    },
  }),

  withdrawOrganisationChange: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      if (!withdrawOrganisationChange(getDb(), user.id)) throw new ActionError({ code: 'NOT_FOUND', message: 'Du har ingen begäran om att byta organisation.' });
      return { withdrawn: true };
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    input: z
      .object({
        currentPassword: password('Fyll i ditt nuvarande lösenord.'),
        newPassword: password('Välj ett nytt lösenord.'),
        newPasswordConfirm: z.string({ error: 'Skriv det nya lösenordet en gång till.' }),
      })
      .refine((d) => d.newPassword === d.newPasswordConfirm, { path: ['newPasswordConfirm'], message: 'Lösenorden är inte lika.' }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const result = await changePassword(getDb(), user, context.locals.session!.id, input.currentPassword, input.newPassword, requestContext(context));
      if (result.ok) return { changed: true };
      if (result.reason === 'rate_limited') throw tooManyRequests('För många försök med fel lösenord.', result.retryAt);
      throw fieldError(result.field, result.message);
    },
  }),

  logoutEverywhere: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      invalidateAllSessions(getDb(), user.id);
      endSessionCookie(context);
      return { done: true };
    },
  }),

  deleteAccount: defineAction({
    accept: 'form',
    input: z.object({
      password: password('Fyll i ditt lösenord för att bekräfta.'),
      confirm: z.boolean().refine((v) => v, 'Kryssa i rutan för att bekräfta att kontot ska tas bort.'),
    }),
    handler: async (input, context) => {
      const user = requireUser(context);
      const check = await confirmPassword(user, input.password);
      if (!check.ok && check.reason === 'rate_limited') throw tooManyRequests('För många försök med fel lösenord.', check.retryAt);
      if (!check.ok) throw fieldError('password', 'Lösenordet stämmer inte.');
      deleteAccount(getDb(), user);
      endSessionCookie(context);
      return { deleted: true };
    },
  }),

  // ---- administration ----

  approveMember: defineAction({
    accept: 'form',
    input: z.object({ userId }),
    handler: async (input, context) => {
      requirePermission(context, 'member.approve');
      const result = approveMember(getDb(), input.userId, requestContext(context).baseUrl);
      if (!result.ok && result.reason === 'not_found') throw new ActionError({ code: 'NOT_FOUND', message: 'Medlemmen finns inte.' });
      if (!result.ok) throw new ActionError({ code: 'CONFLICT', message: 'Kontot väntar inte på godkännande.' });
      return { name: result.user.name };
    },
  }),

  decideOrganisationChange: defineAction({
    accept: 'form',
    input: z.object({
      requestId: z.number({ error: 'Begäran saknas.' }).int().positive('Begäran saknas.'),
      decision: z.enum(['approve', 'deny'], { error: 'Välj godkänn eller avslå.' }),
    }),
    handler: async (input, context) => {
      const decider = requirePermission(context, 'member.approve');
      const result = decideOrganisationChange(getDb(), decider, input.requestId, input.decision === 'approve');
      if (result.ok) return { name: result.user.name, approved: result.approved };
      if (result.reason === 'not_found') throw new ActionError({ code: 'NOT_FOUND', message: 'Begäran finns inte.' });
      if (result.reason === 'own_request') throw new ActionError({ code: 'FORBIDDEN', message: 'Du kan inte besluta om din egen begäran. Be en annan samordnare.' });
      throw new ActionError({ code: 'CONFLICT', message: 'Begäran är redan avgjord.' });
    },
  }),

  setMemberStatus: defineAction({
    accept: 'form',
    input: z.object({ userId, status: z.enum(['active', 'deactivated'], { error: 'Välj status.' }) }),
    handler: async (input, context) => {
      requirePermission(context, 'member.deactivate');
      const target = getMember(getDb(), input.userId);
      if (!target) throw new ActionError({ code: 'NOT_FOUND', message: 'Medlemmen finns inte.' });
      requirePermission(context, 'member.deactivate', target);
      const result = setMemberActive(getDb(), target.id, input.status === 'active');
      if (!result.ok) throw new ActionError({ code: 'CONFLICT', message: 'Kontot har inte bekräftat sin e-postadress än och kan inte ändras.' });
      return { name: result.user.name, status: result.user.status };
    },
  }),

  setMemberRole: defineAction({
    accept: 'form',
    input: z.object({ userId, role: z.enum(ROLES, { error: 'Välj en roll.' }), isContactPerson: z.boolean() }),
    handler: async (input, context) => {
      requirePermission(context, 'member.setRole');
      const target = getMember(getDb(), input.userId);
      if (!target) throw new ActionError({ code: 'NOT_FOUND', message: 'Medlemmen finns inte.' });
      requirePermission(context, 'member.setRole', target);
      const result = setMemberRole(getDb(), target.id, input.role, input.isContactPerson);
      if (!result.ok && result.reason === 'no_organisation') throw fieldError('isContactPerson', 'En kontaktperson måste höra till en organisation.');
      if (!result.ok) throw new ActionError({ code: 'NOT_FOUND', message: 'Medlemmen finns inte.' });
      return { name: result.user.name };
    },
  }),

  saveOrganisation: defineAction({
    accept: 'form',
    input: z.object({
      id: z.number().int().positive().optional(),
      name: z.string({ error: 'Fyll i organisationens namn.' }).trim().min(2, 'Fyll i organisationens namn.').max(120, 'Namnet får ha högst 120 tecken.'),
      type: z.enum(ORGANISATION_TYPES, { error: 'Välj typ av organisation.' }),
      municipality: z.enum(SKARABORG_MUNICIPALITIES).optional(),
      emailDomains: z.string().max(2000, 'För lång lista med domäner.').optional(),
    }),
    handler: async (input, context) => {
      requirePermission(context, 'organisation.manage');
      const { domains, invalid } = parseDomains(input.emailDomains ?? '');
      if (invalid.length) throw fieldError('emailDomains', `Ogiltig domän: ${invalid.join(', ')}. Skriv till exempel skovde.se.`);
      const result = saveOrganisation(getDb(), { name: input.name, type: input.type, municipality: input.municipality ?? null, emailDomains: domains }, input.id);
      if (!result.ok && result.field === 'id') throw new ActionError({ code: 'NOT_FOUND', message: result.message });
      if (!result.ok) throw fieldError(result.field, result.message);
      return { id: result.organisation.id, name: result.organisation.name, created: input.id === undefined };
    },
  }),
};
