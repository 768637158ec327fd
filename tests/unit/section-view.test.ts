// The section editor page's loader: what the page shows, read without writing (presence is recorded by
// the närvaro endpoint only), and what the editor starts with after a save, preview or conflict.
import { beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { openDb, type Db } from '#lib/db.ts';
import { ideaPresence } from '#db/schema/index.ts';
import { createTestUser } from '../helpers/users.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { addComment } from '#lib/ideas/comments.ts';
import { heartbeat } from '#lib/ideas/presence.ts';
import { sectionByKey } from '#lib/ideas/template.ts';
import { editorStart, loadSectionPage } from '#lib/ideas/section-view.ts';
import { MARKER_LATEST, MARKER_MINE, MARKER_SPLIT, unresolvedConflictProblem } from '#lib/ideas/merge.ts';

let db: Db;
let anna: { id: number; name: string };
let bo: { id: number; name: string };
let idea: { id: number };

beforeEach(() => {
  db = openDb(':memory:');
  anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  const group = createGroup(db, { name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Test av gruppen', joinMode: 'open', leadEmails: ['anna@exempel.se'], createdById: anna.id });
  idea = createIdea(db, { groupId: group.id, title: 'Idé', targetCall: '', createdById: anna.id });
});

const rights = (mayEdit: boolean, resolver: number) => ({ mayEdit, mayResolve: (authorId: number | null) => authorId === resolver });

describe('loadSectionPage', () => {
  it('returns the saved text, threads with their resolve right, and who is here; writes nothing', () => {
    const def = sectionByKey('problemformulering')!;
    const sectionId = getSection(db, idea.id, def.key)!.id;
    saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: 'Unga behöver stöd.' });
    addComment(db, { sectionId, authorId: bo.id, body: 'Bra början!' });
    heartbeat(db, idea.id, bo.id, def.key);
    const presenceRows = () => db.select({ n: count() }).from(ideaPresence).get()!.n;
    const before = presenceRows();

    const view = loadSectionPage(db, idea, def, rights(true, bo.id))!;
    expect(view.section.text).toBe('Unga behöver stöd.');
    expect(view.section.updatedBy).toBe('Anna Lind');
    expect(view.threads).toHaveLength(1);
    expect(view.threads[0]).toMatchObject({ body: 'Bra början!', authorName: 'Bo Ek', mayResolve: true });
    expect(view.presence.map((p) => p.name)).toEqual(['Bo Ek']);
    expect(view.titles[def.key]).toBe(def.title);
    expect(presenceRows()).toBe(before);

    expect(loadSectionPage(db, idea, def, rights(false, anna.id))!.threads[0]!.mayResolve).toBe(false);
    // Another section of the same idea, never saved: its own row, not the one saved above.
    expect(loadSectionPage(db, idea, sectionByKey('malgrupp'), rights(true, anna.id))!.section).toMatchObject({ text: '', revisionId: 0, updatedBy: null, updatedAt: null });
  });

  it('is null for a section the template does not have', () => {
    expect(loadSectionPage(db, idea, sectionByKey('finns-inte'), rights(true, anna.id))).toBeNull();
  });
});

describe('editorStart', () => {
  const saved = { savedText: 'Sparad text', savedRevisionId: 4, starter: 'Mall' };

  it('starts from the saved text, or the starter when nothing is saved', () => {
    expect(editorStart({ ...saved, conflict: null, preview: null, posted: null })).toEqual({ initialText: 'Sparad text', baseRevisionId: 4, resolving: false, unsaved: false, markerWarning: false });
    expect(editorStart({ ...saved, savedText: '', conflict: null, preview: null, posted: null }).initialText).toBe('Mall');
  });

  it("keeps the writer's own text after a refused save, and the merge regions after a conflict", () => {
    const posted = editorStart({ ...saved, conflict: null, preview: null, posted: { text: 'Min text', baseRevisionId: 3, resolving: true } });
    expect(posted).toMatchObject({ initialText: 'Min text', baseRevisionId: 3, resolving: true, unsaved: true });
    const conflict = editorStart({ ...saved, conflict: { latestRevisionId: 7, regions: [{ kind: 'same', text: 'Lika' }] }, preview: null, posted: null });
    expect(conflict).toMatchObject({ initialText: 'Lika', baseRevisionId: 7, resolving: true, unsaved: true });
  });

  it('warns when the saved text still has conflict markers, but not while the writer has unsaved text', () => {
    const text = [MARKER_MINE, 'a', MARKER_SPLIT, 'b', MARKER_LATEST].join('\n');
    expect(editorStart({ ...saved, savedText: text, conflict: null, preview: null, posted: null }).markerWarning).toBe(true);
    expect(editorStart({ ...saved, savedText: text, conflict: null, preview: null, posted: { text: 'x', baseRevisionId: 4, resolving: false } }).markerWarning).toBe(false);
  });
});

describe('unresolvedConflictProblem', () => {
  it('refuses a hand-resolved text that still has markers, and only then', () => {
    const marked = ['Början', MARKER_MINE, 'a', MARKER_SPLIT, 'b', MARKER_LATEST].join('\n');
    expect(unresolvedConflictProblem(marked, true)).toMatch(/krockmarkeringar/);
    expect(unresolvedConflictProblem(marked, false)).toBeNull();
    expect(unresolvedConflictProblem('Vanlig text', true)).toBeNull();
  });
});
