import type { APIRoute } from 'astro';
import { getDb } from '#lib/db.ts';
import { invalidateSession } from '#lib/auth/session.ts';
import { deleteSessionCookie, isSecureRequest } from '#lib/auth/cookie.ts';

export const prerender = false;

// Log-out is a POST (from the header's form), so a link or an image cannot log anyone out.
export const POST: APIRoute = ({ locals, cookies, request, url, redirect }) => {
  if (locals.session) invalidateSession(getDb(), locals.session.id);
  deleteSessionCookie(cookies, isSecureRequest(request, url));
  return redirect('/logga-in?klart=utloggad', 303);
};
