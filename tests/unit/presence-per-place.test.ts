// Presence per connection: a member with two sections open (two tabs) is in both, once as a person on the
// list with all their sections; the last connection at a place closing removes only that place.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '#lib/db.ts';
import { ideaWorld } from './ideas-fixtures.ts';
import { activePresence, heartbeat, PRESENCE_WINDOW_MS, updatePlaces } from '#lib/ideas/presence.ts';
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
  const world = ideaWorld();
  ({ db, anna, bo } = world);
  ideaId = world.idea.id;
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
  const live = (userId: number, places: Array<string | null>, left: Array<string | null> = []) => updatePlaces(db, ideaId, userId, new Set(places), left);

  it('keeps a member in both sections they have open, and drops only the one they close', () => {
    live(bo.id, ['malgrupp', 'budget']);
    live(anna.id, [null]);
    // In the template's order (Målgrupp before Budget), whatever order the connections came in.
    expect(where()).toEqual(['Anna Lind@', 'Bo Ek@malgrupp', 'Bo Ek@budget']);

    live(bo.id, ['budget'], ['malgrupp']);
    expect(where()).toEqual(['Anna Lind@', 'Bo Ek@budget']);

    // A connection closing where another of theirs is still open (the editor socket beside the channel) keeps the place.
    live(bo.id, ['budget'], ['budget']);
    expect(where()).toEqual(['Anna Lind@', 'Bo Ek@budget']);

    // The last connection closing: gone at once, every row of theirs.
    heartbeat(db, ideaId, bo.id, 'tidsplan');
    live(bo.id, [], ['budget']);
    expect(where()).toEqual(['Anna Lind@']);
  });

  it('lists a member with a section open there only, not also as reading the idea page', () => {
    live(bo.id, [null, 'budget']);
    expect(where()).toEqual(['Bo Ek@budget']);
  });

  it('leaves the heartbeat of a tab without a socket alone while a live tab comes and goes', () => {
    heartbeat(db, ideaId, bo.id, 'tidsplan');
    live(bo.id, ['budget', 'malgrupp']);
    live(bo.id, ['budget'], ['malgrupp']);
    expect(where()).toEqual(['Bo Ek@tidsplan', 'Bo Ek@budget']);
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
    updatePlaces(db, ideaId, bo.id, new Set(['budget', 'malgrupp']));
    updatePlaces(db, ideaId, anna.id, new Set([null]));
    const people = presentPeople(activePresence(db, ideaId), -1);
    expect(people.map((p) => describePerson(p, titles))).toEqual(['Anna Lind – läser idén', `Bo Ek – redigerar ${titles.malgrupp} och ${titles.budget}`]);
    expect(presentPeople(activePresence(db, ideaId), anna.id).map((p) => p.name)).toEqual(['Bo Ek']);
  });
});
