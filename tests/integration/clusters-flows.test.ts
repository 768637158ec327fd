// Groups, membership, ideas, co-writing, comments and exports over real HTTP (no JavaScript).
import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { type Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { clusterGroups, clusterMemberships, ideas, organisations, outbox } from '#db/schema/index.ts';
import { getSection, sectionHistory } from '#lib/ideas/revisions.ts';

let server: RunningServer;
let db: Db;
let orgA: number;
let orgB: number;
const users: Record<string, { id: number; email: string }> = {};
const clients: Record<string, Client> = {};

function client(name: string): Client {
  if (!clients[name]) {
    clients[name] = new Client(server.url);
    loginAs(clients[name], db, users[name]!.id);
  }
  return clients[name];
}

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgA = db.insert(organisations).values({ name: 'Hjo kommun', slug: 'hjo-kommun', type: 'municipality', municipality: 'Hjo' }).returning().get().id;
  orgB = db.insert(organisations).values({ name: 'Arbetsförmedlingen', slug: 'arbetsformedlingen', type: 'agency' }).returning().get().id;
  users.samordnare = createTestUser(db, { role: 'coordinator', name: 'Sara Samordnare', organisationId: orgA });
  users.lead = createTestUser(db, { name: 'Lena Ledare', organisationId: orgA });
  users.anna = createTestUser(db, { name: 'Anna Andersson', organisationId: orgB });
  users.bo = createTestUser(db, { name: 'Bo Berg', organisationId: orgA });
  users.outsider = createTestUser(db, { name: 'Olle Utanför' });
  users.admin = createTestUser(db, { role: 'admin', name: 'Ada Admin' });
});


let slug = '';
let groupId = 0;
let ideaId = 0;

describe('groups and membership', () => {
  it('redirects anonymous visitors to log-in', async () => {
    const res = await new Client(server.url).get('/klustergrupper');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fklustergrupper');
  });

  it('lets a coordinator create a group with a lead; members cannot', async () => {
    const denied = await client('anna').post('/klustergrupper/ny?_action=clusters.createGroup', {
      name: 'Unga nyanlända', problemArea: 'Etablering', description: 'En grupp om ungas etablering i Skaraborg.', joinMode: 'request', leadEmails: users.lead!.email,
    });
    expect(denied.status).toBe(403);
    const bad = await client('samordnare').post('/klustergrupper/ny?_action=clusters.createGroup', {
      name: 'U', problemArea: 'Etablering', description: 'kort', joinMode: 'request', leadEmails: users.lead!.email,
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Skriv ett namn på minst 3 tecken.');
    expect(badHtml).toContain('value="Etablering"');
    const res = await client('samordnare').post('/klustergrupper/ny?_action=clusters.createGroup', {
      name: 'Unga nyanlända', problemArea: 'Etablering', description: 'En grupp om ungas etablering i Skaraborg.', joinMode: 'request', leadEmails: users.lead!.email,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/klustergrupper/unga-nyanlanda?klart=skapad');
    const group = db.select().from(clusterGroups).where(eq(clusterGroups.slug, 'unga-nyanlanda')).get()!;
    slug = group.slug;
    groupId = group.id;
    const list = await (await client('anna').get('/klustergrupper')).text();
    expect(list).toContain('Unga nyanlända');
  });

  it('handles a join request: the lead gets a mail, approves, the member gets a mail', async () => {
    const res = await client('anna').post(`/klustergrupper/${slug}?_action=clusters.requestToJoin`, { groupId: String(groupId), message: 'Jag arbetar med KAA.' });
    expect(res.status).toBe(303);
    const leadMail = db.select().from(outbox).where(eq(outbox.to, users.lead!.email)).get();
    expect(leadMail?.subject).toBe('Ny förfrågan till klustergruppen Unga nyanlända');
    const manage = await client('lead').get(`/klustergrupper/${slug}/hantera`);
    expect(manage.status).toBe(200);
    expect(await manage.text()).toContain('Jag arbetar med KAA.');
    expect((await client('anna').get(`/klustergrupper/${slug}/hantera`)).status).toBe(403);
    const m = db.select().from(clusterMemberships).where(eq(clusterMemberships.userId, users.anna!.id)).get()!;
    const ok = await client('lead').post(`/klustergrupper/${slug}/hantera?_action=clusters.decideRequest`, { groupId: String(groupId), membershipId: String(m.id), decision: 'godkann' });
    expect(ok.status).toBe(303);
    expect(db.select().from(clusterMemberships).where(eq(clusterMemberships.id, m.id)).get()!.status).toBe('active');
    expect(db.select().from(outbox).where(eq(outbox.to, users.anna!.email)).get()?.subject).toBe('Du är medlem i Unga nyanlända');
  });

  it('lets a lead invite into a closed group and the invitee accept', async () => {
    await client('samordnare').post(`/klustergrupper/${slug}/hantera?_action=clusters.updateGroup`, {
      groupId: String(groupId), name: 'Unga nyanlända', problemArea: 'Etablering', description: 'En grupp om ungas etablering i Skaraborg.', joinMode: 'closed',
    });
    const page = await (await client('bo').get(`/klustergrupper/${slug}`)).text();
    expect(page).toContain('Gruppen är stängd');
    expect((await client('bo').post(`/klustergrupper/${slug}?_action=clusters.requestToJoin`, { groupId: String(groupId) })).status).toBe(400);
    const inv = await client('lead').post(`/klustergrupper/${slug}/hantera?_action=clusters.inviteMember`, { groupId: String(groupId), email: users.bo!.email });
    expect(inv.status).toBe(303);
    const acc = await client('bo').post(`/klustergrupper/${slug}?_action=clusters.respondToInvite`, { groupId: String(groupId), answer: 'ja' });
    expect(acc.headers.get('location')).toContain('klart=inbjudan-antagen');
    const html = await (await client('bo').get(`/klustergrupper/${slug}`)).text();
    expect(html).toContain('Du är medlem i gruppen.');
    expect(html).toContain('Hjo kommun');
    expect(html).toContain('Arbetsförmedlingen');
  });

  it('lets anyone join an open group and leave it, but keeps the last lead', async () => {
    const res = await client('samordnare').post('/klustergrupper/ny?_action=clusters.createGroup', {
      name: 'Öppna gruppen', problemArea: 'Unga nyanlända', description: 'En öppen grupp där alla medlemmar kan gå med.', joinMode: 'open', leadEmails: users.lead!.email,
    });
    const openSlug = new URL(res.headers.get('location')!, server.url).pathname.split('/')[2]!;
    const open = db.select().from(clusterGroups).where(eq(clusterGroups.slug, openSlug)).get()!;
    const join = await client('outsider').post(`/klustergrupper/${openSlug}?_action=clusters.joinGroup`, { groupId: String(open.id) });
    expect(join.headers.get('location')).toContain('klart=gick-med');
    expect(await (await client('outsider').get(`/klustergrupper/${openSlug}`)).text()).toContain('Du är medlem i gruppen.');
    const leave = await client('outsider').post(`/klustergrupper/${openSlug}?_action=clusters.leaveGroup`, { groupId: String(open.id) });
    expect(leave.headers.get('location')).toContain('klart=lamnade');
    const leadLeaves = await client('lead').post(`/klustergrupper/${openSlug}?_action=clusters.leaveGroup`, { groupId: String(open.id) });
    expect(leadLeaves.status).toBe(409);
    expect(await leadLeaves.text()).toContain('Du är gruppens enda gruppledare');
  });

  it('only lets coordinators appoint leads', async () => {
    const bo = db.select().from(clusterMemberships).where(eq(clusterMemberships.userId, users.bo!.id)).get()!;
    const byLead = await client('lead').post(`/klustergrupper/${slug}/hantera?_action=clusters.setMemberRole`, { groupId: String(groupId), membershipId: String(bo.id), role: 'lead' });
    expect(byLead.status).toBe(403);
    const byCoord = await client('samordnare').post(`/klustergrupper/${slug}/hantera?_action=clusters.setMemberRole`, { groupId: String(groupId), membershipId: String(bo.id), role: 'lead' });
    expect(byCoord.status).toBe(303);
    await client('samordnare').post(`/klustergrupper/${slug}/hantera?_action=clusters.setMemberRole`, { groupId: String(groupId), membershipId: String(bo.id), role: 'member' });
    expect(db.select().from(clusterMemberships).where(eq(clusterMemberships.id, bo.id)).get()!.role).toBe('member');
  });
});

describe('ideas and co-writing', () => {
  const sectionPath = () => `/klustergrupper/${slug}/ideer/${ideaId}/avsnitt/problemformulering`;
  const save = (who: string, base: number, text: string, extra: Record<string, string> = {}) =>
    client(who).post(`${sectionPath()}?_action=clusters.saveSection`, { ideaId: String(ideaId), sectionKey: 'problemformulering', baseRevisionId: String(base), text, intent: 'spara', ...extra });

  it('creates an idea with every template section, the horizontal principles included', async () => {
    const res = await client('anna').post(`/klustergrupper/${slug}?_action=clusters.createIdea`, { groupId: String(groupId), title: 'Språkstöd på praktikplatsen', targetCall: 'ESF+ programområde 2' });
    expect(res.status).toBe(303);
    ideaId = db.select().from(ideas).where(eq(ideas.groupId, groupId)).get()!.id;
    const html = await (await client('bo').get(`/klustergrupper/${slug}/ideer/${ideaId}`)).text();
    for (const t of ['1. Problemformulering', '2. Horisontella principer', '7. Förankring och samverkan', '8. Förändringsteori', '12. Budget', '13. Kommunikationsplan']) expect(html).toContain(t);
    expect(html).toContain('Redo för utlysning?');
    const method = await (await client('bo').get(`/klustergrupper/${slug}/ideer/${ideaId}/avsnitt/metod-och-aktiviteter`)).text();
    expect(method).toMatch(/Metodguider: <a href="\/guider\/[a-z0-9-]+">/);
  });

  it('previews without saving, saves, merges and shows a conflict with the writer’s text', async () => {
    const preview = await save('anna', 0, '**Fetstil** <script>alert(1)</script>', { intent: 'forhandsgranska' });
    expect(preview.status).toBe(200);
    const ph = await preview.text();
    expect(ph).toContain('<strong>Fetstil</strong>');
    expect(ph).not.toContain('<script>alert(1)</script>');
    expect(sectionHistory(db, getSection(db, ideaId, 'problemformulering')!.id)).toHaveLength(0);

    const first = await save('anna', 0, 'Första stycket.\n\nAndra stycket.\n\nTredje stycket.');
    expect(first.headers.get('location')).toMatch(/klart=sparad/);
    const base = getSection(db, ideaId, 'problemformulering')!.currentRevisionId!;
    expect((await save('bo', base, 'Första stycket, av Bo.\n\nAndra stycket.\n\nTredje stycket.')).headers.get('location')).toMatch(/klart=sparad/);
    const merged = await save('anna', base, 'Första stycket.\n\nAndra stycket.\n\nTredje stycket, av Anna.');
    const loc = merged.headers.get('location')!;
    expect(loc).toMatch(/klart=sammanslagen/);
    const after = await (await client('anna').get(loc)).text();
    expect(after).toContain('Din ändring slogs ihop med ändringar från Bo Berg');
    expect(after).toContain('Tredje stycket, av Anna.');
    expect(after).toContain('Första stycket, av Bo.');

    const conflict = await save('anna', base, 'Första stycket – Annas nya version.\n\nAndra stycket.\n\nTredje stycket.');
    expect(conflict.status).toBe(409);
    const ch = await conflict.text();
    expect(ch).toContain('Din ändring krockar med en annan ändring');
    expect(ch).toContain('Första stycket – Annas nya version.');
    expect(ch).toContain('Den sparade texten');
    expect(ch).not.toContain('&lt;&lt;&lt;&lt;&lt;&lt;&lt;');
    const latest = getSection(db, ideaId, 'problemformulering')!.currentRevisionId!;
    expect(ch).toContain(`name="baseRevisionId" value="${latest}"`);
    const markers = await save('anna', latest, '<<<<<<< Din version\nx\n=======\ny\n>>>>>>> Senast sparade versionen', { resolving: 'ja' });
    expect(markers.status).toBe(400);
    expect(await markers.text()).toContain('krockmarkeringar');
    const resolved = await save('anna', latest, 'Första stycket, av Bo och Anna.\n\nAndra stycket.\n\nTredje stycket, av Anna.', { resolving: 'ja' });
    expect(resolved.headers.get('location')).toMatch(/klart=sparad/);
    const history = await (await client('bo').get(`${sectionPath()}/historik`)).text();
    expect(history).toContain('Löst krock');
    expect(history).toContain('Automatiskt sammanslagen ändring');
    expect(history).toContain('Bo Berg');
  });

  it('restores an old revision as a new revision', async () => {
    const section = getSection(db, ideaId, 'problemformulering')!;
    const oldest = sectionHistory(db, section.id).at(-1)!;
    const res = await client('bo').post(`${sectionPath()}/historik?_action=clusters.restoreRevision`, { ideaId: String(ideaId), sectionKey: 'problemformulering', revisionId: String(oldest.id) });
    expect(res.status).toBe(303);
    const history = sectionHistory(db, section.id);
    expect(history[0]).toMatchObject({ kind: 'restore', text: oldest.text, restoredFromId: oldest.id });
  });

  it('threads comments; only the author or a lead resolves', async () => {
    const path = `${sectionPath()}?_action=clusters.addComment`;
    expect((await client('anna').post(path, { ideaId: String(ideaId), sectionKey: 'problemformulering', body: 'Behöver vi statistik från SCB?' })).status).toBe(303);
    const { ideaComments } = await import('#db/schema/index.ts');
    const c = db.select().from(ideaComments).get()!;
    expect((await client('bo').post(path, { ideaId: String(ideaId), sectionKey: 'problemformulering', body: 'Ja, jag tar fram siffror.', parentId: String(c.id) })).status).toBe(303);
    const resolvePath = `${sectionPath()}?_action=clusters.resolveComment`;
    expect((await client('bo').post(resolvePath, { ideaId: String(ideaId), commentId: String(c.id), resolved: 'ja' })).status).toBe(403);
    expect((await client('lead').post(resolvePath, { ideaId: String(ideaId), commentId: String(c.id), resolved: 'ja' })).status).toBe(303);
    const html = await (await client('bo').get(sectionPath())).text();
    expect(html).toContain('Ja, jag tar fram siffror.');
    expect(html).toContain('löst av Lena Ledare');
  });

  it('adds participating organisations and exports DOCX and Markdown with the section texts', async () => {
    const add = await client('anna').post(`/klustergrupper/${slug}/ideer/${ideaId}?_action=clusters.addIdeaOrganisation`, { ideaId: String(ideaId), organisationId: String(orgB), role: 'Anvisar deltagare' });
    expect(add.status).toBe(303);
    const budget = getSection(db, ideaId, 'budget')!;
    await client('anna').post(`/klustergrupper/${slug}/ideer/${ideaId}/avsnitt/budget?_action=clusters.saveSection`, {
      ideaId: String(ideaId), sectionKey: 'budget', baseRevisionId: String(budget.currentRevisionId ?? 0), text: '| Kostnadsslag | Belopp (kr) |\n| --- | --- |\n| Personal | 850 000 |', intent: 'spara',
    });
    const docx = await client('bo').get(`/klustergrupper/${slug}/ideer/${ideaId}/export.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('Sprakstod-pa-praktikplatsen.docx');
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Språkstöd på praktikplatsen');
    expect(xml).toContain('Första stycket');
    expect(xml).toContain('850 000');
    expect(xml).toContain('Arbetsförmedlingen – Anvisar deltagare');
    const md = await (await client('bo').get(`/klustergrupper/${slug}/ideer/${ideaId}/export.md`)).text();
    expect(md).toContain('# Språkstöd på praktikplatsen');
    expect(md).toContain('## 12. Budget');
    expect(md).toContain('| Personal | 850 000 |');
    const print = await (await client('bo').get(`/klustergrupper/${slug}/ideer/${ideaId}/utskrift`)).text();
    expect(print).toContain('<td>850 000</td>');
  });

  it('lists the member’s groups and ideas on Mina sidor', async () => {
    const html = await (await client('bo').get('/mina-sidor')).text();
    const section = html.slice(html.indexOf('id="mina-klustergrupper"'));
    expect(section).toContain('Unga nyanlända');
    expect(section).toContain('Språkstöd på praktikplatsen');
  });

  it('reports presence through the heartbeat endpoint', async () => {
    const res = await client('anna').post(`/klustergrupper/${slug}/ideer/${ideaId}/narvaro`, { section: 'budget' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { present: Array<{ name: string; sectionKey: string | null }> };
    expect(body.present).toContainEqual(expect.objectContaining({ name: 'Anna Andersson', sectionKey: 'budget' }));
  });
});

describe('visibility of private ideas', () => {
  it('hides a private idea from non-members, admins included, until a lead shares it when ready', async () => {
    const ideaPath = `/klustergrupper/${slug}/ideer/${ideaId}`;
    for (const who of ['outsider', 'admin', 'samordnare']) {
      expect((await client(who).get(ideaPath)).status).toBe(403);
      expect((await client(who).get(`${ideaPath}/export.docx`)).status).toBe(403);
      const group = await (await client(who).get(`/klustergrupper/${slug}`)).text();
      expect(group).not.toContain('Språkstöd på praktikplatsen');
      expect(group).toContain('1 projektidé som bara gruppens medlemmar kan läsa');
    }
    const early = await client('lead').post(`${ideaPath}?_action=clusters.setIdeaSharing`, { ideaId: String(ideaId), shared: 'ja' });
    expect(early.status).toBe(400);
    expect((await client('anna').post(`${ideaPath}?_action=clusters.setIdeaStatus`, { ideaId: String(ideaId), status: 'ready' })).status).toBe(403);
    expect((await client('lead').post(`${ideaPath}?_action=clusters.setIdeaStatus`, { ideaId: String(ideaId), status: 'ready' })).status).toBe(303);
    expect((await client('lead').post(`${ideaPath}?_action=clusters.setIdeaSharing`, { ideaId: String(ideaId), shared: 'ja' })).status).toBe(303);
    const shared = await client('outsider').get(ideaPath);
    expect(shared.status).toBe(200);
    const html = await shared.text();
    expect(html).toContain('Du läser en idé som gruppen har delat');
    expect(html).not.toContain('clusters.saveSection');
    expect((await client('outsider').get(`${ideaPath}/avsnitt/problemformulering`)).status).toBe(403);
    const write = await client('outsider').post(`${ideaPath}/avsnitt/problemformulering?_action=clusters.saveSection`, { ideaId: String(ideaId), sectionKey: 'problemformulering', baseRevisionId: '0', text: 'Intrång', intent: 'spara' });
    expect(write.status).toBe(403);
    // Back to draft: sharing ends automatically.
    await client('lead').post(`${ideaPath}?_action=clusters.setIdeaStatus`, { ideaId: String(ideaId), status: 'draft' });
    expect((await client('outsider').get(ideaPath)).status).toBe(403);
  });
});
