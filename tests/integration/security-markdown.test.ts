// Issue 10, finding 3: Markdown could freeze the event loop ('_c' emphasis pathology) or break pages
// with a stack overflow (thousands of '>'). Text beyond the limits is refused with a Swedish message
// when saved or previewed; text already stored is shown safely, one section never breaks a page, and
// the DOCX export of one revision state is built once.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { input } from '../unit/activities-fixtures.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

const EMPHASIS_BOMB = '_c'.repeat(24000) + '_';
const QUOTE_BOMB = '>'.repeat(49000);

let member: Client;
let ideaPath: string;
let ideaId: number;
let activitySlug: string;
let organiser: Client;
beforeAll(() => {
  const writer = createTestUser(db);
  const group = createGroup(db, { name: `Markdowngruppen ${Date.now()}`, problemArea: 'Text', description: 'Grupp för markdowntestet.', joinMode: 'open', leadEmails: [writer.email], createdById: writer.id });
  const idea = createIdea(db, { groupId: group.id, title: 'Idé med trasig text', targetCall: '', createdById: writer.id });
  ideaId = idea.id;
  ideaPath = `/klustergrupper/${group.slug}/ideer/${idea.id}`;
  // Stored before the limits existed (straight through the library, as an old database would hold it).
  const section = getSection(db, idea.id, 'problemformulering')!;
  saveSection(db, { sectionId: section.id, authorId: writer.id, baseRevisionId: 0, text: QUOTE_BOMB });
  const other = getSection(db, idea.id, 'syfte-och-mal')!;
  saveSection(db, { sectionId: other.id, authorId: writer.id, baseRevisionId: 0, text: 'Ett **vanligt** avsnitt som ska synas.' });
  member = new Client(server.url);
  loginAs(member, db, writer.id);

  const coordinator = createTestUser(db, { role: 'coordinator' });
  organiser = new Client(server.url);
  loginAs(organiser, db, coordinator.id);
  const activity = publishActivity(db, createActivity(db, input({ title: 'Träff med trasig beskrivning' }), coordinator.id).id);
  db.update(activities).set({ description: '>'.repeat(19999) }).where(eq(activities.id, activity.id)).run();
  activitySlug = activity.slug;
});

const save = (text: string, intent: 'spara' | 'forhandsgranska') =>
  member.post(`${ideaPath}/avsnitt/problemformulering?_action=clusters.saveSection`, { ideaId: String(ideaId), sectionKey: 'problemformulering', baseRevisionId: '0', text, intent });

describe('limits when saving and previewing', () => {
  it('refuses to preview or save the emphasis bomb with a Swedish message, and the server stays responsive', async () => {
    const started = save(EMPHASIS_BOMB, 'forhandsgranska');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const preview = await started;
    expect(preview.status).toBe(400);
    expect(await preview.text()).toContain('Texten har för många tecken för kursiv, fetstil eller genomstrykning');
    const saved = await save(EMPHASIS_BOMB, 'spara');
    expect(saved.status).toBe(400);
  });

  it('refuses deeply nested quotes with a Swedish message (RPC too: no library text leaks)', async () => {
    const res = await save(QUOTE_BOMB, 'spara');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('för många nivåer av citat eller listor');
    const rpc = await member.post('/_actions/clusters.saveSection', { ideaId: String(ideaId), sectionKey: 'problemformulering', baseRevisionId: '0', text: QUOTE_BOMB, intent: 'forhandsgranska' });
    expect(rpc.status).toBe(400);
    const body = await rpc.text();
    expect(body).not.toContain('marked');
    expect(body).not.toContain('Maximum call stack');
  });

  it('refuses an activity description beyond the limits', async () => {
    const res = await organiser.post('/_actions/activities.create', {
      title: 'Träff med citat', description: '>'.repeat(19999), kind: 'network_meeting', place: 'Skövde',
      date: '2031-05-05', start: '09:00', end: '12:00',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('för många nivåer av citat eller listor');
  });
});

describe('stored text beyond the limits never breaks a page', () => {
  it('idea page, print view, section page and DOCX export answer 200 and show the other sections', async () => {
    const page = await member.get(ideaPath);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<strong>vanligt</strong>');
    expect((await member.get(`${ideaPath}/utskrift`)).status).toBe(200);
    expect((await member.get(`${ideaPath}/avsnitt/problemformulering`)).status).toBe(200);
    const docx = await member.get(`${ideaPath}/export.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
  });

  it('the public page of an activity with a stored quote bomb answers 200', async () => {
    const res = await new Client(server.url).get(`/aktiviteter/${activitySlug}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Träff med trasig beskrivning');
  });
});

describe('the DOCX export is built once per revision state', () => {
  it('answers the same bytes for the same state and new bytes after a save', async () => {
    const first = Buffer.from(await (await member.get(`${ideaPath}/export.docx`)).arrayBuffer());
    await new Promise((r) => setTimeout(r, 1100)); // a rebuilt file would carry a later creation time
    const second = Buffer.from(await (await member.get(`${ideaPath}/export.docx`)).arrayBuffer());
    expect(second.equals(first)).toBe(true);
    const section = getSection(db, ideaId, 'syfte-och-mal')!;
    const current = db.$client.prepare('select max(id) as id from idea_section_revisions where sectionId = ?').get(section.id) as { id: number };
    saveSection(db, { sectionId: section.id, authorId: createTestUser(db).id, baseRevisionId: current.id, text: 'Ny text i avsnittet.' });
    const third = Buffer.from(await (await member.get(`${ideaPath}/export.docx`)).arrayBuffer());
    expect(third.equals(first)).toBe(false);
  });
});
