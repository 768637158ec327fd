// What the idea page (/klustergrupper/<slug>/ideer/<id>) shows, as plain data: the sections with their
// text and open comments, the participating organisations (and those that can still be added), who has
// the idea open, and whether it can be shared. Reading only.
import type { Db } from '#lib/db.ts';
import type { Idea } from '#db/schema/index.ts';
import { openThreadCounts } from './comments.ts';
import { allOrganisations, listIdeaOrganisations, sectionsWithText, type SectionView } from './ideas.ts';
import { activePresence, type PresenceEntry } from './presence.ts';
import { SECTIONS, SHAREABLE_STATUSES } from './template.ts';

export interface IdeaPageView {
  sections: Array<SectionView & { openComments: number }>;
  organisations: ReturnType<typeof listIdeaOrganisations>;
  /** Organisations an editor can still add (empty for readers). */
  addable: Array<{ id: number; name: string }>;
  presence: PresenceEntry[];
  /** Section key → title, for the presence list. */
  titles: Record<string, string>;
  /** Section key → saved text, for the readiness check. */
  texts: Record<string, string>;
  /** The status allows sharing with every member. */
  shareable: boolean;
  /** Shared with every member right now (read only for them). */
  shared: boolean;
}

export function loadIdeaPage(db: Db, idea: Pick<Idea, 'id' | 'status' | 'sharedWithAll'>, rights: { mayEdit: boolean }): IdeaPageView {
  const sections = sectionsWithText(db, idea.id);
  const open = openThreadCounts(db, sections.map((s) => s.sectionId));
  const organisations = listIdeaOrganisations(db, idea.id);
  const shareable = SHAREABLE_STATUSES.includes(idea.status);
  return {
    sections: sections.map((s) => ({ ...s, openComments: open.get(s.sectionId) ?? 0 })),
    organisations,
    addable: rights.mayEdit ? allOrganisations(db).filter((o) => !organisations.some((x) => x.organisationId === o.id)) : [],
    presence: activePresence(db, idea.id),
    titles: Object.fromEntries(SECTIONS.map((s) => [s.key, s.title])),
    texts: Object.fromEntries(sections.map((s) => [s.def.key, s.text])),
    shareable,
    shared: idea.sharedWithAll && shareable,
  };
}
