// Who may call an action at all, checked in the middleware before Astro parses the input: an anonymous
// caller gets 401 and a caller without the role 403 — never a 400 that lists the form's fields.
// The handlers still check everything themselves (ownership, group membership …); this is the first gate.
// Actions not listed need a logged-in member.
import type { User } from '#db/schema/index.ts';
import { hasRole } from '#lib/auth/permissions.ts';

export type ActionAccess = 'public' | 'member' | 'coordinator' | 'admin';

export const ACTION_ACCESS: Record<string, ActionAccess> = {
  'auth.signup': 'public',
  'auth.verify': 'public',
  'auth.resendCode': 'public',
  'auth.login': 'public',
  'auth.requestReset': 'public',
  'auth.resetPassword': 'public',
  'auth.approveMember': 'coordinator',
  'auth.decideOrganisationChange': 'coordinator',
  'auth.setMemberStatus': 'admin',
  'auth.setMemberRole': 'admin',
  'auth.saveOrganisation': 'admin',
  'activities.create': 'coordinator',
  'clusters.createGroup': 'coordinator',
};

export type AccessDenial = { status: 401 | 403; code: 'UNAUTHORIZED' | 'FORBIDDEN'; message: string };

/** Null when the caller may go on to the action; otherwise the refusal. */
export function actionAccessDenial(name: string, user: User | null): AccessDenial | null {
  const access = ACTION_ACCESS[name] ?? 'member';
  if (access === 'public') return null;
  if (!user) return { status: 401, code: 'UNAUTHORIZED', message: 'Du behöver logga in för att göra det här.' };
  if (access === 'member' || hasRole(user, access)) return null;
  return { status: 403, code: 'FORBIDDEN', message: 'Du har inte behörighet att göra det här.' };
}
