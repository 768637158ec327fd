// Project ideas: create (with all template sections), read, update, status and sharing.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  ideaOrganisations,
  ideaSectionRevisions,
  ideaSections,
  ideas,
  organisations,
  users,
  type Idea,
  type IdeaStatus,
} from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { DomainError } from '#lib/errors.ts';
import { preparedQuery } from '#lib/cache/statements.ts';
import { SECTIONS, SHAREABLE_STATUSES, type SectionDefinition } from './template.ts';
import { transaction } from '#lib/tx.ts';

export function createIdea(db: Db, input: { groupId: number; title: string; targetCall: string; createdById: number }): Idea {
  return transaction(db, () => {
    const idea = db
      .insert(ideas)
      .values({ groupId: input.groupId, title: input.title.trim(), targetCall: input.targetCall.trim(), createdById: input.createdById })
      .returning()
      .get();
    db.insert(ideaSections)
      .values(SECTIONS.map((s) => ({ ideaId: idea.id, key: s.key })))
      .run();
    return idea;
  });
}

/** The idea, only if it belongs to the group (URLs carry both). */
export function getIdea(db: Db, groupId: number, ideaId: number): Idea | undefined {
  return preparedQuery(db, 'ideas.getIdea', (d) =>
    d
      .select()
      .from(ideas)
      .where(and(eq(ideas.id, sql.placeholder('ideaId')), eq(ideas.groupId, sql.placeholder('groupId'))))
      .prepare(),
  ).get({ ideaId, groupId });
}

export function listIdeas(db: Db, groupId: number): Idea[] {
  return db.select().from(ideas).where(eq(ideas.groupId, groupId)).orderBy(desc(ideas.updatedAt)).all();
}

export function ideasForGroups(db: Db, groupIds: number[]): Idea[] {
  if (groupIds.length === 0) return [];
  return db.select().from(ideas).where(inArray(ideas.groupId, groupIds)).orderBy(desc(ideas.updatedAt)).all();
}

export function updateIdeaDetails(db: Db, ideaId: number, input: { title: string; targetCall: string }): void {
  db.update(ideas)
    .set({ title: input.title.trim(), targetCall: input.targetCall.trim(), updatedAt: new Date() })
    .where(eq(ideas.id, ideaId))
    .run();
}

/** Changing the status back to idé/utkast ends read-only sharing. */
export function setIdeaStatus(db: Db, ideaId: number, status: IdeaStatus): void {
  const patch: Partial<Idea> = { status, updatedAt: new Date() };
  if (!SHAREABLE_STATUSES.includes(status)) patch.sharedWithAll = false;
  db.update(ideas).set(patch).where(eq(ideas.id, ideaId)).run();
}

export function setIdeaSharing(db: Db, idea: Idea, shared: boolean): void {
  if (shared && !SHAREABLE_STATUSES.includes(idea.status)) {
    throw new DomainError('BAD_REQUEST', 'Idén kan delas med alla medlemmar först när den har status Redo för utlysning.');
  }
  db.update(ideas).set({ sharedWithAll: shared }).where(eq(ideas.id, idea.id)).run();
}

export interface SectionView {
  def: SectionDefinition;
  sectionId: number;
  revisionId: number;
  text: string;
  updatedAt: Date | null;
  updatedBy: string | null;
}

interface SectionRow {
  section: { id: number; currentRevisionId: number | null };
  text: string | null;
  authorName: string | null;
  createdAt: Date | null;
}

/** The view of one section from its row (section, current revision, author) as both reads select it. */
function toSectionView(def: SectionDefinition, row: SectionRow): SectionView {
  return {
    def,
    sectionId: row.section.id,
    revisionId: row.section.currentRevisionId ?? 0,
    text: row.text ?? '',
    updatedAt: row.createdAt ?? null,
    updatedBy: row.section.currentRevisionId ? (row.authorName ?? 'borttagen användare') : null,
  };
}

/** Sections with their current text, author and time: the columns a section view shows (callers add the filter). */
function sectionTextRows(db: Db) {
  return db
    .select({
      section: { id: ideaSections.id, key: ideaSections.key, currentRevisionId: ideaSections.currentRevisionId },
      text: ideaSectionRevisions.text,
      authorName: users.name,
      createdAt: ideaSectionRevisions.createdAt,
    })
    .from(ideaSections)
    .leftJoin(ideaSectionRevisions, eq(ideaSections.currentRevisionId, ideaSectionRevisions.id))
    .leftJoin(users, eq(ideaSectionRevisions.authorId, users.id));
}

/** All template sections with their current text, in template order. */
export function sectionsWithText(db: Db, ideaId: number): SectionView[] {
  // Prepared once per connection: the idea page's main read (the columns it shows, one query).
  const rows = preparedQuery(db, 'ideas.sectionsWithText', (d) =>
    sectionTextRows(d)
      .where(eq(ideaSections.ideaId, sql.placeholder('ideaId')))
      .prepare(),
  ).all({ ideaId });
  return SECTIONS.flatMap((def) => {
    const row = rows.find((r) => r.section.key === def.key);
    if (!row) return [];
    return [toSectionView(def, row)];
  });
}

/** One template section with its current text (the section page's read: not all sections to pick one). */
export function sectionWithText(db: Db, ideaId: number, def: SectionDefinition): SectionView | undefined {
  const row = preparedQuery(db, 'ideas.sectionWithText', (d) =>
    sectionTextRows(d)
      .where(and(eq(ideaSections.ideaId, sql.placeholder('ideaId')), eq(ideaSections.key, sql.placeholder('key'))))
      .prepare(),
  ).get({ ideaId, key: def.key });
  return row && toSectionView(def, row);
}

export function listIdeaOrganisations(db: Db, ideaId: number) {
  return preparedQuery(db, 'ideas.listIdeaOrganisations', (d) =>
    d
      .select({ organisationId: organisations.id, name: organisations.name, role: ideaOrganisations.role })
      .from(ideaOrganisations)
      .innerJoin(organisations, eq(ideaOrganisations.organisationId, organisations.id))
      .where(eq(ideaOrganisations.ideaId, sql.placeholder('ideaId')))
      .orderBy(asc(organisations.name))
      .prepare(),
  ).all({ ideaId });
}

export function addIdeaOrganisation(db: Db, ideaId: number, organisationId: number, role: string): void {
  const org = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!org) throw new DomainError('BAD_REQUEST', 'Välj en organisation i listan.');
  db.insert(ideaOrganisations)
    .values({ ideaId, organisationId, role: role.trim() })
    .onConflictDoUpdate({ target: [ideaOrganisations.ideaId, ideaOrganisations.organisationId], set: { role: role.trim() } })
    .run();
}

export function removeIdeaOrganisation(db: Db, ideaId: number, organisationId: number): void {
  db.delete(ideaOrganisations)
    .where(and(eq(ideaOrganisations.ideaId, ideaId), eq(ideaOrganisations.organisationId, organisationId)))
    .run();
}

export function allOrganisations(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).all();
}
