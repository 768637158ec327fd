// The comment fragments' access (src/lib/clusters/section-comments-access.ts): only members of the idea's
// group get a section's threads, an unknown section is a 404, and who may resolve a thread follows can().
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '#lib/db.ts';
import { sectionComments } from '#lib/clusters/section-comments-access.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { ideaWorld, type IdeaWorld } from './ideas-fixtures.ts';

let db: Db;
let lead: IdeaWorld['anna'];
let outsider: IdeaWorld['bo'];
let params: { slug: string; id: string; key: string };

beforeEach(() => {
  const { group, idea, ...world } = ideaWorld();
  ({ db, anna: lead, bo: outsider } = world);
  params = { slug: group.slug, id: String(idea.id), key: 'budget' };
});

describe('sectionComments', () => {
  it("gives a group member the section and marks every thread the lead may resolve, anyone's", () => {
    const access = sectionComments(db, lead, params);
    if (!access.ok) throw new Error(access.message);
    expect(access.sectionKey).toBe('budget');
    expect(access.sectionId).toBe(getSection(db, Number(params.id), 'budget')!.id);
    expect(access.withResolveRight({ id: 1, authorId: outsider.id })).toEqual({ id: 1, authorId: outsider.id, mayResolve: true });
  });

  it('refuses someone outside the group, and answers 404 for an unknown section or group', () => {
    expect(sectionComments(db, outsider, params)).toMatchObject({ ok: false, status: 403 });
    expect(sectionComments(db, lead, { ...params, key: 'finns-inte' })).toEqual({ ok: false, status: 404, message: 'Avsnittet finns inte.' });
    expect(sectionComments(db, lead, { ...params, slug: 'ingen-grupp' })).toMatchObject({ ok: false, status: 404 });
  });
});
