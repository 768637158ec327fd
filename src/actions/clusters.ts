// Astro Actions for cluster groups and project ideas: parse with zod, check can(), call the lib.
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '#lib/db.ts';
import { siteUrl } from '#lib/config.ts';
import { groupAccessById, ideaAccessById } from '#lib/clusters/access.ts';
import { can, type ClusterAction } from '#lib/clusters/permissions.ts';
import {
  createGroup as createGroupLib,
  decideRequest as decideRequestLib,
  inviteMember as inviteMemberLib,
  joinOpenGroup,
  leaveGroup as leaveGroupLib,
  removeMember as removeMemberLib,
  requestToJoin as requestToJoinLib,
  respondToInvite as respondToInviteLib,
  setMemberRole as setMemberRoleLib,
  updateGroup as updateGroupLib,
} from '#lib/clusters/groups.ts';
import {
  addIdeaOrganisation as addIdeaOrganisationLib,
  createIdea as createIdeaLib,
  removeIdeaOrganisation as removeIdeaOrganisationLib,
  setIdeaSharing as setIdeaSharingLib,
  setIdeaStatus as setIdeaStatusLib,
  updateIdeaDetails,
} from '#lib/ideas/ideas.ts';
import { getSection, restoreRevision as restoreRevisionLib, saveChosenVersions, saveSection as saveSectionLib } from '#lib/ideas/revisions.ts';
import { addComment as addCommentLib, getCommentWithIdea, setThreadResolved } from '#lib/ideas/comments.ts';
import { heartbeat } from '#lib/ideas/presence.ts';
import { collab } from '#lib/collab/index.ts';
import { renderMarkdown } from '#lib/text/markdown.ts';
import { markdownProblem } from '#lib/text/markdown-limits.ts';
import { deny, fieldError, requireUser, run } from '#guards';
import { CONFLICT_CHOICES, normaliseText, unresolvedConflictProblem, type ConflictChoice } from '#lib/ideas/merge.ts';
import { IDEA_STATUSES, JOIN_MODES, NOTIFY_CHOICES } from '#db/schema/index.ts';
import { notifyNewComment, setNotifyChoice } from '#lib/ideas/notifications.ts';

/** The conflict view posts one choice per conflicting paragraph; more than this many falls back to the writer's own text. */
const MAX_CONFLICTS = 50;
const id = (label: string) => z.coerce.number({ error: `${label} saknas.` }).int(`${label} är ogiltigt.`).positive(`${label} är ogiltigt.`);
const requiredText = (min: number, max: number, tooShort: string) =>
  z
    .string({ error: tooShort })
    .trim()
    .min(min, tooShort)
    .max(max, `Högst ${max} tecken.`);
const optionalText = (max: number) =>
  z
    .string()
    .max(max, `Högst ${max} tecken.`)
    .nullish()
    .transform((v) => v ?? '');

function groupFor(context: ActionAPIContext, groupId: number, action: ClusterAction) {
  const user = requireUser(context);
  const access = groupAccessById(getDb(), user, groupId, action);
  if (!access.ok) deny(access);
  return { user, ...access };
}

function ideaFor(context: ActionAPIContext, ideaId: number, action: ClusterAction) {
  const user = requireUser(context);
  const access = ideaAccessById(getDb(), user, ideaId, action);
  if (!access.ok) deny(access);
  return { user, ...access };
}

function sectionFor(ideaId: number, key: string) {
  const section = getSection(getDb(), ideaId, key);
  if (!section) throw new ActionError({ code: 'NOT_FOUND', message: 'Avsnittet finns inte.' });
  return section;
}

const groupFields = {
  name: requiredText(3, 120, 'Skriv ett namn på minst 3 tecken.'),
  problemArea: requiredText(3, 160, 'Skriv problemområdet med minst 3 tecken.'),
  description: requiredText(20, 4000, 'Beskriv gruppen med minst 20 tecken.'),
  joinMode: z.enum(JOIN_MODES, { error: 'Välj hur man blir medlem.' }),
};

export const clusters = {
  createGroup: defineAction({
    accept: 'form',
    input: z.object({
      ...groupFields,
      leadEmails: requiredText(3, 1000, 'Ange minst en gruppledares e-postadress.'),
    }),
    handler: (input, context) => {
      const user = requireUser(context);
      if (!can(user, 'group:create')) throw new ActionError({ code: 'FORBIDDEN', message: 'Bara samordnare kan skapa klustergrupper.' });
      const leadEmails = input.leadEmails.split(/[\s,;]+/).filter(Boolean);
      const group = run(() => createGroupLib(getDb(), { ...input, leadEmails, createdById: user.id }));
      return { slug: group.slug };
    },
  }),

  updateGroup: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), ...groupFields }),
    handler: (input, context) => {
      const { group } = groupFor(context, input.groupId, 'group:manage');
      run(() => updateGroupLib(getDb(), group.id, input));
      return { slug: group.slug };
    },
  }),

  joinGroup: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp') }),
    handler: (input, context) => {
      const { group, user } = groupFor(context, input.groupId, 'group:view');
      run(() => joinOpenGroup(getDb(), group, user.id));
      return { slug: group.slug };
    },
  }),

  requestToJoin: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), message: optionalText(1000) }),
    handler: (input, context) => {
      const { group, user, membership } = groupFor(context, input.groupId, 'group:view');
      if (membership) throw new ActionError({ code: 'CONFLICT', message: 'Du har redan en förfrågan eller ett medlemskap i gruppen.' });
      run(() => requestToJoinLib(getDb(), group, user.id, input.message, siteUrl()));
      return { slug: group.slug };
    },
  }),

  decideRequest: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), membershipId: id('Förfrågan'), decision: z.enum(['godkann', 'avboj'], { error: 'Välj godkänn eller avböj.' }) }),
    handler: (input, context) => {
      const { group } = groupFor(context, input.groupId, 'group:manage');
      run(() => decideRequestLib(getDb(), group, input.membershipId, input.decision === 'godkann', siteUrl()));
      return { slug: group.slug, decision: input.decision };
    },
  }),

  inviteMember: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), email: z.email({ error: 'Skriv en giltig e-postadress.' }) }),
    handler: (input, context) => {
      const { group, user } = groupFor(context, input.groupId, 'group:manage');
      run(() => inviteMemberLib(getDb(), group, input.email, user.id, siteUrl()));
      return { slug: group.slug };
    },
  }),

  respondToInvite: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), answer: z.enum(['ja', 'nej'], { error: 'Svara ja eller nej.' }) }),
    handler: (input, context) => {
      const { group, user } = groupFor(context, input.groupId, 'group:view');
      run(() => respondToInviteLib(getDb(), group.id, user.id, input.answer === 'ja'));
      return { slug: group.slug, answer: input.answer };
    },
  }),

  setNotifications: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), notify: z.enum(NOTIFY_CHOICES, { error: 'Välj hur du vill få mejl om kommentarer.' }) }),
    handler: (input, context) => {
      const { group, user, membership } = groupFor(context, input.groupId, 'group:view');
      if (membership?.status !== 'active') throw new ActionError({ code: 'FORBIDDEN', message: 'Bara gruppens medlemmar kan välja mejl om kommentarer.' });
      setNotifyChoice(getDb(), group.id, user.id, input.notify);
      return { slug: group.slug };
    },
  }),

  leaveGroup: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp') }),
    handler: (input, context) => {
      const { group, user, membership } = groupFor(context, input.groupId, 'group:view');
      run(() => leaveGroupLib(getDb(), group.id, user.id));
      collab().membershipChanged(group.id);
      return { slug: group.slug, withdrew: membership?.status === 'requested' };
    },
  }),

  setMemberRole: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), membershipId: id('Medlem'), role: z.enum(['lead', 'member'], { error: 'Välj roll.' }) }),
    handler: (input, context) => {
      const { group } = groupFor(context, input.groupId, 'group:appointLead');
      run(() => setMemberRoleLib(getDb(), group.id, input.membershipId, input.role));
      return { slug: group.slug };
    },
  }),

  removeMember: defineAction({
    accept: 'form',
    input: z.object({ groupId: id('Grupp'), membershipId: id('Medlem') }),
    handler: (input, context) => {
      const { group } = groupFor(context, input.groupId, 'group:manage');
      run(() => removeMemberLib(getDb(), group.id, input.membershipId));
      collab().membershipChanged(group.id);
      return { slug: group.slug };
    },
  }),

  createIdea: defineAction({
    accept: 'form',
    input: z.object({
      groupId: id('Grupp'),
      title: requiredText(3, 200, 'Skriv en titel på minst 3 tecken.'),
      targetCall: optionalText(300),
    }),
    handler: (input, context) => {
      const { group, user } = groupFor(context, input.groupId, 'idea:create');
      const idea = run(() => createIdeaLib(getDb(), { groupId: group.id, title: input.title, targetCall: input.targetCall, createdById: user.id }));
      return { slug: group.slug, ideaId: idea.id };
    },
  }),

  updateIdea: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), title: requiredText(3, 200, 'Skriv en titel på minst 3 tecken.'), targetCall: optionalText(300) }),
    handler: (input, context) => {
      const { idea } = ideaFor(context, input.ideaId, 'idea:edit');
      run(() => updateIdeaDetails(getDb(), idea.id, input));
      return { ideaId: idea.id };
    },
  }),

  setIdeaStatus: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), status: z.enum(IDEA_STATUSES, { error: 'Välj en status.' }) }),
    handler: (input, context) => {
      const { idea } = ideaFor(context, input.ideaId, 'idea:manage');
      run(() => setIdeaStatusLib(getDb(), idea.id, input.status));
      collab().membershipChanged(idea.groupId);
      return { ideaId: idea.id };
    },
  }),

  setIdeaSharing: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), shared: z.enum(['ja', 'nej'], { error: 'Välj ja eller nej.' }) }),
    handler: (input, context) => {
      const { idea } = ideaFor(context, input.ideaId, 'idea:manage');
      run(() => setIdeaSharingLib(getDb(), idea, input.shared === 'ja'));
      return { ideaId: idea.id, shared: input.shared };
    },
  }),

  addIdeaOrganisation: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), organisationId: id('Organisation'), role: requiredText(2, 300, 'Beskriv organisationens roll.') }),
    handler: (input, context) => {
      const { idea } = ideaFor(context, input.ideaId, 'idea:edit');
      run(() => addIdeaOrganisationLib(getDb(), idea.id, input.organisationId, input.role));
      return { ideaId: idea.id };
    },
  }),

  removeIdeaOrganisation: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), organisationId: id('Organisation') }),
    handler: (input, context) => {
      const { idea } = ideaFor(context, input.ideaId, 'idea:edit');
      run(() => removeIdeaOrganisationLib(getDb(), idea.id, input.organisationId));
      return { ideaId: idea.id };
    },
  }),

  saveSection: defineAction({
    accept: 'form',
    input: z.object({
      ideaId: id('Idé'),
      sectionKey: z.string().max(60),
      baseRevisionId: z.coerce.number().int().min(0, 'Versionen är ogiltig.'),
      text: optionalText(50_000),
      intent: z.enum(['spara', 'forhandsgranska', 'valj']).nullish().transform((v) => v ?? 'spara'),
      resolving: z.enum(['ja']).nullish(),
      // The conflict view's choices: the writer's posted text, the revision compared with and one choice per paragraph.
      mine: optionalText(50_000),
      latestRevisionId: z.coerce.number().int().min(0, 'Versionen är ogiltig.').nullish(),
      ...Object.fromEntries(Array.from({ length: MAX_CONFLICTS }, (_, i) => [`val-${i}`, z.enum(CONFLICT_CHOICES).nullish()])),
    }),
    handler: (input, context) => {
      const { user, idea } = ideaFor(context, input.ideaId, 'idea:edit');
      const section = sectionFor(idea.id, input.sectionKey);
      if (input.intent === 'valj') {
        const problem = markdownProblem(normaliseText(input.mine));
        if (problem) throw fieldError('text', problem);
        const choices = Array.from({ length: MAX_CONFLICTS }, (_, i) => (input as Record<string, unknown>)[`val-${i}`] as ConflictChoice | undefined);
        collab().beforeRevisionChange(section.id);
        const result = run(() =>
          saveChosenVersions(getDb(), { sectionId: section.id, authorId: user.id, baseRevisionId: input.baseRevisionId, latestRevisionId: input.latestRevisionId ?? 0, mine: input.mine, choices }),
        );
        collab().afterRevisionChange(section.id);
        heartbeat(getDb(), idea.id, user.id, section.key);
        return result;
      }
      const text = normaliseText(input.text);
      // Checked before previewing too: a preview renders the text on the server.
      const problem = markdownProblem(text);
      if (problem) throw fieldError('text', problem);
      if (input.intent === 'forhandsgranska') {
        return { outcome: 'preview' as const, text, html: renderMarkdown(text), baseRevisionId: input.baseRevisionId };
      }
      const unresolved = unresolvedConflictProblem(text, input.resolving === 'ja');
      if (unresolved) throw new ActionError({ code: 'BAD_REQUEST', message: unresolved });
      // Text being written live becomes a revision first, so the save merges with it; the result then
      // reaches everyone writing live.
      collab().beforeRevisionChange(section.id);
      const result = run(() =>
        saveSectionLib(getDb(), { sectionId: section.id, authorId: user.id, baseRevisionId: input.baseRevisionId, text, resolving: input.resolving === 'ja' }),
      );
      collab().afterRevisionChange(section.id);
      heartbeat(getDb(), idea.id, user.id, section.key);
      return result;
    },
  }),

  restoreRevision: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), sectionKey: z.string().max(60), revisionId: id('Version') }),
    handler: (input, context) => {
      const { user, idea } = ideaFor(context, input.ideaId, 'idea:edit');
      const section = sectionFor(idea.id, input.sectionKey);
      collab().beforeRevisionChange(section.id);
      const revisionId = run(() => restoreRevisionLib(getDb(), { sectionId: section.id, revisionId: input.revisionId, authorId: user.id }));
      collab().afterRevisionChange(section.id);
      return { revisionId, restoredFrom: input.revisionId };
    },
  }),

  addComment: defineAction({
    accept: 'form',
    input: z.object({
      ideaId: id('Idé'),
      sectionKey: z.string().max(60),
      body: requiredText(2, 4000, 'Skriv en kommentar på minst 2 tecken.'),
      parentId: z.coerce.number().int().positive().nullish(),
    }),
    handler: (input, context) => {
      const { user, idea } = ideaFor(context, input.ideaId, 'idea:comment');
      const section = sectionFor(idea.id, input.sectionKey);
      const comment = run(() => addCommentLib(getDb(), { sectionId: section.id, authorId: user.id, body: input.body, parentId: input.parentId ?? null }));
      notifyNewComment(getDb(), comment.id, context.url.origin);
      // Everyone with the section open sees it at once (they fetch the thread; the socket carries only ids).
      collab().commentPosted(idea.id, section.key, comment.parentId ?? comment.id, comment.id);
      return { commentId: comment.id };
    },
  }),

  resolveComment: defineAction({
    accept: 'form',
    input: z.object({ ideaId: id('Idé'), commentId: id('Kommentar'), resolved: z.enum(['ja', 'nej']).nullish().transform((v) => v ?? 'ja') }),
    handler: (input, context) => {
      const { user, idea, membership } = ideaFor(context, input.ideaId, 'idea:comment');
      const found = getCommentWithIdea(getDb(), input.commentId);
      if (!found || found.ideaId !== idea.id) throw new ActionError({ code: 'NOT_FOUND', message: 'Kommentaren finns inte.' });
      if (!can(user, 'comment:resolve', { membership, idea, comment: found.comment })) {
        throw new ActionError({ code: 'FORBIDDEN', message: 'Bara den som skrev kommentaren eller en gruppledare kan markera den som löst.' });
      }
      // Everyone with the section open sees the thread change, once the write has committed.
      run(() =>
        setThreadResolved(getDb(), { commentId: found.comment.id, userId: user.id, resolved: input.resolved === 'ja' }, (change) =>
          collab().threadResolved(change.ideaId, change.sectionKey, change.threadId, change.resolved, user.name),
        ),
      );
      return { commentId: found.comment.id };
    },
  }),
};
