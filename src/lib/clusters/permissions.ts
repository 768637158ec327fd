// Every permission rule for cluster groups and project ideas, in one function.
//
// Visibility decision (documented in the report and the group page): a private idea is readable
// ONLY by active members of its group. Coordinators and admins manage groups (create them, appoint
// leads, handle requests) but do not read private drafts unless they are members themselves — which
// is visible to everyone on the group page. Once a lead shares an idea that is "redo för utlysning"
// (or later), every logged-in active member may read it, read-only.
import type { IdeaStatus, JoinMode, MemberRole, MembershipStatus, Role, UserStatus } from '#db/schema/index.ts';
import { SHAREABLE_STATUSES } from '#lib/ideas/template.ts';

export type ClusterAction =
  | 'group:list'
  | 'group:view'
  | 'group:create'
  | 'group:manage'
  | 'group:appointLead'
  | 'group:join'
  | 'group:request'
  | 'group:respondInvite'
  | 'group:leave'
  | 'idea:create'
  | 'idea:view'
  | 'idea:edit'
  | 'idea:manage'
  | 'idea:share'
  | 'idea:comment'
  | 'comment:resolve';

export interface Actor {
  id: number;
  role: Role;
  status: UserStatus;
}

export interface PermissionContext {
  group?: { joinMode: JoinMode };
  /** The actor's own membership row in the group, if any. */
  membership?: { role: MemberRole; status: MembershipStatus } | null;
  idea?: { status: IdeaStatus; sharedWithAll: boolean };
  comment?: { authorId: number | null };
}

export function isSharedReadable(idea: { status: IdeaStatus; sharedWithAll: boolean }): boolean {
  return idea.sharedWithAll && SHAREABLE_STATUSES.includes(idea.status);
}

export function can(user: Actor | null | undefined, action: ClusterAction, ctx: PermissionContext = {}): boolean {
  if (!user || user.status !== 'active') return false;
  const m = ctx.membership ?? null;
  const member = m?.status === 'active';
  const lead = member && m.role === 'lead';
  const coordinator = user.role === 'coordinator' || user.role === 'admin';

  switch (action) {
    case 'group:list':
    case 'group:view':
      return true;
    case 'group:create':
    case 'group:appointLead':
      return coordinator;
    case 'group:manage':
      return lead || coordinator;
    case 'group:join':
      return ctx.group?.joinMode === 'open' && !m;
    case 'group:request':
      return ctx.group?.joinMode === 'request' && !m;
    case 'group:respondInvite':
      return m?.status === 'invited';
    case 'group:leave':
      return member || m?.status === 'requested';
    case 'idea:create':
      return member;
    case 'idea:view':
      return member || (!!ctx.idea && isSharedReadable(ctx.idea));
    case 'idea:edit':
      return member && !!ctx.idea && ctx.idea.status !== 'closed';
    case 'idea:manage':
      return lead;
    case 'idea:share':
      return lead && !!ctx.idea && SHAREABLE_STATUSES.includes(ctx.idea.status);
    case 'idea:comment':
      return member;
    case 'comment:resolve':
      return member && !!ctx.comment && (lead || (ctx.comment.authorId !== null && ctx.comment.authorId === user.id));
  }
}
