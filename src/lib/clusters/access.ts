// Loads a group (and idea) for a request and applies can(): pages and actions share this, so a
// route can never forget the membership check.
import { eq } from 'drizzle-orm';
import { ideas, type ClusterGroup, type ClusterMembership, type Idea, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { getIdea } from '#lib/ideas/ideas.ts';
import { can, type ClusterAction } from './permissions.ts';
import { getGroupBySlug, getGroupById, getMembership } from './groups.ts';

export type Denied = { ok: false; status: 403 | 404; message: string };

export type GroupAccess = { ok: true; group: ClusterGroup; membership: ClusterMembership | null } | Denied;
export type IdeaAccess = { ok: true; group: ClusterGroup; membership: ClusterMembership | null; idea: Idea } | Denied;

const NOT_FOUND_GROUP: Denied = { ok: false, status: 404, message: 'Klustergruppen finns inte.' };
const NOT_FOUND_IDEA: Denied = { ok: false, status: 404, message: 'Projektidén finns inte.' };

export function groupAccess(db: Db, user: User, group: ClusterGroup | undefined, action: ClusterAction = 'group:view'): GroupAccess {
  if (!group) return NOT_FOUND_GROUP;
  const membership = getMembership(db, group.id, user.id);
  if (!can(user, action, { group, membership })) {
    return { ok: false, status: 403, message: 'Du har inte behörighet att göra det här i gruppen.' };
  }
  return { ok: true, group, membership };
}

export function groupAccessBySlug(db: Db, user: User, slug: string, action: ClusterAction = 'group:view'): GroupAccess {
  return groupAccess(db, user, getGroupBySlug(db, slug), action);
}

export function groupAccessById(db: Db, user: User, groupId: number, action: ClusterAction = 'group:view'): GroupAccess {
  return groupAccess(db, user, getGroupById(db, groupId), action);
}

export function ideaAccess(db: Db, user: User, group: ClusterGroup | undefined, ideaId: number, action: ClusterAction = 'idea:view'): IdeaAccess {
  if (!group) return NOT_FOUND_GROUP;
  const idea = Number.isInteger(ideaId) ? getIdea(db, group.id, ideaId) : undefined;
  if (!idea) return NOT_FOUND_IDEA;
  const membership = getMembership(db, group.id, user.id);
  if (!can(user, action, { group, membership, idea })) {
    const message =
      action === 'idea:view'
        ? 'Projektidén är bara synlig för klustergruppens medlemmar.'
        : action === 'idea:edit' && membership?.status === 'active'
          ? 'Idén är avslutad och kan inte längre redigeras.'
          : 'Du har inte behörighet att göra det här med projektidén.';
    return { ok: false, status: 403, message };
  }
  return { ok: true, group, membership, idea };
}

export function ideaAccessBySlug(db: Db, user: User, slug: string, ideaId: number, action: ClusterAction = 'idea:view'): IdeaAccess {
  return ideaAccess(db, user, getGroupBySlug(db, slug), ideaId, action);
}

export function ideaAccessById(db: Db, user: User, ideaId: number, action: ClusterAction = 'idea:view'): IdeaAccess {
  const idea = Number.isInteger(ideaId) ? db.select().from(ideas).where(eq(ideas.id, ideaId)).get() : undefined;
  if (!idea) return NOT_FOUND_IDEA;
  return ideaAccess(db, user, getGroupById(db, idea.groupId), ideaId, action);
}
