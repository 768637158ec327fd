// Sessions as described in the Lucia guide (lucia-auth.com/sessions/basic):
// a random token goes to the cookie, only its SHA-256 is stored, expiry slides.
import { eq, lte, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sessions, users, type Session, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';

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
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
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

// This lookup runs on every on-demand request, so it is built once per connection.
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();
function prepareLookup(db: Db) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
}

/**
 * Returns the session and its user, extending a session past half its life (the one write a request may
 * cause). An expired session, or one of a deactivated account, is rejected without writing: requests
 * (GET included) change nothing else; the next log-in removes expired sessions (createSession) and
 * deactivation removes the account's sessions.
 */
export function validateSessionToken(db: Db, token: string, now = new Date()): SessionValidation {
  const sessionId = sessionIdFromToken(token);
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
  const row = lookup.get({ id: sessionId });
  if (!row) return { session: null, user: null, extended: false };
  const { session, user } = row;
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
