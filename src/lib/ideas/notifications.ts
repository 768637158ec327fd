// Comment notifications in cluster groups. Each active member chooses per group (stored on the
// membership): a mail per comment, a daily digest, or none. An @mention of a member's name mails them
// at once unless they chose none. Mails go through the outbox with dedupe keys, so retries and a
// second digest run on the same day never send twice.
import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { clusterGroups, clusterMemberships, ideaComments, ideaSections, ideas, users, type NotifyChoice } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { composeMail } from '#lib/mail/layout.ts';
import { sendMail } from '#lib/mail/outbox.ts';
import { stockholmDay } from '#lib/time.ts';
import { countLabel } from '#lib/text/plural.ts';
import { sectionByKey } from './template.ts';
import { transaction } from '#lib/tx.ts';

export const NOTIFY_LABELS: Record<NotifyChoice, string> = {
  each: 'Ett mejl för varje ny kommentar',
  digest: 'En sammanfattning per dag',
  none: 'Inga mejl om kommentarer',
};

export interface Member {
  userId: number;
  name: string;
}

const letter = /[\p{L}\p{N}]/u;

/**
 * Members named with @ in a comment: "@Anna Andersson" (full name) or "@Anna" when no other member has
 * that first name. Case does not matter; the name must end at a non-letter.
 */
export function findMentions(body: string, members: readonly Member[]): number[] {
  const text = body.toLocaleLowerCase('sv');
  const firstNames = new Map<string, number>();
  for (const m of members) {
    const first = m.name.split(/\s+/)[0]!.toLocaleLowerCase('sv');
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  const mentioned = (name: string) => {
    const needle = `@${name}`;
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
      const after = text[i + needle.length];
      if (after === undefined || !letter.test(after)) return true;
    }
    return false;
  };
  return members
    .filter((m) => {
      const full = m.name.toLocaleLowerCase('sv');
      const first = full.split(/\s+/)[0]!;
      return mentioned(full) || (firstNames.get(first) === 1 && mentioned(first));
    })
    .map((m) => m.userId);
}

export function setNotifyChoice(db: Db, groupId: number, userId: number, notify: NotifyChoice, now = new Date()): void {
  db.update(clusterMemberships)
    .set({ notify, ...(notify === 'digest' ? { digestSentAt: now } : {}) })
    .where(and(eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.userId, userId)))
    .run();
}

function activeMembers(db: Db, groupId: number) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, notify: clusterMemberships.notify })
    .from(clusterMemberships)
    .innerJoin(users, eq(users.id, clusterMemberships.userId))
    .where(and(eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.status, 'active'), eq(users.status, 'active')))
    .all();
}

/** Mails about a new comment: mentions at once, and everyone who chose a mail per comment. Returns how many were sent. */
export function notifyNewComment(db: Db, commentId: number, base: string): number {
  const row = db
    .select({ comment: ideaComments, sectionKey: ideaSections.key, idea: ideas, group: clusterGroups, authorName: users.name })
    .from(ideaComments)
    .innerJoin(ideaSections, eq(ideaSections.id, ideaComments.sectionId))
    .innerJoin(ideas, eq(ideas.id, ideaSections.ideaId))
    .innerJoin(clusterGroups, eq(clusterGroups.id, ideas.groupId))
    .leftJoin(users, eq(users.id, ideaComments.authorId))
    .where(eq(ideaComments.id, commentId))
    .get();
  if (!row) return 0;
  const members = activeMembers(db, row.group.id).filter((m) => m.userId !== row.comment.authorId);
  const mentioned = new Set(findMentions(row.comment.body, members));
  const author = row.authorName ?? 'En medlem';
  const section = sectionByKey(row.sectionKey)?.title ?? row.sectionKey;
  const url = `${base}/klustergrupper/${row.group.slug}/ideer/${row.idea.id}/avsnitt/${row.sectionKey}#kommentarer`;
  let sent = 0;
  for (const m of members) {
    if (m.notify === 'none') continue;
    const isMention = mentioned.has(m.userId);
    if (!isMention && m.notify !== 'each') continue;
    const intro = isMention
      ? `${author} nämnde dig i en kommentar om ${section} i projektidén ${row.idea.title} (${row.group.name}):`
      : `${author} har kommenterat ${section} i projektidén ${row.idea.title} (${row.group.name}):`;
    const { text, html } = composeMail([`Hej ${m.name}!`, intro, row.comment.body, 'Du kan välja hur du får mejl om kommentarer på gruppens sida.'], { url, label: 'Läs och svara' });
    const subject = isMention ? `${author} nämnde dig i ${row.idea.title}` : `Ny kommentar i ${row.idea.title}`;
    if (sendMail(db, { to: m.email, subject, text, html, dedupeKey: `idea-comment:${commentId}:${m.userId}` })) sent++;
  }
  return sent;
}

/**
 * The daily digest: once per Stockholm day, each member who chose it gets one mail listing the
 * comments others wrote in the group's ideas since their last digest (no mail when there are none).
 */
export function sendCommentDigests(db: Db, now = new Date(), base: string): number {
  const today = stockholmDay(now);
  const memberships = db
    .select({ m: clusterMemberships, name: users.name, email: users.email, group: clusterGroups })
    .from(clusterMemberships)
    .innerJoin(users, eq(users.id, clusterMemberships.userId))
    .innerJoin(clusterGroups, eq(clusterGroups.id, clusterMemberships.groupId))
    .where(and(eq(clusterMemberships.notify, 'digest'), eq(clusterMemberships.status, 'active'), eq(users.status, 'active')))
    .all();
  let sent = 0;
  for (const { m, name, email, group } of memberships) {
    const since = m.digestSentAt ?? m.joinedAt ?? m.createdAt;
    if (stockholmDay(since) === today) continue;
    const comments = db
      .select({ body: ideaComments.body, createdAt: ideaComments.createdAt, authorName: users.name, ideaId: ideas.id, ideaTitle: ideas.title, sectionKey: ideaSections.key })
      .from(ideaComments)
      .innerJoin(ideaSections, eq(ideaSections.id, ideaComments.sectionId))
      .innerJoin(ideas, eq(ideas.id, ideaSections.ideaId))
      .leftJoin(users, eq(users.id, ideaComments.authorId))
      .where(and(eq(ideas.groupId, group.id), gt(ideaComments.createdAt, since), ne(ideaComments.authorId, m.userId)))
      .orderBy(asc(ideaComments.id))
      .all();
    transaction(db, () => {
      if (comments.length > 0) {
        const lines = comments.map((c) => `${c.ideaTitle}, ${sectionByKey(c.sectionKey)?.title ?? c.sectionKey} – ${c.authorName ?? 'borttagen användare'}:\n${c.body}\n${base}/klustergrupper/${group.slug}/ideer/${c.ideaId}/avsnitt/${c.sectionKey}#kommentarer`);
        const { text, html } = composeMail([`Hej ${name}!`, `${countLabel(comments.length, 'ny kommentar', 'nya kommentarer')} i ${group.name} sedan förra sammanfattningen:`, ...lines], {
          url: `${base}/klustergrupper/${group.slug}`,
          label: 'Till gruppen',
        });
        if (sendMail(db, { to: email, subject: `Dagens kommentarer i ${group.name}`, text, html, dedupeKey: `idea-digest:${m.id}:${today}` })) sent++;
      }
      db.update(clusterMemberships).set({ digestSentAt: now }).where(eq(clusterMemberships.id, m.id)).run();
    });
  }
  return sent;
}
