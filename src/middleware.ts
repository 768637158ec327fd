import { defineMiddleware } from 'astro:middleware';
import { getDb } from './lib/db.ts';
import { SESSION_COOKIE, validateSessionToken } from './lib/auth/session.ts';
import { deleteSessionCookie, isSecureRequest, setSessionCookie } from './lib/auth/cookie.ts';
import { collab } from './lib/collab/index.ts';
import { isActionRequest, rejectMalformedActionCall, translateActionResponse } from './lib/http/action-errors.ts';

// Validates the session cookie and exposes the user to pages and actions. Besides that, only for
// action calls: calls Astro's runtime would answer with a 500 (unknown action name, unreadable body,
// a page form post that is not a form) get a Swedish 4xx first, and the errors the runtime raises
// itself (too large, wrong format, unknown action) get Swedish messages.
// Publishes the live co-writing server for scripts/serve.mjs as soon as the bundle's middleware loads.
collab();

export const onRequest = defineMiddleware(async (ctx, next) => {
  ctx.locals.user = null;
  ctx.locals.session = null;
  if (ctx.isPrerendered) return next();

  const token = ctx.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const secure = isSecureRequest(ctx.request, ctx.url);
    const { session, user } = validateSessionToken(getDb(), token);
    if (session) {
      setSessionCookie(ctx.cookies, token, session.expiresAt, secure);
      ctx.locals.user = user;
      ctx.locals.session = session;
    } else {
      deleteSessionCookie(ctx.cookies, secure);
    }
  }
  if (!isActionRequest(ctx.request, ctx.url)) return next();
  const malformed = await rejectMalformedActionCall(ctx.request, ctx.url);
  if (malformed) return malformed;
  const response = await next();
  return ctx.url.pathname.startsWith('/_actions/') ? translateActionResponse(response) : response;
});
