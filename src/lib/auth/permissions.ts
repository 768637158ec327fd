// Who may do what in the member administration — the one place these rules live.
//
//   member       own profile, own data, own account
//   coordinator  + sees the member list and approves pending accounts
//                (creates activities and cluster groups: see those domains' permission modules)
//   admin        + changes roles and contact persons, deactivates and reactivates accounts,
//                manages organisations, reads the outbox
//
// Only active users have any rights. Nobody changes their own role or status (no lock-outs).
import type { Role, User, UserStatus } from '#db/schema/index.ts';

/** The stored roles and account statuses, for forms and filters (pages take them from here, not the schema). */
export { ROLES, USER_STATUSES } from '#db/schema/index.ts';

export const ROLE_LABELS: Record<Role, string> = { member: 'Medlem', coordinator: 'Samordnare', admin: 'Administratör' };
/** The role in URLs (the member list's `?roll=`): Swedish, as before the roles were stored in English. */
export const ROLE_SLUGS: Record<Role, string> = { member: 'medlem', coordinator: 'samordnare', admin: 'admin' };
/** The role a URL's `?roll=` names, or undefined for an empty or unknown value. */
export function roleFromSlug(slug: string | null | undefined): Role | undefined {
  return (Object.keys(ROLE_SLUGS) as Role[]).find((role) => ROLE_SLUGS[role] === slug);
}

export const STATUS_LABELS: Record<UserStatus, string> = {
  unverified: 'Ej verifierad',
  pending: 'Väntar på godkännande',
  active: 'Aktiv',
  deactivated: 'Avstängd',
};

const RANK: Record<Role, number> = { member: 0, coordinator: 1, admin: 2 };

type Actor = Pick<User, 'id' | 'role' | 'status'> | null | undefined;

/** True for an active user whose role is `role` or higher (member < coordinator < admin). */
export function hasRole(user: Actor, role: Role): boolean {
  return !!user && user.status === 'active' && RANK[user.role] >= RANK[role];
}

export const isCoordinator = (user: Actor): boolean => hasRole(user, 'coordinator');
export const isAdmin = (user: Actor): boolean => hasRole(user, 'admin');

export type AdminPermission =
  | 'admin.view' // the administration pages at all (/admin)
  | 'member.list'
  | 'member.approve'
  | 'member.setRole'
  | 'member.setContactPerson'
  | 'member.deactivate'
  | 'organisation.manage'
  | 'outbox.view';

/** `target` is the member acted on, for rules about oneself. */
export function can(user: Actor, permission: AdminPermission, target?: Pick<User, 'id'>): boolean {
  switch (permission) {
    case 'admin.view':
    case 'member.list':
    case 'member.approve':
      return isCoordinator(user);
    case 'member.setRole':
    case 'member.deactivate':
      return isAdmin(user) && (!target || target.id !== user!.id);
    case 'member.setContactPerson':
    case 'organisation.manage':
    case 'outbox.view':
      return isAdmin(user);
  }
}
