import { defineMiddleware } from 'astro:middleware';
import { getDb } from './lib/db.ts';
import { SESSION_COOKIE, validateSessionToken } from './lib/auth/session.ts';
import { deleteSessionCookie, isSecureRequest, setSessionCookie } from './lib/auth/cookie.ts';
import { collab } from './lib/collab/index.ts';
import { publishJobs } from './lib/jobs.ts';
import { publishConfig } from './lib/config.ts';
import { actionName, isActionRequest, jsonError, rejectMalformedActionCall, translateActionResponse } from './lib/http/action-errors.ts';
import { actionAccessDenial } from './actions/access.ts';
import { isSharedPage, publicPages } from './lib/cache/public-pages.ts';

/** A response whose headers can be changed (Response.redirect() gives immutable ones). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

/**
 * Pages rendered for a logged-in member hold their data: no shared or browser cache may keep them
 * (Cache-Control: no-store). Responses that chose their own caching (e.g. the public calendar feed)
 * keep it. Static files never pass here.
 */
function privateResponse(response: Response, loggedIn: boolean): Response {
  if (!loggedIn || response.headers.has('cache-control')) return response;
  return withHeader(response, 'cache-control', 'no-store');
}

// Publishes the live co-writing server, the background jobs and the configuration checks for
// scripts/serve.mjs as soon as the bundle's middleware loads; serve.mjs starts the jobs once, before it listens.
collab();
publishJobs();
publishConfig();

// Validates the session cookie and exposes the user to pages and actions. Besides that, only for
// action calls: who may call an action is checked before Astro parses its input (401/403, never a
// 400 that lists the fields); calls Astro's runtime would answer with a 500 (unknown action name,
// unreadable body, a page form post that is not a form) get a Swedish 4xx first, and the errors the
// runtime raises itself get Swedish messages (a 500 keeps only a Swedish message and the request id).
export const onRequest = defineMiddleware(async (ctx, next) => {
  ctx.locals.user = null;
  ctx.locals.session = null;
  if (ctx.isPrerendered) return next();

  // A visitor without any cookie gets public pages from the shared cache (src/lib/cache/public-pages.ts).
  if (isSharedPage(ctx.request, ctx.url)) return publicPages.serve(getDb(), ctx.url, next, () => !ctx.cookies.headers().next().done);
  const token = ctx.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const secure = isSecureRequest(ctx.request, ctx.url);
    const { session, user, extended } = validateSessionToken(getDb(), token);
    if (session) {
      // The cookie was set with the session's expiry at log-in; it is sent again only when that expiry
      // slides (past half the session's life), so both always end together and most responses set no cookie.
      if (extended) setSessionCookie(ctx.cookies, token, session.expiresAt, secure);
      ctx.locals.user = user;
      ctx.locals.session = session;
    } else {
      deleteSessionCookie(ctx.cookies, secure);
    }
  }
  const loggedIn = ctx.locals.user !== null;
  if (!isActionRequest(ctx.request, ctx.url)) return privateResponse(await next(), loggedIn);
  const malformed = await rejectMalformedActionCall(ctx.request, ctx.url);
  if (malformed) return malformed;
  const rpc = ctx.url.pathname.startsWith('/_actions/');
  if (rpc) {
    const denial = actionAccessDenial(actionName(ctx.url), ctx.locals.user);
    if (denial) return jsonError(denial.code, denial.status, denial.message);
  }
  const response = await next();
  return privateResponse(rpc ? await translateActionResponse(response, ctx.request.headers.get('x-request-id')) : response, loggedIn);
});
