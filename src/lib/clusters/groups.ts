// Cluster groups and membership: create, join (open), request (leads approve), invite (closed).
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import {
  clusterGroups,
  clusterMemberships,
  organisations,
  users,
  type ClusterGroup,
  type ClusterMembership,
  type JoinMode,
  type MemberRole,
} from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { preparedQuery } from '#lib/cache/statements.ts';
import { sendMail } from '#lib/mail/outbox.ts';
import { composeMail } from '#lib/mail/layout.ts';
import { slugify } from '#lib/text/slugify.ts';
import { DomainError } from '#lib/errors.ts';
import { transaction } from '#lib/tx.ts';

// The three reads behind every group and idea page's access check: prepared once per connection.
export function getGroupBySlug(db: Db, slug: string): ClusterGroup | undefined {
  return preparedQuery(db, 'groups.bySlug', (d) => d.select().from(clusterGroups).where(eq(clusterGroups.slug, sql.placeholder('slug'))).prepare()).get({ slug });
}

export function getGroupById(db: Db, id: number): ClusterGroup | undefined {
  return preparedQuery(db, 'groups.byId', (d) => d.select().from(clusterGroups).where(eq(clusterGroups.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function getMembership(db: Db, groupId: number, userId: number): ClusterMembership | null {
  return (
    preparedQuery(db, 'groups.membership', (d) =>
      d
        .select()
        .from(clusterMemberships)
        .where(and(eq(clusterMemberships.groupId, sql.placeholder('groupId')), eq(clusterMemberships.userId, sql.placeholder('userId'))))
        .prepare(),
    ).get({ groupId, userId }) ?? null
  );
}

export interface GroupListItem extends ClusterGroup {
  memberCount: number;
  myStatus: ClusterMembership['status'] | null;
  myRole: MemberRole | null;
}

export function listGroups(db: Db, userId: number): GroupListItem[] {
  const groups = db.select().from(clusterGroups).orderBy(asc(clusterGroups.name)).all();
  const counts = db
    .select({ groupId: clusterMemberships.groupId, n: count() })
    .from(clusterMemberships)
    .where(eq(clusterMemberships.status, 'active'))
    .groupBy(clusterMemberships.groupId)
    .all();
  const mine = db.select().from(clusterMemberships).where(eq(clusterMemberships.userId, userId)).all();
  return groups.map((g) => {
    const m = mine.find((x) => x.groupId === g.id);
    return { ...g, memberCount: counts.find((c) => c.groupId === g.id)?.n ?? 0, myStatus: m?.status ?? null, myRole: m?.role ?? null };
  });
}

/** The groups a user belongs to (active), is invited to or has asked to join. */
export function groupsForUser(db: Db, userId: number) {
  return preparedQuery(db, 'clusters.groupsForUser', (d) =>
    d
      .select({ group: clusterGroups, role: clusterMemberships.role, status: clusterMemberships.status })
      .from(clusterMemberships)
      .innerJoin(clusterGroups, eq(clusterMemberships.groupId, clusterGroups.id))
      .where(eq(clusterMemberships.userId, sql.placeholder('userId')))
      .orderBy(asc(clusterGroups.name))
      .prepare(),
  ).all({ userId });
}

export interface MemberRow {
  membershipId: number;
  userId: number;
  name: string;
  email: string;
  role: MemberRole;
  status: ClusterMembership['status'];
  message: string | null;
  organisationId: number | null;
  organisationName: string | null;
  createdAt: Date;
}

export function listMembers(db: Db, groupId: number, status: ClusterMembership['status'] = 'active'): MemberRow[] {
  return db
    .select({
      membershipId: clusterMemberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: clusterMemberships.role,
      status: clusterMemberships.status,
      message: clusterMemberships.message,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      createdAt: clusterMemberships.createdAt,
    })
    .from(clusterMemberships)
    .innerJoin(users, eq(clusterMemberships.userId, users.id))
    .leftJoin(organisations, eq(users.organisationId, organisations.id))
    .where(and(eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.status, status)))
    .orderBy(asc(clusterMemberships.role), asc(users.name))
    .all();
}

/** Organisations represented among the group's active members, with how many members each. */
export function representedOrganisations(members: MemberRow[]): Array<{ id: number; name: string; members: number }> {
  const map = new Map<number, { id: number; name: string; members: number }>();
  for (const m of members) {
    if (m.organisationId === null || !m.organisationName) continue;
    const entry = map.get(m.organisationId) ?? { id: m.organisationId, name: m.organisationName, members: 0 };
    entry.members++;
    map.set(m.organisationId, entry);
  }
  return [...map.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

function uniqueSlug(db: Db, name: string, exceptId?: number): string {
  const base = slugify(name) || 'grupp';
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    const hit = db.select({ id: clusterGroups.id }).from(clusterGroups).where(eq(clusterGroups.slug, slug)).get();
    if (!hit || hit.id === exceptId) return slug;
  }
}

function activeUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.status, 'active')))
    .get();
}

export interface GroupInput {
  name: string;
  problemArea: string;
  description: string;
  joinMode: JoinMode;
}

/** Creates a group with its first lead(s), found by e-mail among active members. */
export function createGroup(db: Db, input: GroupInput & { leadEmails: string[]; createdById: number }): ClusterGroup {
  const leads = input.leadEmails.map((email) => {
    const u = activeUserByEmail(db, email);
    if (!u) throw new DomainError('BAD_REQUEST', `Det finns ingen aktiv medlem med e-postadressen ${email}.`);
    return u;
  });
  if (leads.length === 0) throw new DomainError('BAD_REQUEST', 'Ange minst en gruppledare.');
  return transaction(db, () => {
    const group = db
      .insert(clusterGroups)
      .values({
        slug: uniqueSlug(db, input.name),
        name: input.name.trim(),
        problemArea: input.problemArea.trim(),
        description: input.description.trim(),
        joinMode: input.joinMode,
        createdById: input.createdById,
      })
      .returning()
      .get();
    const now = new Date();
    for (const lead of new Map(leads.map((l) => [l.id, l])).values()) {
      db.insert(clusterMemberships).values({ groupId: group.id, userId: lead.id, role: 'lead', status: 'active', joinedAt: now }).run();
    }
    return group;
  });
}

export function updateGroup(db: Db, groupId: number, input: GroupInput): void {
  db.update(clusterGroups)
    .set({ name: input.name.trim(), problemArea: input.problemArea.trim(), description: input.description.trim(), joinMode: input.joinMode })
    .where(eq(clusterGroups.id, groupId))
    .run();
}

export function joinOpenGroup(db: Db, group: ClusterGroup, userId: number): void {
  if (group.joinMode !== 'open') throw new DomainError('BAD_REQUEST', 'Gruppen är inte öppen. Skicka en förfrågan i stället.');
  db.insert(clusterMemberships)
    .values({ groupId: group.id, userId, role: 'member', status: 'active', joinedAt: new Date() })
    .onConflictDoNothing()
    .run();
}

function leadEmails(db: Db, groupId: number): string[] {
  return listMembers(db, groupId)
    .filter((m) => m.role === 'lead')
    .map((m) => m.email);
}

export function requestToJoin(db: Db, group: ClusterGroup, userId: number, message: string, origin: string): void {
  if (group.joinMode !== 'request') throw new DomainError('BAD_REQUEST', 'Gruppen tar inte emot förfrågningar.');
  const requester = db.select().from(users).where(eq(users.id, userId)).get()!;
  transaction(db, () => {
    const row = db
      .insert(clusterMemberships)
      .values({ groupId: group.id, userId, role: 'member', status: 'requested', message: message.trim() || null })
      .onConflictDoNothing()
      .returning({ id: clusterMemberships.id })
      .get();
    if (!row) throw new DomainError('CONFLICT', 'Du har redan en förfrågan eller ett medlemskap i gruppen.');
    for (const to of leadEmails(db, group.id)) {
      const mail = composeMail(
        [
          `Hej!`,
          `${requester.name} vill gå med i klustergruppen ${group.name}.` + (message.trim() ? `\n\nMeddelande: ${message.trim()}` : ''),
          'Som gruppledare kan du godkänna eller avböja förfrågan.',
        ],
        { url: `${origin}/klustergrupper/${group.slug}/hantera`, label: 'Hantera förfrågningar' },
      );
      sendMail(db, { to, subject: `Ny förfrågan till klustergruppen ${group.name}`, ...mail });
    }
  });
}

export function decideRequest(db: Db, group: ClusterGroup, membershipId: number, approve: boolean, origin: string): void {
  const row = db
    .select({ m: clusterMemberships, email: users.email })
    .from(clusterMemberships)
    .innerJoin(users, eq(clusterMemberships.userId, users.id))
    .where(and(eq(clusterMemberships.id, membershipId), eq(clusterMemberships.groupId, group.id), eq(clusterMemberships.status, 'requested')))
    .get();
  if (!row) throw new DomainError('NOT_FOUND', 'Förfrågan finns inte längre.');
  transaction(db, () => {
    if (approve) {
      db.update(clusterMemberships).set({ status: 'active', joinedAt: new Date() }).where(eq(clusterMemberships.id, membershipId)).run();
    } else {
      db.delete(clusterMemberships).where(eq(clusterMemberships.id, membershipId)).run();
    }
    const mail = approve
      ? composeMail([`Hej!`, `Din förfrågan att gå med i klustergruppen ${group.name} har godkänts. Välkommen!`], {
          url: `${origin}/klustergrupper/${group.slug}`,
          label: 'Gå till gruppen',
        })
      : composeMail([`Hej!`, `Din förfrågan att gå med i klustergruppen ${group.name} har inte godkänts den här gången.`]);
    sendMail(db, {
      to: row.email,
      subject: approve ? `Du är medlem i ${group.name}` : `Svar på din förfrågan till ${group.name}`,
      ...mail,
    });
  });
}

/**
 * Invites a member by e-mail. The answer is the same whether or not the address has an account, or is
 * already in the group (a group lead must not learn who has an account): only an active member who is
 * not yet in the group gets an invitation.
 */
export function inviteMember(db: Db, group: ClusterGroup, email: string, invitedById: number, origin: string): void {
  const invitee = activeUserByEmail(db, email);
  if (!invitee) return;
  transaction(db, () => {
    const row = db
      .insert(clusterMemberships)
      .values({ groupId: group.id, userId: invitee.id, role: 'member', status: 'invited', invitedById })
      .onConflictDoNothing()
      .returning({ id: clusterMemberships.id })
      .get();
    if (!row) return;
    const mail = composeMail([`Hej ${invitee.name}!`, `Du är inbjuden till klustergruppen ${group.name} på Skaraborgsnätet.`, 'Tacka ja eller nej på gruppens sida.'], {
      url: `${origin}/klustergrupper/${group.slug}`,
      label: 'Gå till gruppen',
    });
    sendMail(db, { to: invitee.email, subject: `Inbjudan till klustergruppen ${group.name}`, ...mail });
  });
}

export function respondToInvite(db: Db, groupId: number, userId: number, accept: boolean): void {
  const m = getMembership(db, groupId, userId);
  if (!m || m.status !== 'invited') throw new DomainError('NOT_FOUND', 'Inbjudan finns inte längre.');
  if (accept) db.update(clusterMemberships).set({ status: 'active', joinedAt: new Date() }).where(eq(clusterMemberships.id, m.id)).run();
  else db.delete(clusterMemberships).where(eq(clusterMemberships.id, m.id)).run();
}

function activeLeadCount(db: Db, groupId: number, exceptMembershipId?: number): number {
  const conds = [eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.status, 'active'), eq(clusterMemberships.role, 'lead')];
  if (exceptMembershipId !== undefined) conds.push(ne(clusterMemberships.id, exceptMembershipId));
  return db.select({ n: count() }).from(clusterMemberships).where(and(...conds)).get()!.n;
}

/** Leaves the group (or withdraws a request). The last lead cannot leave. */
export function leaveGroup(db: Db, groupId: number, userId: number): void {
  const m = getMembership(db, groupId, userId);
  if (!m) throw new DomainError('BAD_REQUEST', 'Du är inte medlem i gruppen.');
  transaction(db, () => {
    if (m.status === 'active' && m.role === 'lead' && activeLeadCount(db, groupId, m.id) === 0) {
      throw new DomainError('CONFLICT', 'Du är gruppens enda gruppledare. Be en samordnare utse en ny gruppledare innan du lämnar gruppen.');
    }
    db.delete(clusterMemberships).where(eq(clusterMemberships.id, m.id)).run();
  });
}

/** Appoints or demotes a lead (coordinators). A group always keeps at least one lead. */
export function setMemberRole(db: Db, groupId: number, membershipId: number, role: MemberRole): void {
  transaction(db, () => {
    const m = db
      .select()
      .from(clusterMemberships)
      .where(and(eq(clusterMemberships.id, membershipId), eq(clusterMemberships.groupId, groupId), eq(clusterMemberships.status, 'active')))
      .get();
    if (!m) throw new DomainError('NOT_FOUND', 'Medlemmen finns inte i gruppen.');
    if (role === 'member' && m.role === 'lead' && activeLeadCount(db, groupId, m.id) === 0) {
      throw new DomainError('CONFLICT', 'Gruppen måste ha minst en gruppledare.');
    }
    db.update(clusterMemberships).set({ role }).where(eq(clusterMemberships.id, m.id)).run();
  });
}

export function removeMember(db: Db, groupId: number, membershipId: number): void {
  transaction(db, () => {
    const m = db
      .select()
      .from(clusterMemberships)
      .where(and(eq(clusterMemberships.id, membershipId), eq(clusterMemberships.groupId, groupId)))
      .get();
    if (!m) throw new DomainError('NOT_FOUND', 'Medlemmen finns inte i gruppen.');
    if (m.status === 'active' && m.role === 'lead' && activeLeadCount(db, groupId, m.id) === 0) {
      throw new DomainError('CONFLICT', 'Gruppens enda gruppledare kan inte tas bort.');
    }
    db.delete(clusterMemberships).where(eq(clusterMemberships.id, m.id)).run();
  });
}
