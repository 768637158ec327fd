// Authorization rows for cluster groups and project ideas (issue 5).
// Extra actors: `gruppmedlem` (member of group A), `gruppledare` (lead of group A) and `annangrupp`
// (member of group B only). Group A's idea is private: everyone who is not a member of group A —
// the other group's member, coordinators and admins included — gets 403 on every route and action.
import { clusterMemberships, ideaComments, organisations } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea, setIdeaSharing, setIdeaStatus } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import type { Db } from '#lib/db.ts';
import type { AuthzCase, AuthzDomain, Outcome } from './types.ts';

type Expect = Record<string, Outcome>;
const loggedIn: Expect = { anonymous: 'login', medlem: 'ok', samordnare: 'ok', admin: 'ok', gruppmedlem: 'ok', gruppledare: 'ok', annangrupp: 'ok' };
const coordinators: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'ok', admin: 'ok', gruppmedlem: 'forbidden', gruppledare: 'forbidden', annangrupp: 'forbidden' };
const managers: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'ok', admin: 'ok', gruppmedlem: 'forbidden', gruppledare: 'ok', annangrupp: 'forbidden' };
const groupMembers: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'forbidden', gruppmedlem: 'ok', gruppledare: 'ok', annangrupp: 'forbidden' };
const groupLeads: Expect = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'forbidden', gruppmedlem: 'forbidden', gruppledare: 'ok', annangrupp: 'forbidden' };

const page = (route: string, expect: Expect, path: string): AuthzCase => ({ route, method: 'GET', path, expect: expect as AuthzCase['expect'] });
const action = (name: string, expect: Expect, fields: Record<string, string>): AuthzCase => ({
  route: `action:clusters.${name}`,
  method: 'POST',
  path: `/_actions/clusters.${name}`,
  fields,
  expect: expect as AuthzCase['expect'],
});

const IDEA = '/klustergrupper/{slugA}/ideer/{ideaA}';
const SHARED = '/klustergrupper/{slugA}/ideer/{sharedIdea}';

const domain: AuthzDomain = {
  name: 'clusters',
  setup({ db, createUser }) {
    const d = db as Db;
    const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const lead = createUser({ role: 'member' });
    const member = createUser({ role: 'member' });
    const other = createUser({ role: 'member' });
    const requester = createUser({ role: 'member' });
    const invitee = createUser({ role: 'member' });
    const extra = createUser({ role: 'member' });
    const removable = createUser({ role: 'member' });
    const org = d.insert(organisations).values({ name: `Matrisorganisation ${stamp}`, slug: `matrisorganisation-${stamp}`, type: 'other' }).returning().get();

    const groupA = createGroup(d, { name: `Matrisgrupp A ${stamp}`, problemArea: 'Behörighet', description: 'Grupp för behörighetsmatrisen.', joinMode: 'request', leadEmails: [lead.email], createdById: lead.id });
    const groupB = createGroup(d, { name: `Matrisgrupp B ${stamp}`, problemArea: 'Behörighet', description: 'Den andra gruppen i matrisen.', joinMode: 'closed', leadEmails: [other.email], createdById: other.id });
    const groupOpen = createGroup(d, { name: `Matrisgrupp öppen ${stamp}`, problemArea: 'Behörighet', description: 'Öppen grupp i matrisen.', joinMode: 'open', leadEmails: [lead.email], createdById: lead.id });
    const add = (groupId: number, userId: number, status: 'active' | 'requested' = 'active') =>
      d.insert(clusterMemberships).values({ groupId, userId, role: 'member', status }).returning().get().id;
    add(groupA.id, member.id);
    // `annangrupp` is a lead of group B only; group B also gets a private idea of its own.
    const requestId = add(groupA.id, requester.id, 'requested');
    const extraId = add(groupA.id, extra.id);
    const removableId = add(groupA.id, removable.id);

    const idea = createIdea(d, { groupId: groupA.id, title: 'Privat matrisidé', targetCall: '', createdById: member.id });
    setIdeaStatus(d, idea.id, 'draft');
    const section = getSection(d, idea.id, 'problemformulering')!;
    const r1 = saveSection(d, { sectionId: section.id, authorId: member.id, baseRevisionId: 0, text: 'Första versionen.' }) as { revisionId: number };
    const r2 = saveSection(d, { sectionId: section.id, authorId: lead.id, baseRevisionId: r1.revisionId, text: 'Andra versionen.' }) as { revisionId: number };
    const comment = d.insert(ideaComments).values({ sectionId: section.id, authorId: member.id, body: 'En kommentar.' }).returning().get();

    const shared = createIdea(d, { groupId: groupA.id, title: 'Delad matrisidé', targetCall: '', createdById: lead.id });
    setIdeaStatus(d, shared.id, 'ready');
    setIdeaSharing(d, { ...shared, status: 'ready' }, true);
    const sharedComment = d.insert(ideaComments).values({ sectionId: getSection(d, shared.id, 'problemformulering')!.id, authorId: lead.id, body: 'En kommentar i den delade idén.' }).returning().get();

    return {
      params: {
        slugA: groupA.slug,
        groupA: String(groupA.id),
        groupOpen: String(groupOpen.id),
        ideaA: String(idea.id),
        sharedIdea: String(shared.id),
        revisionOld: String(r1.revisionId),
        revisionLatest: String(r2.revisionId),
        commentId: String(comment.id),
        sharedCommentId: String(sharedComment.id),
        requestId: String(requestId),
        extraMembership: String(extraId),
        removableMembership: String(removableId),
        inviteeEmail: invitee.email,
        leadEmail: lead.email,
        organisationId: String(org.id),
        groupB: String(groupB.id),
      },
      actors: { gruppmedlem: member.id, gruppledare: lead.id, annangrupp: other.id },
    };
  },
  cases: [
    page('/klustergrupper', loggedIn, '/klustergrupper'),
    page('/klustergrupper/ny', coordinators, '/klustergrupper/ny'),
    page('/klustergrupper/[slug]', loggedIn, '/klustergrupper/{slugA}'),
    page('/klustergrupper/[slug]/hantera', managers, '/klustergrupper/{slugA}/hantera'),
    page('/klustergrupper/[slug]/ideer/[id]', groupMembers, IDEA),
    page('/klustergrupper/[slug]/ideer/[id]', loggedIn, SHARED),
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]', groupMembers, `${IDEA}/avsnitt/problemformulering`),
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]/historik', groupMembers, `${IDEA}/avsnitt/problemformulering/historik`),
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]/historik', loggedIn, `${SHARED}/avsnitt/problemformulering/historik`),
    page('/klustergrupper/[slug]/ideer/[id]/utskrift', groupMembers, `${IDEA}/utskrift`),
    page('/klustergrupper/[slug]/ideer/[id]/export.docx', groupMembers, `${IDEA}/export.docx`),
    page('/klustergrupper/[slug]/ideer/[id]/export.md', groupMembers, `${IDEA}/export.md`),
    page('/klustergrupper/[slug]/ideer/[id]/export.md', loggedIn, `${SHARED}/export.md`),
    page('/klustergrupper/[slug]/ideer/[id]/narvaro', groupMembers, `${IDEA}/narvaro`),
    { route: '/klustergrupper/[slug]/ideer/[id]/narvaro', method: 'POST', path: `${IDEA}/narvaro`, fields: { section: 'budget' }, expect: groupMembers as AuthzCase['expect'] },
    // Live co-writing socket (issue 13): only members who may edit the idea; a shared idea's readers may not write.
    { route: 'socket:/samskrivning/[ideaId]/[sectionKey]', method: 'UPGRADE', path: '/samskrivning/{ideaA}/problemformulering', expect: groupMembers as AuthzCase['expect'] },
    { route: 'socket:/samskrivning/[ideaId]/[sectionKey]', method: 'UPGRADE', path: '/samskrivning/{sharedIdea}/budget', expect: groupMembers as AuthzCase['expect'] },
    // The idea channel (live presence and comments): members of the idea's group only, as the section page.
    { route: 'socket:/samskrivning/[ideaId]', method: 'UPGRADE', path: '/samskrivning/{ideaA}', expect: groupMembers as AuthzCase['expect'] },
    { route: 'socket:/samskrivning/[ideaId]', method: 'UPGRADE', path: '/samskrivning/{ideaA}?avsnitt=problemformulering', expect: groupMembers as AuthzCase['expect'] },
    { route: 'socket:/samskrivning/[ideaId]', method: 'UPGRADE', path: '/samskrivning/{sharedIdea}', expect: groupMembers as AuthzCase['expect'] },
    // One comment thread as a fragment (fetched when a comment arrives live).
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]/kommentarer/[thread]', groupMembers, `${IDEA}/avsnitt/problemformulering/kommentarer/{commentId}`),
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]/kommentarer/[thread]', groupMembers, `${SHARED}/avsnitt/problemformulering/kommentarer/{sharedCommentId}`),
    // All of a section's threads as a fragment (fetched when the idea channel opens again, to catch up).
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]/kommentarer', groupMembers, `${IDEA}/avsnitt/problemformulering/kommentarer`),
    page('/klustergrupper/[slug]/ideer/[id]/avsnitt/[key]/kommentarer', groupMembers, `${SHARED}/avsnitt/problemformulering/kommentarer`),

    action('createGroup', coordinators, { name: 'Matrisens nya grupp', problemArea: 'Behörighet', description: 'En grupp som skapas av behörighetsmatrisen.', joinMode: 'closed', leadEmails: '{leadEmail}' }),
    action('updateGroup', managers, { groupId: '{groupA}', name: 'Matrisgrupp A', problemArea: 'Behörighet', description: 'Grupp för behörighetsmatrisen.', joinMode: 'request' }),
    action('joinGroup', loggedIn, { groupId: '{groupOpen}' }),
    action('leaveGroup', loggedIn, { groupId: '{groupOpen}' }),
    action('requestToJoin', loggedIn, { groupId: '{groupA}', message: 'Jag vill vara med.' }),
    action('decideRequest', managers, { groupId: '{groupA}', membershipId: '{requestId}', decision: 'godkann' }),
    action('inviteMember', managers, { groupId: '{groupA}', email: '{inviteeEmail}' }),
    action('respondToInvite', loggedIn, { groupId: '{groupA}', answer: 'nej' }),
    action('setMemberRole', coordinators, { groupId: '{groupA}', membershipId: '{extraMembership}', role: 'lead' }),
    action('removeMember', managers, { groupId: '{groupA}', membershipId: '{removableMembership}' }),
    action('createIdea', groupMembers, { groupId: '{groupA}', title: 'Matrisens idé', targetCall: '' }),
    action('updateIdea', groupMembers, { ideaId: '{ideaA}', title: 'Privat matrisidé', targetCall: 'ESF+' }),
    action('setIdeaStatus', groupLeads, { ideaId: '{ideaA}', status: 'draft' }),
    action('setIdeaSharing', groupLeads, { ideaId: '{ideaA}', shared: 'nej' }),
    action('addIdeaOrganisation', groupMembers, { ideaId: '{ideaA}', organisationId: '{organisationId}', role: 'Deltar i styrgruppen' }),
    action('removeIdeaOrganisation', groupMembers, { ideaId: '{ideaA}', organisationId: '{organisationId}' }),
    action('saveSection', groupMembers, { ideaId: '{ideaA}', sectionKey: 'budget', baseRevisionId: '0', text: 'Matrisens budgettext.', intent: 'spara' }),
    action('saveSection', groupMembers, { ideaId: '{ideaA}', sectionKey: 'budget', baseRevisionId: '0', text: 'Förhandsgranskning', intent: 'forhandsgranska' }),
    // The conflict view's "Spara valen": one choice per conflicting paragraph.
    action('saveSection', groupMembers, { ideaId: '{ideaA}', sectionKey: 'problemformulering', baseRevisionId: '{revisionOld}', latestRevisionId: '{revisionLatest}', mine: 'Matrisens version.', intent: 'valj', 'val-0': 'sparad' }),
    action('setNotifications', groupMembers, { groupId: '{groupA}', notify: 'each' }),
    action('restoreRevision', groupMembers, { ideaId: '{ideaA}', sectionKey: 'problemformulering', revisionId: '{revisionOld}' }),
    action('addComment', groupMembers, { ideaId: '{ideaA}', sectionKey: 'problemformulering', body: 'Matrisens kommentar.' }),
    action('resolveComment', groupMembers, { ideaId: '{ideaA}', commentId: '{commentId}', resolved: 'ja' }),
    // A shared ("ready") idea is read-only for non-members: every write stays forbidden.
    action('saveSection', groupMembers, { ideaId: '{sharedIdea}', sectionKey: 'budget', baseRevisionId: '0', text: 'Försök att skriva i en delad idé.', intent: 'spara' }),
    action('addComment', groupMembers, { ideaId: '{sharedIdea}', sectionKey: 'budget', body: 'Försök att kommentera en delad idé.' }),
  ],
};

export default domain;
