// Everything the Mina sidor overview shows, as one plain view model: the organisation, accounts waiting
// for approval (coordinators), requests to answer, the member's registrations and cluster groups.
//
// It changes only with the data, so it is kept per member, revision of the data (any committed write starts
// afresh: versionedCache) and minute (registrations move from "coming" to "done" when an activity ends).
// A repeated view of the page then reads no table at all. Bounded: the most recently viewed members only.
import type { User } from '#db/schema/index.ts';
import { versionedCache } from '#lib/cache/versioned.ts';
import type { Db } from '#lib/db.ts';
import { pendingRequestsFor, type PendingRequestGroup } from '#lib/activities/requests.ts';
import { myRegistrationsView, type MyRegistrationsView } from '#lib/activities/my-registrations-view.ts';
import { isCoordinator } from '#lib/auth/permissions.ts';
import { myGroupsView, type MyGroupsView } from '#lib/clusters/my-groups-view.ts';
import { getOrganisation } from '#lib/organisations/index.ts';
import { countPending } from '#lib/users/members.ts';

export interface MemberDashboardView {
  organisationName: string | null;
  /** Accounts waiting for approval (coordinators and admins; 0 for others). */
  pendingAccounts: number;
  requests: { total: number; groups: PendingRequestGroup[] };
  registrations: MyRegistrationsView;
  groups: MyGroupsView;
}

type Viewer = Pick<User, 'id' | 'role' | 'organisationId' | 'isContactPerson' | 'status'>;

const MINUTE = 60_000;
const views = versionedCache<MemberDashboardView>({ max: 500 });

export function memberDashboardView(db: Db, user: Viewer, now = new Date()): MemberDashboardView {
  // The user's role, organisation and contact-person flag are part of the data: changing them is a write.
  const key = `${user.id}|${Math.floor(now.getTime() / MINUTE)}`;
  return views.get(db, key, () => ({
    organisationName: user.organisationId ? (getOrganisation(db, user.organisationId)?.name ?? null) : null,
    pendingAccounts: isCoordinator(user) ? countPending(db) : 0,
    requests: pendingRequestsFor(db, user),
    registrations: myRegistrationsView(db, user.id, now),
    groups: myGroupsView(db, user.id),
  }));
}
