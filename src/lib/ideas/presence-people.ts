// The presence list as people read it: one line per person with all the sections they have open
// ("Bo Berg – redigerar Budget och Syfte och mål"). Shared by PresenceList's server rendering and its
// script (no server imports here), so both say the same.
import type { PresenceEntry } from './presence.ts';
import { nameList } from '../text/name-list.ts';

export interface PresentPerson {
  userId: number;
  name: string;
  /** The sections they have open, in the order given; empty: they read the idea page. */
  sectionKeys: string[];
}

/** Everyone but the viewer, once each, in the order of their first entry. */
export function presentPeople(entries: readonly PresenceEntry[], selfId: number): PresentPerson[] {
  const people = new Map<number, PresentPerson>();
  for (const e of entries) {
    if (e.userId === selfId) continue;
    let person = people.get(e.userId);
    if (!person) people.set(e.userId, (person = { userId: e.userId, name: e.name, sectionKeys: [] }));
    if (e.sectionKey && !person.sectionKeys.includes(e.sectionKey)) person.sectionKeys.push(e.sectionKey);
  }
  return [...people.values()];
}

export function describePerson(person: PresentPerson, titles: Record<string, string>): string {
  const sections = person.sectionKeys.flatMap((key) => (titles[key] ? [titles[key]] : []));
  return `${person.name} – ${sections.length ? `redigerar ${nameList(sections)}` : 'läser idén'}`;
}
