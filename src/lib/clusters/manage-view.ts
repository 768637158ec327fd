// What the group management page (/klustergrupper/<slug>/hantera) shows, as plain data: the members,
// the requests to answer and the invitations still open, and the settings form's values.
import type { Db } from '#lib/db.ts';
import type { ClusterGroup } from '#db/schema/index.ts';
import { listMembers } from './groups.ts';

export interface GroupSettings {
  name: string;
  problemArea: string;
  description: string;
  joinMode: string;
}

export interface GroupManagementView {
  members: ReturnType<typeof listMembers>;
  requests: ReturnType<typeof listMembers>;
  invited: ReturnType<typeof listMembers>;
  settings: GroupSettings;
}

/** The page's data; `posted` replaces the saved settings after a refused save (nothing typed is lost). */
export function loadGroupManagement(db: Db, group: ClusterGroup, posted?: GroupSettings | null): GroupManagementView {
  return {
    members: listMembers(db, group.id),
    requests: listMembers(db, group.id, 'requested'),
    invited: listMembers(db, group.id, 'invited'),
    settings: posted ?? { name: group.name, problemArea: group.problemArea, description: group.description, joinMode: group.joinMode },
  };
}
