// "Mina klustergrupper" on Mina sidor as plain data: the member's groups with their project ideas, and
// the invitations and requests still waiting.
import type { ClusterGroup, Idea } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { groupsForUser } from './groups.ts';
import { ideasForGroups } from '#lib/ideas/ideas.ts';

type Row = ReturnType<typeof groupsForUser>[number];

export interface MyGroupsView {
  active: Array<Row & { ideas: Idea[] }>;
  invited: ClusterGroup[];
  requested: ClusterGroup[];
}

export function myGroupsView(db: Db, userId: number): MyGroupsView {
  const rows = groupsForUser(db, userId);
  const active = rows.filter((r) => r.status === 'active');
  const ideas = ideasForGroups(db, active.map((r) => r.group.id));
  return {
    active: active.map((r) => ({ ...r, ideas: ideas.filter((i) => i.groupId === r.group.id) })),
    invited: rows.filter((r) => r.status === 'invited').map((r) => r.group),
    requested: rows.filter((r) => r.status === 'requested').map((r) => r.group),
  };
}
