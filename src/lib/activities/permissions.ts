// Who may do what with activities. Every page and action asks here; the rule lives in one place.
import type { Activity, User } from '#db/schema/index.ts';
import { allowsNominations } from './kinds.ts';

type Actor = Pick<User, 'id' | 'role' | 'organisationId' | 'isContactPerson' | 'status'> | null | undefined;
type ActivityRef = Pick<Activity, 'createdBy' | 'organiserOrganisationId' | 'hostOrganisationId' | 'status' | 'kind'>;

export type ActivityAction = 'create' | 'view' | 'manage' | 'register' | 'nominate';

function isActive(user: Actor): user is NonNullable<Actor> {
  return !!user && user.status === 'active';
}

/**
 * create: coordinators and admins.
 * manage (edit, publish, cancel, participants, export, check-in, approve requests): admins; coordinators who created
 *   the activity or belong to its organiser or host organisation (so a host's coordinator manages its study visits).
 * view: published or cancelled activities for everyone; drafts only for those who manage them.
 * register: any active member, on a published activity.
 * nominate: a contact person with an organisation, on courses.
 */
export function can(user: Actor, action: 'create'): boolean;
export function can(user: Actor, action: Exclude<ActivityAction, 'create'>, activity: ActivityRef): boolean;
export function can(user: Actor, action: ActivityAction, activity?: ActivityRef): boolean {
  if (action === 'create') return isActive(user) && (user.role === 'coordinator' || user.role === 'admin');
  if (!activity) return false;
  switch (action) {
    case 'manage':
      if (!isActive(user)) return false;
      if (user.role === 'admin') return true;
      if (user.role !== 'coordinator') return false;
      if (activity.createdBy === user.id) return true;
      return user.organisationId != null && (user.organisationId === activity.organiserOrganisationId || user.organisationId === activity.hostOrganisationId);
    case 'view':
      return activity.status !== 'draft' || can(user, 'manage', activity);
    case 'register':
      return isActive(user) && activity.status === 'published';
    case 'nominate':
      return isActive(user) && user.isContactPerson && user.organisationId != null && activity.status === 'published' && allowsNominations(activity.kind);
  }
}
