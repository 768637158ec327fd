// The one guard module of the request frame, for actions, pages and endpoints alike:
// - who is calling (requireUser / pageUser / endpointUser) and may they (requirePermission / guardPage);
// - expected domain failures (DomainError, src/lib/errors.ts) become an ActionError (run) or a page
//   status with the denied view (guardPage + layouts/Member.astro), through httpStatus() — never a 500.
// Pages return the log-in redirect this module builds; they never write one themselves.
import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { APIContext, AstroGlobal } from 'astro';
import type { User } from '#db/schema/index.ts';
import { can, type AdminPermission } from './lib/auth/permissions.ts';
import { retryAfterText } from './lib/auth/rate-limit.ts';
import { loginUrlFor } from './lib/auth/redirect.ts';
import type { RequestContext } from './lib/auth/accounts.ts';
import { formatTime } from './lib/time.ts';
import { siteUrl } from './lib/config.ts';
import { DomainError, httpStatus, type Denial } from './lib/errors.ts';
import { getDb, type Db } from './lib/db.ts';
import { findManagedActivity } from './lib/activities/managed.ts';
import type { ActivityDetails } from './lib/activities/activities.ts';

export type { Denial } from './lib/errors.ts';

const LOG_IN_FIRST = 'Du behöver logga in för att göra det här.';
const NOT_ALLOWED = 'Du har inte behörighet att göra det här.';

// ---------------------------------------------------------------------------------------------
// Actions

export function requireUser(context: ActionAPIContext): User {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: LOG_IN_FIRST });
  return user;
}

export function requirePermission(context: ActionAPIContext, permission: AdminPermission, target?: Pick<User, 'id'>): User {
  const user = requireUser(context);
  if (!can(user, permission, target)) throw new ActionError({ code: 'FORBIDDEN', message: NOT_ALLOWED });
  return user;
}

/** The action error for a domain error: same code, same Swedish message; a field's error stays on its field. */
export function toActionError(error: DomainError): ActionError {
  if (error.field && error.code === 'BAD_REQUEST') return fieldError(error.field, error.message);
  return new ActionError({ code: error.code, message: error.message });
}

/** Runs domain code in an action, turning its expected errors (DomainError) into ActionErrors. */
export function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError) throw toActionError(error);
    throw error;
  }
}

/** Refuses an action with a page-style denial (404 or 403). */
export function deny(denial: Denial): never {
  throw new ActionError({ code: denial.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', message: denial.message });
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

// ---------------------------------------------------------------------------------------------
// Pages and endpoints

type PageContext = Pick<AstroGlobal, 'locals' | 'url' | 'redirect' | 'response'>;

/** What a guarded page renders with: the user, and the refusal the layout shows instead of the page (or null). */
export interface PageGate {
  user: User;
  denied: Denial | null;
}

/** A check after log-in: true/null when allowed, false or a Denial (or a thrown DomainError) when not. */
export type PageCheck = (user: User) => boolean | Denial | null | undefined;

export interface GuardOptions {
  /** An administrative permission the user needs (src/lib/auth/permissions.ts). */
  permission?: AdminPermission;
  /** Any other rule, e.g. "manages this activity". */
  check?: PageCheck;
  /** The Swedish text of the 403 page when a check says no. */
  message?: string;
}

/** The log-in redirect that brings the user back to this page afterwards. */
export function logInRedirect(page: Pick<AstroGlobal, 'url' | 'redirect'>): Response {
  return page.redirect(loginUrlFor(page.url.pathname + page.url.search));
}

/**
 * The guard of a member page: the log-in redirect (return it) when nobody is logged in; otherwise the
 * user and, when a check fails, the denial — with the response status already set, so the page only
 * passes the gate to its layout (layouts/Member.astro), which shows the denied view.
 */
export function guardPage(page: PageContext, options: GuardOptions = {}): Response | PageGate {
  const user = page.locals.user;
  if (!user) return logInRedirect(page);
  const denied = denialFor(user, options);
  if (denied) page.response.status = denied.status;
  return { user, denied };
}

/** Marks a gate as refused after the page has loaded its data (e.g. a group the user may not see). */
export function refuse(page: Pick<AstroGlobal, 'response'>, gate: PageGate, denial: Denial): PageGate {
  page.response.status = denial.status;
  return { ...gate, denied: denial };
}

/**
 * The organiser pages' start (edit, participants, check-in): log-in redirect, 404 when the activity does not
 * exist, and a gate carrying `message` as its 403 when the user does not manage it.
 */
export function guardManagedActivity(page: PageContext & Pick<AstroGlobal, 'params'>, message: string): Response | { db: Db; gate: PageGate; found: ActivityDetails; allowed: boolean } {
  const guard = guardPage(page);
  if (guard instanceof Response) return guard;
  const db = getDb();
  const managed = findManagedActivity(db, guard.user, page.params.slug!);
  if (!managed) return new Response(null, { status: 404 });
  const gate = managed.allowed ? guard : refuse(page, guard, { status: 403, message });
  return { db, gate, found: managed.found, allowed: !gate.denied };
}

function denialFor(user: User, options: GuardOptions): Denial | null {
  const forbidden = (message?: string): Denial => ({ status: 403, message: message ?? options.message ?? 'Du har inte behörighet att se den här sidan.' });
  if (options.permission && !can(user, options.permission)) return forbidden();
  if (!options.check) return null;
  try {
    const verdict = options.check(user);
    if (verdict === false) return forbidden();
    if (verdict && typeof verdict === 'object') return verdict;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { status: error.code === 'NOT_FOUND' ? 404 : 403, message: error.message };
    throw error;
  }
}

/** The user of a file endpoint (CSV, ICS, export), or the log-in redirect to return. */
export function endpointUser(context: Pick<APIContext, 'locals' | 'url' | 'redirect'>): User | Response {
  return context.locals.user ?? logInRedirect(context);
}

/** A plain-text refusal from a file endpoint, for a denial or a domain error. */
export function textResponse(refusal: Denial | DomainError): Response {
  const status = refusal instanceof DomainError ? httpStatus(refusal.code) : refusal.status;
  return new Response(refusal.message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
