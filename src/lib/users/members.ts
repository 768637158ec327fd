// The member administration: list with search and filters, approval, status, role, contact person.
// Permission checks happen in the caller through lib/auth/permissions.ts `can()`.
import { and, asc, count, eq, or, sql, type SQL } from 'drizzle-orm';
import { organisations, sessions, users, type Role, type User, type UserStatus } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { preparedQuery } from '#lib/cache/statements.ts';
import { sendApprovedMail } from '#lib/auth/mails.ts';
import { transaction } from '#lib/tx.ts';

export interface MemberFilters {
  q?: string;
  status?: UserStatus;
  role?: Role;
  organisationId?: number;
  contactPerson?: boolean;
}

export interface MemberRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  isContactPerson: boolean;
  roleTitle: string | null;
  organisationId: number | null;
  organisationName: string | null;
  createdAt: Date;
}

export const MEMBER_PAGE_SIZE = 50;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function listMembers(db: Db, filters: MemberFilters, page = 1): { rows: MemberRow[]; total: number } {
  const conditions: SQL[] = [];
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q.toLowerCase())}%`;
    conditions.push(
      or(
        sql`lower(${users.name}) like ${pattern} escape '\\'`,
        sql`lower(${users.email}) like ${pattern} escape '\\'`,
        sql`lower(coalesce(${users.roleTitle}, '')) like ${pattern} escape '\\'`,
      )!,
    );
  }
  if (filters.status) conditions.push(eq(users.status, filters.status));
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (filters.organisationId) conditions.push(eq(users.organisationId, filters.organisationId));
  if (filters.contactPerson) conditions.push(eq(users.isContactPerson, true));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(users).where(where).get()!.n;
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      isContactPerson: users.isContactPerson,
      roleTitle: users.roleTitle,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(organisations, eq(users.organisationId, organisations.id))
    .where(where)
    // Accounts waiting for approval first, then by name.
    .orderBy(sql`case ${users.status} when 'pending' then 0 else 1 end`, asc(sql`lower(${users.name})`))
    .limit(MEMBER_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * MEMBER_PAGE_SIZE)
    .all();
  return { rows, total };
}

export function getMember(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function countPending(db: Db): number {
  return preparedQuery(db, 'users.countPending', (d) => d.select({ n: count() }).from(users).where(eq(users.status, 'pending')).prepare()).get()!.n;
}

export type MemberChangeResult = { ok: true; user: User } | { ok: false; reason: 'not_found' | 'not_pending' };

/** Pending → active, and the member is told by mail. */
export function approveMember(db: Db, id: number, baseUrl: string): MemberChangeResult {
  const result = transaction(db, (): MemberChangeResult => {
    const user = getMember(db, id);
    if (!user) return { ok: false, reason: 'not_found' };
    if (user.status !== 'pending') return { ok: false, reason: 'not_pending' };
    return { ok: true, user: db.update(users).set({ status: 'active' }).where(eq(users.id, id)).returning().get() };
  });
  if (result.ok) sendApprovedMail(db, baseUrl, result.user.email, result.user.name);
  return result;
}

/** Deactivates (ending all sessions) or reactivates an account. Unverified accounts cannot be changed. */
export function setMemberActive(db: Db, id: number, active: boolean): MemberChangeResult {
  return transaction(db, (): MemberChangeResult => {
    const user = getMember(db, id);
    if (!user) return { ok: false, reason: 'not_found' };
    if (user.status === 'unverified') return { ok: false, reason: 'not_pending' };
    const updated = db.update(users).set({ status: active ? 'active' : 'deactivated' }).where(eq(users.id, id)).returning().get();
    if (!active) db.delete(sessions).where(eq(sessions.userId, id)).run();
    return { ok: true, user: updated };
  });
}

/** Sets role and contact-person flag (a contact person needs an organisation). */
export function setMemberRole(db: Db, id: number, role: Role, isContactPerson: boolean): MemberChangeResult | { ok: false; reason: 'no_organisation' } {
  return transaction(db, () => {
    const user = getMember(db, id);
    if (!user) return { ok: false as const, reason: 'not_found' as const };
    if (isContactPerson && user.organisationId === null) return { ok: false as const, reason: 'no_organisation' as const };
    return { ok: true as const, user: db.update(users).set({ role, isContactPerson }).where(eq(users.id, id)).returning().get() };
  });
}
