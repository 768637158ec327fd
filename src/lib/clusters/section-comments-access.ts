// Who may read a section's comment threads as HTML fragments (the section page's live updates and its
// catch-up: src/pages/…/avsnitt/[key]/kommentarer/), and which threads each may resolve: members of the
// idea's group (idea:comment), as on the section page itself.
import type { User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { ideaAccessBySlug, type Denied } from './access.ts';
import { can } from './permissions.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { sectionByKey } from '#lib/ideas/template.ts';

export type SectionComments =
  | {
      ok: true;
      ideaId: number;
      sectionKey: string;
      sectionId: number;
      /** Adds whether this member may resolve the thread (its author or a group lead). */
      withResolveRight: <T extends { authorId: number | null }>(thread: T) => T & { mayResolve: boolean };
    }
  | Denied;

const NO_SECTION: Denied = { ok: false, status: 404, message: 'Avsnittet finns inte.' };

export function sectionComments(db: Db, user: User, params: { slug?: string; id?: string; key?: string }): SectionComments {
  const access = ideaAccessBySlug(db, user, params.slug ?? '', Number(params.id), 'idea:comment');
  if (!access.ok) return access;
  const def = sectionByKey(params.key ?? '');
  const section = def ? getSection(db, access.idea.id, def.key) : undefined;
  if (!def || !section) return NO_SECTION;
  const ctx = { group: access.group, membership: access.membership, idea: access.idea };
  return {
    ok: true,
    ideaId: access.idea.id,
    sectionKey: def.key,
    sectionId: section.id,
    withResolveRight: (thread) => ({ ...thread, mayResolve: can(user, 'comment:resolve', { ...ctx, comment: { authorId: thread.authorId } }) }),
  };
}
