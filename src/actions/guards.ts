// Helpers for action handlers: who is calling, may they, and Swedish errors for the form pages.
// Throw these before doing anything: UNAUTHORIZED (401) when nobody is logged in, FORBIDDEN (403)
// when the user lacks the right.
import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { User } from '../../db/schema/index.ts';
import { can, type AdminPermission } from '../lib/auth/permissions.ts';
import { retryAfterText } from '../lib/auth/rate-limit.ts';
import type { RequestContext } from '../lib/auth/accounts.ts';
import { formatTime } from '../lib/time.ts';
import { siteUrl } from '../lib/config.ts';

export function requireUser(context: ActionAPIContext): User {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Du behöver logga in för att göra det här.' });
  return user;
}

export function requirePermission(context: ActionAPIContext, permission: AdminPermission, target?: Pick<User, 'id'>): User {
  const user = requireUser(context);
  if (!can(user, permission, target)) {
    throw new ActionError({ code: 'FORBIDDEN', message: 'Du har inte behörighet att göra det här.' });
  }
  return user;
}

export function tooManyRequests(what: string, retryAt: Date): ActionError {
  return new ActionError({
    code: 'TOO_MANY_REQUESTS',
    message: `${what} Försök igen ${retryAfterText(retryAt, new Date(), formatTime)}.`,
  });
}

/**
 * An error that belongs to one form field, found by the handler rather than by zod (e.g. "the current
 * password is wrong"). It serialises like Astro's own input errors, so `isInputError()` and
 * `error.fields` work for it on the page.
 */
class FieldActionError extends ActionError {
  issues: Array<{ code: 'custom'; path: string[]; message: string }>;
  fields: Record<string, string[]>;
  constructor(field: string, message: string) {
    super({ code: 'BAD_REQUEST', message });
    (this as unknown as { type: string }).type = 'AstroActionInputError';
    this.issues = [{ code: 'custom', path: [field], message }];
    this.fields = { [field]: [message] };
  }
}

export function fieldError(field: string, message: string): ActionError {
  return new FieldActionError(field, message);
}

/** Base URL for links in mails (siteUrl(): never the request's Host header) and client IP. */
export function requestContext(context: ActionAPIContext): RequestContext {
  let ip = 'okänd';
  try {
    ip = context.clientAddress;
  } catch {
    /* not available (e.g. prerendering) */
  }
  return { baseUrl: siteUrl(), ip };
}
