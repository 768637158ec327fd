// Mentions and comment notifications (issue 16, point 15): @namn mails the member at once; each member
// chooses per group between a mail per comment, a daily digest (a job) and none.
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDb, type Db } from '#lib/db.ts';
import { clusterMemberships, ideaComments, outbox } from '#db/schema/index.ts';
import { createTestUser } from '../helpers/users.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { addComment } from '#lib/ideas/comments.ts';
import { findMentions, notifyNewComment, sendCommentDigests, setNotifyChoice } from '#lib/ideas/notifications.ts';

let db: Db;
let anna: { id: number; email: string };
let bo: { id: number; email: string };
let cecilia: { id: number; email: string };
let groupId: number;
let sectionId: number;
const BASE = 'https://natet.example.se';

const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email)).all();

beforeEach(() => {
  db = openDb(':memory:');
  anna = createTestUser(db, { name: 'Anna Lind', email: 'anna@exempel.se' });
  bo = createTestUser(db, { name: 'Bo Ek', email: 'bo@exempel.se' });
  cecilia = createTestUser(db, { name: 'Cecilia Berg', email: 'cecilia@exempel.se' });
  const group = createGroup(db, { name: 'Unga nyanlända', problemArea: 'Etablering', description: 'Test', joinMode: 'open', leadEmails: ['anna@exempel.se'], createdById: anna.id });
  groupId = group.id;
  for (const u of [bo, cecilia]) db.insert(clusterMemberships).values({ groupId, userId: u.id, role: 'member', status: 'active', joinedAt: new Date('2026-11-01T08:00:00Z') }).run();
  const idea = createIdea(db, { groupId, title: 'Vägen in', targetCall: '', createdById: anna.id });
  sectionId = getSection(db, idea.id, 'malgrupp')!.id;
});

describe('findMentions', () => {
  const members = [
    { userId: 1, name: 'Anna Lind' },
    { userId: 2, name: 'Anna Berg' },
    { userId: 3, name: 'Bo Ek' },
  ];
  it('finds full names, and first names only when unique in the group', () => {
    expect(findMentions('Vad tycker @anna lind och @Bo?', members)).toEqual([1, 3]);
    expect(findMentions('@Anna, kan du titta?', members)).toEqual([]);
    expect(findMentions('Mejla bo@exempel.se', members)).toEqual([]);
    expect(findMentions('@Bosse har koll', members)).toEqual([]);
  });
});

describe('notifications', () => {
  it('mails a mentioned member at once, whatever their digest choice, but not those who chose none', () => {
    const c = addComment(db, { sectionId, authorId: anna.id, body: 'Kan @Bo Ek och @Cecilia kolla siffrorna?' });
    setNotifyChoice(db, groupId, cecilia.id, 'none');
    expect(notifyNewComment(db, c.id, BASE)).toBe(1);
    const [mail] = mailsTo(bo.email);
    expect(mail!.subject).toBe('Anna Lind nämnde dig i Vägen in');
    expect(mail!.text).toContain('Kan @Bo Ek och @Cecilia kolla siffrorna?');
    expect(mail!.text).toContain(`${BASE}/klustergrupper/`);
    expect(mailsTo(cecilia.email)).toHaveLength(0);
    expect(mailsTo(anna.email)).toHaveLength(0);
    // Sending again (a retry) does not mail twice.
    expect(notifyNewComment(db, c.id, BASE)).toBe(0);
  });

  it('mails every comment to members who chose a mail per comment', () => {
    setNotifyChoice(db, groupId, cecilia.id, 'each');
    const c = addComment(db, { sectionId, authorId: bo.id, body: 'Ett förslag på målgrupp.' });
    notifyNewComment(db, c.id, BASE);
    expect(mailsTo(cecilia.email).map((m) => m.subject)).toEqual(['Ny kommentar i Vägen in']);
    expect(mailsTo(anna.email)).toHaveLength(0); // the default is the daily digest
  });

  it('sends one daily digest per member and day with the comments since the last one', () => {
    const monday = new Date('2026-11-30T06:00:00Z');
    db.update(clusterMemberships).set({ digestSentAt: new Date('2026-11-29T06:00:00Z') }).where(eq(clusterMemberships.groupId, groupId)).run();
    addComment(db, { sectionId, authorId: bo.id, body: 'Första synpunkten.' });
    addComment(db, { sectionId, authorId: cecilia.id, body: 'Andra synpunkten.' });
    db.update(ideaComments).set({ createdAt: new Date('2026-11-29T12:00:00Z') }).run();
    expect(sendCommentDigests(db, monday, BASE)).toBe(3);
    const [annaDigest] = mailsTo(anna.email);
    expect(annaDigest!.subject).toBe('Dagens kommentarer i Unga nyanlända');
    expect(annaDigest!.text).toContain('2 nya kommentarer');
    expect(annaDigest!.text).toContain('Första synpunkten.');
    expect(mailsTo(bo.email)[0]!.text).toContain('1 ny kommentar');
    expect(mailsTo(bo.email)[0]!.text).not.toContain('Första synpunkten.');
    // Same day again: nothing; the next day without new comments: nothing either.
    expect(sendCommentDigests(db, new Date('2026-11-30T15:00:00Z'), BASE)).toBe(0);
    expect(sendCommentDigests(db, new Date('2026-12-01T06:00:00Z'), BASE)).toBe(0);
    const row = db.select().from(clusterMemberships).where(and(eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.userId, anna.id))).get()!;
    expect(row.digestSentAt!.toISOString()).toBe('2026-12-01T06:00:00.000Z');
  });
});
