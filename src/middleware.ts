import { defineMiddleware } from 'astro:middleware';
import { getDb } from './lib/db.ts';
import { SESSION_COOKIE, validateSessionToken } from './lib/auth/session.ts';
import { deleteSessionCookie, isSecureRequest, setSessionCookie } from './lib/auth/cookie.ts';

// Validates the session cookie and exposes the user to pages and actions. Nothing else.
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
  return next();
});
