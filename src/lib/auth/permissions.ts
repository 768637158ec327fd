// Who may do what in the member administration — the one place these rules live.
//
//   medlem      own profile, own data, own account
//   samordnare  + sees the member list and approves pending accounts
//               (creates activities and cluster groups: see those domains' permission modules)
//   admin       + changes roles and contact persons, deactivates and reactivates accounts,
//               manages organisations, reads the outbox
//
// Only active users have any rights. Nobody changes their own role or status (no lock-outs).
import type { Role, User, UserStatus } from '../../../db/schema/index.ts';

/** The stored roles and account statuses, for forms and filters (pages take them from here, not the schema). */
export { ROLES, USER_STATUSES } from '../../../db/schema/index.ts';

export const ROLE_LABELS: Record<Role, string> = { medlem: 'Medlem', samordnare: 'Samordnare', admin: 'Administratör' };
export const STATUS_LABELS: Record<UserStatus, string> = {
  unverified: 'Ej verifierad',
  pending: 'Väntar på godkännande',
  active: 'Aktiv',
  deactivated: 'Avstängd',
};

const RANK: Record<Role, number> = { medlem: 0, samordnare: 1, admin: 2 };

type Actor = Pick<User, 'id' | 'role' | 'status'> | null | undefined;

/** True for an active user whose role is `role` or higher (medlem < samordnare < admin). */
export function hasRole(user: Actor, role: Role): boolean {
  return !!user && user.status === 'active' && RANK[user.role] >= RANK[role];
}

export const isCoordinator = (user: Actor): boolean => hasRole(user, 'samordnare');
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
