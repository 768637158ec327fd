// A cluster group led by Anna with one idea, and Bo outside the group, in a fresh in-memory database: the
// starting point of the unit tests of comments, presence and their access.
import { openDb, type Db } from '#lib/db.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import type { ClusterGroup, Idea } from '#db/schema/index.ts';
import { createTestUser } from '../helpers/users.ts';

type TestUser = ReturnType<typeof createTestUser>;

export interface IdeaWorld {
  db: Db;
  anna: TestUser;
  bo: TestUser;
  group: ClusterGroup;
  idea: Idea;
}

export function ideaWorld(): IdeaWorld {
  const db = openDb(':memory:');
  const anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  const bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  const group = createGroup(db, { name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Gruppen skriver idéer om etablering.', joinMode: 'request', leadEmails: ['anna@exempel.se'], createdById: anna.id });
  const idea = createIdea(db, { groupId: group.id, title: 'Idé', targetCall: '', createdById: anna.id });
  return { db, anna, bo, group, idea };
}
