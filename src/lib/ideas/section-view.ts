// What the section editor page (/klustergrupper/<slug>/ideer/<id>/avsnitt/<key>) shows, as plain data:
// the saved text, who is here, the comment threads, and what the editor starts with after a save,
// preview or conflict. Reading only: presence is recorded by the närvaro endpoint, never on a GET.
import type { Db } from '#lib/db.ts';
import type { Idea } from '#db/schema/index.ts';
import { listThreads, type Thread } from './comments.ts';
import { sectionWithText, type SectionView } from './ideas.ts';
import { activePresence, type PresenceEntry } from './presence.ts';
import { combineRegions, hasConflictMarkers, type MergeRegion } from './merge.ts';
import { mergedWithFor } from './revisions.ts';
import { SECTIONS, type SectionDefinition } from './template.ts';
import { DONE_MESSAGES } from './done-messages.ts';

export interface SectionRights {
  mayEdit: boolean;
  /** Whether the viewer may mark a comment by this author as resolved (or open it again). */
  mayResolve: (authorId: number | null) => boolean;
}

export interface SectionPageView {
  def: SectionDefinition;
  section: SectionView;
  mayEdit: boolean;
  presence: PresenceEntry[];
  threads: Array<Thread & { mayResolve: boolean }>;
  /** Section key → title, for the presence list. */
  titles: Record<string, string>;
}

/** The section page's data, or null when the idea has no such section. */
export function loadSectionPage(db: Db, idea: Pick<Idea, 'id'>, def: SectionDefinition | undefined, rights: SectionRights): SectionPageView | null {
  if (!def) return null;
  const section = sectionWithText(db, idea.id, def);
  if (!section) return null;
  return {
    def,
    section,
    mayEdit: rights.mayEdit,
    presence: activePresence(db, idea.id),
    threads: listThreads(db, section.sectionId).map((t) => ({ ...t, mayResolve: rights.mayResolve(t.authorId) })),
    titles: Object.fromEntries(SECTIONS.map((s) => [s.key, s.title])),
  };
}

/** A save that found a conflict: the regions to choose between and the revision compared with. */
export interface ConflictOutcome {
  regions: MergeRegion[];
  latestRevisionId: number;
}

/** What the writer posted when the save did not go through (re-shown so nothing typed is lost). */
export interface PostedText {
  text: string;
  baseRevisionId: number;
  resolving: boolean;
}

export interface EditorStart {
  initialText: string;
  baseRevisionId: number;
  resolving: boolean;
  /** The editor holds text that is not saved (conflict, preview or a refused save). */
  unsaved: boolean;
  /** The saved text still holds conflict markers from an earlier merge. */
  markerWarning: boolean;
}

/** What the editor starts with: the writer's own text whenever it is not saved, else the saved text (or the starter). */
export function editorStart(input: {
  savedText: string;
  savedRevisionId: number;
  starter: string;
  conflict: ConflictOutcome | null;
  preview: { text: string; baseRevisionId: number } | null;
  posted: PostedText | null;
}): EditorStart {
  const { conflict, preview, posted, savedText } = input;
  return {
    initialText: conflict ? combineRegions(conflict.regions) : (preview?.text ?? posted?.text ?? (savedText || input.starter)),
    baseRevisionId: conflict ? conflict.latestRevisionId : (preview?.baseRevisionId ?? posted?.baseRevisionId ?? input.savedRevisionId),
    resolving: !!conflict || !!posted?.resolving,
    unsaved: !!conflict || !!preview || posted !== null,
    markerWarning: !conflict && !posted && !preview && hasConflictMarkers(savedText),
  };
}

/** The confirmation after a post-redirect-get (?klart=…&rev=…), and where it belongs on the page. */
export function sectionNotice(db: Db, klart: string, rev: number): { text: string | undefined; aboutComments: boolean; savedNow: boolean } {
  let text: string | undefined;
  if (klart === 'sparad') text = 'Avsnittet är sparat.';
  else if (klart === 'oforandrad') text = 'Texten var redan sparad – inget ändrades.';
  else if (klart === 'sammanslagen') {
    const names = rev ? mergedWithFor(db, rev) : [];
    text = `Din ändring slogs ihop med ${names.length ? 'ändringar från ' + names.join(' och ') : 'andras ändringar'} som sparades medan du skrev. Läs igenom avsnittet.`;
  } else text = DONE_MESSAGES[klart];
  return { text, aboutComments: ['kommentar', 'lost', 'oppnad'].includes(klart), savedNow: ['sparad', 'sammanslagen', 'oforandrad'].includes(klart) };
}
