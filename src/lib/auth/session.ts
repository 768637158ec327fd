// Sessions as described in the Lucia guide (lucia-auth.com/sessions/basic):
// a random token goes to the cookie, only its SHA-256 is stored, expiry slides.
import { eq, getTableName, lte, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { sessions, users, type Session, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { statement } from '#lib/cache/statements.ts';

export const SESSION_COOKIE = 'session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;

/** `extended`: the expiry slid forward on this request, so the cookie's expiry must follow it. */
export type SessionValidation = { session: Session; user: User; extended: boolean } | { session: null; user: null; extended: false };

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  // Node's native SHA-256 (the same hex digest as the Lucia guide's JavaScript one, at a fraction of the cost per request).
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a session; also removes expired ones (validation never writes, so a log-in clears them). */
export function createSession(db: Db, token: string, userId: number, now = new Date()): Session {
  db.delete(sessions).where(lte(sessions.expiresAt, now)).run();
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  };
  db.insert(sessions).values(session).run();
  return session;
}

// These lookups run on every on-demand request with a cookie, so they are prepared once per connection.
// Two primary-key reads, not one join: SQLite took several times longer for the join of the same two rows
// (measured with the bench's fixtures).
const SESSION_SQL = `SELECT userId, expiresAt FROM ${getTableName(sessions)} WHERE id = ?`;
const lookups = new WeakMap<Db, ReturnType<typeof prepareUserLookup>>();
function prepareUserLookup(db: Db) {
  return db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();
}

/**
 * Returns the session and its user, extending a session past half its life (the one write a request may
 * cause). An expired session, or one of a deactivated account, is rejected without writing: requests
 * (GET included) change nothing else; the next log-in removes expired sessions (createSession) and
 * deactivation removes the account's sessions.
 */
export function validateSessionToken(db: Db, token: string, now = new Date()): SessionValidation {
  const sessionId = sessionIdFromToken(token);
  const row = statement<[string], { userId: number; expiresAt: number }>(db, SESSION_SQL).get(sessionId);
  if (!row) return { session: null, user: null, extended: false };
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = prepareUserLookup(db)));
  const user = lookup.get({ id: row.userId });
  if (!user) return { session: null, user: null, extended: false };
  const session: Session = { id: sessionId, userId: row.userId, expiresAt: new Date(row.expiresAt) };
  if (now.getTime() >= session.expiresAt.getTime() || user.status === 'deactivated') return { session: null, user: null, extended: false };
  if (now.getTime() >= session.expiresAt.getTime() - SESSION_LIFETIME_MS / 2) {
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, sessionId)).run();
    return { session, user, extended: true };
  }
  return { session, user, extended: false };
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateAllSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
