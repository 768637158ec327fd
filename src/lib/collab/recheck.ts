// The per-message check of a live connection: is the session still valid and may its user still edit
// the idea (or, for the idea channel, still take part in it)? One prepared statement feeding the same
// can() rule as pages and actions, because it runs for every change a writer sends.
import type Database from 'better-sqlite3';
import type { Db } from '#lib/db.ts';
import type { IdeaStatus, MemberRole, MembershipStatus, Role, UserStatus } from '#db/schema/index.ts';
import { can } from '#lib/clusters/permissions.ts';

interface Row {
  userId: number;
  role: Role;
  userStatus: UserStatus;
  ideaStatus: IdeaStatus;
  sharedWithAll: number;
  memberRole: MemberRole | null;
  memberStatus: MembershipStatus | null;
}

const statements = new WeakMap<Db, Database.Statement<[number, string, number], Row>>();

/** What a live connection needs: writing in a section's document, or hearing the idea's news (presence, comments). */
export type LivePermission = 'idea:edit' | 'idea:comment';

export function mayStillEdit(db: Db, sessionId: string, userId: number, ideaId: number, now = Date.now()): boolean {
  return mayStill(db, sessionId, userId, ideaId, 'idea:edit', now);
}

export function mayStill(db: Db, sessionId: string, userId: number, ideaId: number, permission: LivePermission, now = Date.now()): boolean {
  let st = statements.get(db);
  if (!st) {
    st = db.$client.prepare<[number, string, number], Row>(
      `SELECT u.id AS userId, u.role AS role, u.status AS userStatus, i.status AS ideaStatus, i.sharedWithAll AS sharedWithAll,
              m.role AS memberRole, m.status AS memberStatus
         FROM sessions s
         JOIN users u ON u.id = s.userId
         JOIN ideas i ON i.id = ?
         LEFT JOIN cluster_memberships m ON m.groupId = i.groupId AND m.userId = u.id
        WHERE s.id = ? AND s.expiresAt > ?`,
    );
    statements.set(db, st);
  }
  const row = st.get(ideaId, sessionId, now);
  if (!row || row.userId !== userId) return false;
  return can(
    { id: row.userId, role: row.role, status: row.userStatus },
    permission,
    {
      membership: row.memberStatus ? { role: row.memberRole!, status: row.memberStatus } : null,
      idea: { status: row.ideaStatus, sharedWithAll: row.sharedWithAll === 1 },
    },
  );
}
