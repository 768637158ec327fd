// Presence per connection: a member with two sections open (two tabs) is in both, once as a person on the
// list with all their sections; the last connection at a place closing removes only that place.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { createTestUser } from '../helpers/users.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { activePresence, heartbeat, leavePresence, PRESENCE_WINDOW_MS, setPlaces } from '#lib/ideas/presence.ts';
import { describePerson, presentPeople } from '#lib/ideas/presence-people.ts';
import { placesOf } from '#lib/collab/idea-channel.ts';
import { SECTIONS } from '#lib/ideas/template.ts';

let db: Db;
let anna: { id: number };
let bo: { id: number };
let ideaId: number;
const titles = Object.fromEntries(SECTIONS.map((s) => [s.key, s.title]));
const where = () => activePresence(db, ideaId).map((e) => `${e.name}@${e.sectionKey ?? ''}`);

beforeEach(() => {
  db = openDb(':memory:');
  anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  const groupId = createGroup(db, { name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Gruppen skriver idéer om etablering.', joinMode: 'request', leadEmails: ['anna@exempel.se'], createdById: anna.id }).id;
  ideaId = createIdea(db, { groupId, title: 'Idé', targetCall: '', createdById: anna.id }).id;
});

describe('placesOf', () => {
  it('counts every open connection of the member in that idea, one place each', () => {
    const open = [
      { ideaId, userId: bo.id, sectionKey: 'budget' },
      { ideaId, userId: bo.id, sectionKey: 'malgrupp' },
      { ideaId, userId: bo.id, sectionKey: 'budget' }, // the editor socket beside the channel of the same tab
      { ideaId, userId: anna.id, sectionKey: 'tidsplan' },
      { ideaId: ideaId + 1, userId: bo.id, sectionKey: 'riskanalys' },
    ];
    expect([...placesOf(open, ideaId, bo.id)].sort()).toEqual(['budget', 'malgrupp']);
    expect([...placesOf([{ ideaId, userId: bo.id, sectionKey: null }], ideaId, bo.id)]).toEqual([null]);
    expect(placesOf(open, ideaId, 999).size).toBe(0);
  });
});

describe('presence rows per place', () => {
  it('keeps a member in both sections they have open, and drops only the one they close', () => {
    setPlaces(db, ideaId, bo.id, ['malgrupp', 'budget']);
    setPlaces(db, ideaId, anna.id, [null]);
    // In the template's order (Målgrupp before Budget), whatever order the connections came in.
    expect(where()).toEqual(['Anna Lind@', 'Bo Ek@malgrupp', 'Bo Ek@budget']);

    setPlaces(db, ideaId, bo.id, ['budget']);
    expect(where()).toEqual(['Anna Lind@', 'Bo Ek@budget']);

    leavePresence(db, ideaId, bo.id);
    expect(where()).toEqual(['Anna Lind@']);
  });

  it('lists a member with a section open there only, not also as reading the idea page', () => {
    setPlaces(db, ideaId, bo.id, [null, 'budget']);
    expect(where()).toEqual(['Bo Ek@budget']);
  });

  it('keeps heartbeats from two tabs without a socket apart, each expiring on its own', () => {
    const old = new Date(Date.now() - PRESENCE_WINDOW_MS - 1000);
    heartbeat(db, ideaId, bo.id, 'malgrupp', old);
    heartbeat(db, ideaId, bo.id, 'budget');
    heartbeat(db, ideaId, bo.id, 'tidsplan');
    expect(where()).toEqual(['Bo Ek@tidsplan', 'Bo Ek@budget']); // template order
  });
});

describe('the presence list as people read it', () => {
  it('shows each person once with all their sections, never the viewer', () => {
    setPlaces(db, ideaId, bo.id, ['budget', 'malgrupp']);
    setPlaces(db, ideaId, anna.id, [null]);
    const people = presentPeople(activePresence(db, ideaId), -1);
    expect(people.map((p) => describePerson(p, titles))).toEqual(['Anna Lind – läser idén', `Bo Ek – redigerar ${titles.malgrupp} och ${titles.budget}`]);
    expect(presentPeople(activePresence(db, ideaId), anna.id).map((p) => p.name)).toEqual(['Bo Ek']);
  });
});
