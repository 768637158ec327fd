// The loaders of the idea page and the group management page: plain data, computed from the database.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '#lib/db.ts';
import { createTestUser } from '../helpers/users.ts';
import { org } from './activities-fixtures.ts';
import { createGroup, requestToJoin, getGroupById } from '#lib/clusters/groups.ts';
import { addIdeaOrganisation, createIdea, getIdea, setIdeaSharing, setIdeaStatus } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { addComment, resolveComment } from '#lib/ideas/comments.ts';
import { SHAREABLE_STATUSES } from '#lib/ideas/template.ts';
import { loadIdeaPage } from '#lib/ideas/idea-view.ts';
import { heartbeat, PRESENCE_WINDOW_MS } from '#lib/ideas/presence.ts';
import { loadGroupManagement } from '#lib/clusters/manage-view.ts';

let db: Db;
let anna: { id: number };
let bo: { id: number };
let groupId: number;

beforeEach(() => {
  db = openDb(':memory:');
  anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  groupId = createGroup(db, { name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Gruppen skriver idéer om etablering.', joinMode: 'request', leadEmails: ['anna@exempel.se'], createdById: anna.id }).id;
});

describe('loadIdeaPage', () => {
  it('counts only open comments per section, offers only organisations not yet added, and knows when the idea is shared', () => {
    const idea = createIdea(db, { groupId, title: 'Idé', targetCall: '', createdById: anna.id });
    const sectionId = getSection(db, idea.id, 'problemformulering')!.id;
    saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: 'Unga behöver stöd.' });
    addComment(db, { sectionId, authorId: anna.id, body: 'Öppen fråga' });
    const done = addComment(db, { sectionId, authorId: anna.id, body: 'Klar fråga' });
    resolveComment(db, done.id, anna.id, true);
    const added = org(db, 'Skövde kommun');
    const other = org(db, 'Tibro kommun');
    addIdeaOrganisation(db, idea.id, added.id, 'Projektägare');

    const view = loadIdeaPage(db, getIdea(db, groupId, idea.id)!, { mayEdit: true });
    expect(view.sections.find((s) => s.def.key === 'problemformulering')!.openComments).toBe(1);
    const problem = view.sections.find((s) => s.def.key === 'problemformulering')!;
    expect(problem).toMatchObject({ empty: false, html: '<p>Unga behöver stöd.</p>\n', updatedBy: 'Anna Lind' });
    expect(view.sections.find((s) => s.def.key === 'malgrupp')).toMatchObject({ empty: true, html: '', revisionId: 0, updatedBy: null, updatedAt: null });
    expect(view.readiness.find((c) => c.criterion.id === 'problemformulering')!.state).toBe('påbörjad');
    expect(view.readiness.find((c) => c.criterion.id === 'forankring')!.organisationsMissing).toBe(1);
    expect(view.organisations.map((o) => o.organisationId)).toEqual([added.id]);
    expect(view.addable.map((o) => o.id)).toContain(other.id);
    expect(view.addable.map((o) => o.id)).not.toContain(added.id);
    expect(view).toMatchObject({ shareable: false, shared: false });
    expect(loadIdeaPage(db, idea, { mayEdit: false }).addable).toEqual([]);

    setIdeaStatus(db, idea.id, SHAREABLE_STATUSES[0]!);
    setIdeaSharing(db, getIdea(db, groupId, idea.id)!, true);
    expect(loadIdeaPage(db, getIdea(db, groupId, idea.id)!, { mayEdit: true })).toMatchObject({ shareable: true, shared: true });
  });

  it('lists who had the idea open within the presence window, by name', () => {
    const idea = createIdea(db, { groupId, title: 'Idé', targetCall: '', createdById: anna.id });
    const cecilia = createTestUser(db, { name: 'Cecilia Al', email: 'cecilia@exempel.se' });
    heartbeat(db, idea.id, bo.id, 'malgrupp');
    heartbeat(db, idea.id, anna.id, null);
    heartbeat(db, idea.id, cecilia.id, null, new Date(Date.now() - PRESENCE_WINDOW_MS - 1000));
    expect(loadIdeaPage(db, idea, { mayEdit: false }).presence).toEqual([
      { userId: anna.id, name: 'Anna Lind', sectionKey: null },
      { userId: bo.id, name: 'Bo Ek', sectionKey: 'malgrupp' },
    ]);
  });

  it('shows a new save at once: the cached HTML and readiness are per revision', () => {
    const idea = createIdea(db, { groupId, title: 'Idé', targetCall: '', createdById: anna.id });
    const sectionId = getSection(db, idea.id, 'horisontella-principer')!.id;
    const first = saveSection(db, { sectionId, authorId: anna.id, baseRevisionId: 0, text: 'Vi arbetar med **jämställdhet**.' });
    const before = loadIdeaPage(db, idea, { mayEdit: false });
    const section = (v: typeof before) => v.sections.find((s) => s.def.key === 'horisontella-principer')!;
    const principles = (v: typeof before) => v.readiness.find((c) => c.criterion.id === 'horisontella-principer')!;
    expect(section(before).html).toContain('<strong>jämställdhet</strong>');
    expect(principles(before).missingMentions).toEqual(['tillgänglighet', 'icke-diskriminering']);
    // The same view again is the same result (from the caches).
    expect(loadIdeaPage(db, idea, { mayEdit: false }).readiness).toEqual(before.readiness);

    if (first.outcome !== 'applied') throw new Error(first.outcome);
    saveSection(db, { sectionId, authorId: bo.id, baseRevisionId: first.revisionId, text: 'Jämställdhet, tillgänglighet och arbete mot diskriminering.' });
    const after = loadIdeaPage(db, idea, { mayEdit: false });
    expect(section(after).html).toBe('<p>Jämställdhet, tillgänglighet och arbete mot diskriminering.</p>\n');
    expect(section(after).updatedBy).toBe('Bo Ek');
    expect(principles(after).missingMentions).toEqual([]);
  });
});

describe('loadGroupManagement', () => {
  it('lists members and requests, and keeps the posted settings after a refused save', () => {
    const group = getGroupById(db, groupId)!;
    requestToJoin(db, group, bo.id, 'Jag vill vara med.', 'http://localhost');
    const view = loadGroupManagement(db, group);
    expect(view.members.map((m) => m.name)).toEqual(['Anna Lind']);
    expect(view.requests.map((m) => m.name)).toEqual(['Bo Ek']);
    expect(view.invited).toEqual([]);
    expect(view.settings).toEqual({ name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Gruppen skriver idéer om etablering.', joinMode: 'request' });
    const posted = { name: 'X', problemArea: '', description: 'kort', joinMode: 'open' };
    expect(loadGroupManagement(db, group, posted).settings).toEqual(posted);
  });
});
