import type { APIRoute } from 'astro';
import { loginUrlFor } from '#lib/auth/redirect.ts';
import { can } from '#lib/auth/permissions.ts';
import { getDb } from '#lib/db.ts';
import { getOutboxMail } from '#lib/mail/outbox.ts';

export const prerender = false;

/** Downloads attachment number `index` (0-based) of an outbox mail; administrators only. */
export const GET: APIRoute = ({ params, locals, url, redirect }) => {
  const user = locals.user;
  if (!user) return redirect(loginUrlFor(url.pathname));
  if (!can(user, 'outbox.view')) return new Response('Utkorgen är till för administratörer.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const mail = /^\d{1,12}$/.test(params.id ?? '') ? getOutboxMail(getDb(), Number(params.id)) : undefined;
  const attachment = mail && /^\d{1,3}$/.test(params.index ?? '') ? mail.attachments[Number(params.index)] : undefined;
  if (!attachment) return new Response('Bilagan finns inte.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  // Served as a download with a safe type: the file was made by the portal, but it is never rendered inline.
  const filename = attachment.filename.replace(/[^\w.\-åäöÅÄÖ]/g, '_');
  return new Response(Buffer.from(attachment.content, 'base64'), {
    headers: {
      'content-type': /^text\/calendar\b/.test(attachment.contentType) ? 'text/calendar; charset=utf-8' : 'application/octet-stream',
      'content-disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
};
