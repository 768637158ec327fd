import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '#lib/db.ts';
import { users } from '#db/schema/index.ts';
import { createTestUser } from '../helpers/users.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea, sectionsWithText } from '#lib/ideas/ideas.ts';
import { getSection, mergedWithFor, restoreRevision, saveSection, sectionHistory } from '#lib/ideas/revisions.ts';
import { addComment, listThreads, resolveComment } from '#lib/ideas/comments.ts';
import { checkReadiness } from '#lib/ideas/readiness.ts';
import { SECTIONS } from '#lib/ideas/template.ts';

let db: Db;
let anna: { id: number };
let bo: { id: number };
let sectionId: number;
const start = ['Inledning', '', 'Mitten', '', 'Slut'].join('\n');

beforeEach(() => {
  db = openDb(':memory:');
  anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  const group = createGroup(db, { name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Test', joinMode: 'open', leadEmails: ['anna@exempel.se'], createdById: anna.id });
  const idea = createIdea(db, { groupId: group.id, title: 'Idé', targetCall: '', createdById: anna.id });
  sectionId = getSection(db, idea.id, 'problemformulering')!.id;
});

describe('saveSection', () => {
  it('creates every template section for a new idea', () => {
    const idea = createIdea(db, { groupId: 1, title: 'Två', targetCall: 'ESF+ 2026', createdById: anna.id });
    expect(sectionsWithText(db, idea.id).map((s) => s.def.key)).toEqual(SECTIONS.map((s) => s.key));
  });

  it('applies a save based on the latest revision and rejects an unknown base', () => {
    const r1 = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: start });
    expect(r1.outcome).toBe('applied');
    expect(() => saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 9999, text: 'x' })).toThrow(/Versionen du utgick från/);
    const again = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: (r1 as { revisionId: number }).revisionId, text: start });
    expect(again.outcome).toBe('unchanged');
  });

  it('merges a save based on an old revision when the lines differ, and names the other writer', () => {
    const r1 = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: start });
    const base = (r1 as { revisionId: number }).revisionId;
    const r2 = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: base, text: start.replace('Inledning', 'Inledning (Anna)') });
    expect(r2.outcome).toBe('applied');
    const r3 = saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: base, text: start.replace('Slut', 'Slut (Bo)') });
    expect(r3.outcome).toBe('merged');
    if (r3.outcome !== 'merged') return;
    expect(r3.mergedWith).toEqual(['Anna Lind']);
    expect(mergedWithFor(db, r3.revisionId)).toEqual(['Anna Lind']);
    const text = sectionHistory(db, sectionId)[0]!.text;
    expect(text).toBe(['Inledning (Anna)', '', 'Mitten', '', 'Slut (Bo)'].join('\n'));
  });

  it('stores nothing on overlapping changes and returns the writer’s own text', () => {
    const base = (saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: start }) as { revisionId: number }).revisionId;
    const r2 = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: base, text: start.replace('Mitten', 'Mitten A') });
    const before = sectionHistory(db, sectionId).length;
    const r3 = saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: base, text: start.replace('Mitten', 'Mitten B') });
    expect(r3.outcome).toBe('conflict');
    if (r3.outcome !== 'conflict') return;
    expect(r3.mine).toContain('Mitten B');
    expect(r3.latestText).toContain('Mitten A');
    expect(r3.latestRevisionId).toBe((r2 as { revisionId: number }).revisionId);
    expect(r3.markedText).toContain('<<<<<<< Din version');
    expect(sectionHistory(db, sectionId).length).toBe(before);
    // Resolving = saving again based on the latest revision.
    const r4 = saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: r3.latestRevisionId, text: start.replace('Mitten', 'Mitten A och B'), resolving: true });
    expect(r4.outcome).toBe('applied');
    expect(sectionHistory(db, sectionId)[0]!.kind).toBe('resolve');
  });
});

describe('history and restore', () => {
  it('lists revisions newest first with diffs; restore adds a new revision; deleted authors show as "borttagen användare"', () => {
    const r1 = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: 'Version ett' }) as { revisionId: number };
    const r2 = saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: r1.revisionId, text: 'Version två' }) as { revisionId: number };
    let history = sectionHistory(db, sectionId);
    expect(history.map((h) => h.authorName)).toEqual(['Bo Ek', 'Anna Lind']);
    expect(history[0]!.diff).toEqual([
      {
        kind: 'changed',
        segments: [
          { kind: 'same', text: 'Version ' },
          { kind: 'removed', text: 'ett' },
          { kind: 'added', text: 'två' },
        ],
      },
    ]);
    const r3 = restoreRevision(db, { sectionId, revisionId: r1.revisionId, authorId: bo.id });
    history = sectionHistory(db, sectionId);
    expect(history).toHaveLength(3);
    expect(history[0]).toMatchObject({ id: r3, text: 'Version ett', kind: 'restore', restoredFromId: r1.revisionId, isLatest: true });
    expect(() => restoreRevision(db, { sectionId, revisionId: r3, authorId: bo.id })).toThrow(/redan den senaste/);
    db.delete(users).where(eq(users.id, anna.id)).run();
    history = sectionHistory(db, sectionId);
    expect(history.at(-1)!.authorName).toBe('borttagen användare');
    expect(r2.revisionId).toBeGreaterThan(0);
  });
});

describe('comments', () => {
  it('threads replies under the first comment and resolves', () => {
    const c1 = addComment(db, { sectionId, authorId: anna.id, body: 'Saknar vi statistik?' });
    const reply = addComment(db, { sectionId, authorId: bo.id, body: 'Jag tar fram siffror.', parentId: c1.id });
    addComment(db, { sectionId, authorId: anna.id, body: 'Svar på svaret', parentId: reply.id });
    resolveComment(db, c1.id, bo.id);
    const threads = listThreads(db, sectionId);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.replies.map((r) => r.body)).toEqual(['Jag tar fram siffror.', 'Svar på svaret']);
    expect(threads[0]!.resolvedByName).toBe('Bo Ek');
  });
});

describe('readiness', () => {
  it('maps criteria to sections with length thresholds and the horizontal principles', () => {
    const empty = checkReadiness({}, 0);
    expect(empty.every((c) => c.state === 'saknas')).toBe(true);
    const long = 'Lång text om problemet. '.repeat(40);
    const r = checkReadiness({ problemformulering: long, malgrupp: 'kort', 'horisontella-principer': long + ' jämställdhet och tillgänglighet' }, 1);
    const problem = r.find((c) => c.criterion.id === 'problemformulering')!;
    expect(problem.state).toBe('påbörjad');
    expect(problem.sections.map((s) => s.state)).toEqual(['ok', 'kort']);
    const principles = r.find((c) => c.criterion.id === 'horisontella-principer')!;
    expect(principles.sections.map((s) => s.key)).toEqual(['horisontella-principer']);
    expect(principles.missingMentions).toEqual(['icke-diskriminering']);
    const done = checkReadiness({ 'horisontella-principer': long + ' jämställdhet, tillgänglighet och icke-diskriminering' }, 0);
    expect(done.find((c) => c.criterion.id === 'horisontella-principer')!.state).toBe('klar');
    expect(done.find((c) => c.criterion.id === 'forankring')!.organisationsMissing).toBe(2);
  });
});
