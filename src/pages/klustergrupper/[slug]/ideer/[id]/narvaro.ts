// Presence: GET lists who has the idea open; POST (heartbeat, form field "section") records the
// viewer first. Only group members report presence; shared readers may read the list. Pages with a
// live idea channel (src/lib/collab/idea-channel.ts) need neither; this is their fallback without a socket.
import { endpointUser } from '#guards';
import type { APIRoute } from 'astro';
import { getDb } from '#lib/db.ts';
import { ideaAccessBySlug } from '#lib/clusters/access.ts';
import { activePresence, heartbeat } from '#lib/ideas/presence.ts';
import { sectionByKey } from '#lib/ideas/template.ts';
import { collab } from '#lib/collab/index.ts';

export const prerender = false;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

function handle(report: boolean): APIRoute {
  return async (context) => {
    const { params, request, url } = context;
    const user = endpointUser(context);
    if (user instanceof Response) return user;
    const db = getDb();
    const access = ideaAccessBySlug(db, user, params.slug ?? '', Number(params.id), report ? 'idea:comment' : 'idea:view');
    if (!access.ok) return json({ error: access.message }, access.status);
    if (report) {
      const origin = request.headers.get('origin');
      if (origin !== null && origin !== url.origin) return json({ error: 'Otillåten avsändare.' }, 403);
      let section: string | null = null;
      try {
        const form = await request.formData();
        const value = String(form.get('section') ?? '');
        section = sectionByKey(value) ? value : null;
      } catch {
        section = null;
      }
      heartbeat(db, access.idea.id, user.id, section);
      // Members with the idea open over a socket hear of it at once.
      collab().presenceChanged(access.idea.id);
    }
    return json({ present: activePresence(db, access.idea.id) });
  };
}

export const GET = handle(false);
export const POST = handle(true);
