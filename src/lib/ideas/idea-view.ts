// What the idea page (/klustergrupper/<slug>/ideer/<id>) shows, as plain data: the sections with their
// rendered text and open comments, the call-readiness check, the participating organisations (and those
// that can still be added), who has the idea open, and whether it can be shared. Reading only.
//
// The sections (one prepared query with author and open comment counts), organisations and readiness are
// kept per idea while the database is unchanged (versionedCache); when it changed, the Markdown HTML and
// the readiness check still come from caches kept per revision (revision-cache.ts), so a view renders no
// Markdown unless a section changed. Only the presence list is read on every view.
import type { Db } from '#lib/db.ts';
import type { Idea } from '#db/schema/index.ts';
import { preparedQuery, statement } from '#lib/cache/statements.ts';
import { versionedCache } from '#lib/cache/versioned.ts';
import { asc } from 'drizzle-orm';
import { organisations as organisationsTable } from '#db/schema/index.ts';
import { listIdeaOrganisations } from './ideas.ts';
import { activePresence, type PresenceEntry } from './presence.ts';
import type { CriterionCheck } from './readiness.ts';
import { readinessFor, renderedRevision } from './revision-cache.ts';
import { SECTIONS, SHAREABLE_STATUSES, type SectionDefinition } from './template.ts';

export interface IdeaPageSection {
  def: SectionDefinition;
  sectionId: number;
  /** 0 while the section was never saved. */
  revisionId: number;
  /** Nothing but white space saved (or nothing at all). */
  empty: boolean;
  /** The saved text as safe HTML ('' when empty). */
  html: string;
  updatedAt: Date | null;
  updatedBy: string | null;
  openComments: number;
}

export interface IdeaPageView {
  sections: IdeaPageSection[];
  organisations: ReturnType<typeof listIdeaOrganisations>;
  /** Organisations an editor can still add (empty for readers). */
  addable: Array<{ id: number; name: string }>;
  presence: PresenceEntry[];
  /** Section key → title, for the presence list. */
  titles: Record<string, string>;
  /** The call-readiness check of the saved texts. */
  readiness: CriterionCheck[];
  /** The status allows sharing with every member. */
  shareable: boolean;
  /** Shared with every member right now (read only for them). */
  shared: boolean;
}

interface SectionRow {
  sectionId: number;
  key: string;
  revisionId: number | null;
  createdAt: number | null;
  authorName: string | null;
  openComments: number;
}

// The columns the page shows (not the texts: their HTML is cached per revision), open (unresolved,
// top-level) comment threads counted per section.
const SECTIONS_SQL = `
  SELECT s.id AS sectionId, s.key AS key, s.currentRevisionId AS revisionId, r.createdAt AS createdAt, u.name AS authorName,
         (SELECT count(*) FROM idea_comments c WHERE c.sectionId = s.id AND c.parentId IS NULL AND c.resolvedAt IS NULL) AS openComments
  FROM idea_sections s
  LEFT JOIN idea_section_revisions r ON r.id = s.currentRevisionId
  LEFT JOIN users u ON u.id = r.authorId
  WHERE s.ideaId = ?`;
// Texts, read only when a cache misses.
const REVISION_TEXT_SQL = 'SELECT text FROM idea_section_revisions WHERE id = ?';
const IDEA_TEXTS_SQL = `
  SELECT s.key AS key, r.text AS text
  FROM idea_sections s JOIN idea_section_revisions r ON r.id = s.currentRevisionId
  WHERE s.ideaId = ?`;

const TITLES: Record<string, string> = Object.fromEntries(SECTIONS.map((s) => [s.key, s.title]));

function ideaSections(db: Db, ideaId: number): IdeaPageSection[] {
  const rows = statement<[number], SectionRow>(db, SECTIONS_SQL).all(ideaId);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const textOf = (revisionId: number) => () => statement<[number], string>(db, REVISION_TEXT_SQL).pluck().get(revisionId) ?? '';
  return SECTIONS.flatMap((def) => {
    const row = byKey.get(def.key);
    if (!row) return [];
    const revisionId = row.revisionId ?? 0;
    const { empty, html } = renderedRevision(db, revisionId, textOf(revisionId));
    return [
      {
        def,
        sectionId: row.sectionId,
        revisionId,
        empty,
        html,
        updatedAt: row.createdAt === null ? null : new Date(row.createdAt),
        updatedBy: row.revisionId ? (row.authorName ?? 'borttagen användare') : null,
        openComments: row.openComments,
      },
    ];
  });
}

function savedTexts(db: Db, ideaId: number): Record<string, string> {
  const rows = statement<[number], { key: string; text: string }>(db, IDEA_TEXTS_SQL).all(ideaId);
  return Object.fromEntries(rows.map((r) => [r.key, r.text]));
}

/** What the page shows that changes only with a write: kept per idea while the database is unchanged. */
interface IdeaContent {
  sections: IdeaPageSection[];
  organisations: ReturnType<typeof listIdeaOrganisations>;
  readiness: CriterionCheck[];
  /** Filled by the first editor's view. */
  addable?: Array<{ id: number; name: string }>;
}

// Used only while dataVersion() is unchanged (any committed write, by whoever, makes the next view read
// afresh); the HTML inside is shared with the per-revision cache, so an entry is small.
const contents = versionedCache<IdeaContent>({ max: 300 });

function ideaContent(db: Db, ideaId: number): IdeaContent {
  return contents.get(db, String(ideaId), () => {
    const sections = ideaSections(db, ideaId);
    const organisations = listIdeaOrganisations(db, ideaId);
    const readiness = readinessFor(
      db,
      sections.map((s) => ({ key: s.def.key, revisionId: s.revisionId })),
      organisations.length,
      () => savedTexts(db, ideaId),
    );
    return { sections, organisations, readiness };
  });
}

export function loadIdeaPage(db: Db, idea: Pick<Idea, 'id' | 'status' | 'sharedWithAll'>, rights: { mayEdit: boolean }): IdeaPageView {
  const content = ideaContent(db, idea.id);
  const { organisations } = content;
  if (rights.mayEdit) content.addable ??= allOrganisations(db).filter((o) => !organisations.some((x) => x.organisationId === o.id));
  const shareable = SHAREABLE_STATUSES.includes(idea.status);
  return {
    sections: content.sections,
    organisations,
    addable: rights.mayEdit ? content.addable! : [],
    presence: activePresence(db, idea.id),
    titles: TITLES,
    readiness: content.readiness,
    shareable,
    shared: idea.sharedWithAll && shareable,
  };
}

function allOrganisations(db: Db): Array<{ id: number; name: string }> {
  return preparedQuery(db, 'ideas.allOrganisations', (d) =>
    d.select({ id: organisationsTable.id, name: organisationsTable.name }).from(organisationsTable).orderBy(asc(organisationsTable.name)).prepare(),
  ).all();
}
