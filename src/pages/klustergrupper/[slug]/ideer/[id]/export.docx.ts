import type { APIRoute } from 'astro';
import { endpointUser } from '#guards';
import { getDb } from '#lib/db.ts';
import { ideaAccessBySlug } from '#lib/clusters/access.ts';
import { exportFileName, loadIdeaDocument } from '#lib/ideas/document.ts';
import { ideaToDocx } from '#lib/ideas/export-docx.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const { params } = context;
  const user = endpointUser(context);
  if (user instanceof Response) return user;
  const db = getDb();
  const access = ideaAccessBySlug(db, user, params.slug ?? '', Number(params.id));
  if (!access.ok) return new Response(access.message, { status: access.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const doc = loadIdeaDocument(db, access.idea, access.group.name);
  const buffer = await ideaToDocx(doc);
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="${exportFileName(doc.title, 'docx')}"`,
      'cache-control': 'no-store',
    },
  });
};
