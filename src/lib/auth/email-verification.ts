// E-mail verification with a one-time code (lucia-auth.com/email-verification/email-verification-codes).
// One open request per user; only the code's SHA-256 is stored; it expires and allows a few wrong guesses.
import { and, eq } from 'drizzle-orm';
import { emailVerificationRequests, users, type User } from '../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { organisationForEmail } from '../organisations/index.ts';
import { constantTimeEqual, generateCode, normaliseCode, sha256Hex } from './tokens.ts';

export const VERIFICATION_CODE_LIFETIME_MS = 30 * 60 * 1000;
export const VERIFICATION_MAX_ATTEMPTS = 5;

/** Replaces any open request of the user with a new one; returns the code (to mail, never to store). */
export function createEmailVerificationRequest(db: Db, user: Pick<User, 'id' | 'email'>, now = new Date()): { code: string; expiresAt: Date } {
  const code = generateCode();
  const expiresAt = new Date(now.getTime() + VERIFICATION_CODE_LIFETIME_MS);
  db.transaction(() => {
    db.delete(emailVerificationRequests).where(eq(emailVerificationRequests.userId, user.id)).run();
    db.insert(emailVerificationRequests)
      .values({ userId: user.id, email: user.email, codeHash: sha256Hex(code), attempts: 0, expiresAt, createdAt: now })
      .run();
  });
  return { code, expiresAt };
}

export type VerifyResult =
  | { ok: true; user: User; status: 'active' | 'pending' }
  | { ok: false; reason: 'invalid' | 'expired' | 'too_many_attempts'; attemptsLeft?: number };

/**
 * Checks a code for an e-mail address. Unknown addresses and wrong codes give the same answer.
 * On success the address is marked verified and the account becomes active (its domain belongs to a
 * member organisation) or pending (a coordinator must approve it).
 */
export function verifyEmailCode(db: Db, email: string, input: string, now = new Date()): VerifyResult {
  return db.transaction((): VerifyResult => {
    const row = db
      .select({ request: emailVerificationRequests, user: users })
      .from(emailVerificationRequests)
      .innerJoin(users, eq(emailVerificationRequests.userId, users.id))
      .where(and(eq(emailVerificationRequests.email, email.toLowerCase()), eq(users.email, email.toLowerCase())))
      .get();
    if (!row || row.user.status !== 'unverified') return { ok: false, reason: 'invalid' };
    const { request, user } = row;
    if (now.getTime() >= request.expiresAt.getTime()) {
      db.delete(emailVerificationRequests).where(eq(emailVerificationRequests.id, request.id)).run();
      return { ok: false, reason: 'expired' };
    }
    if (!constantTimeEqual(sha256Hex(normaliseCode(input)), request.codeHash)) {
      const attempts = request.attempts + 1;
      if (attempts >= VERIFICATION_MAX_ATTEMPTS) {
        db.delete(emailVerificationRequests).where(eq(emailVerificationRequests.id, request.id)).run();
        return { ok: false, reason: 'too_many_attempts' };
      }
      db.update(emailVerificationRequests).set({ attempts }).where(eq(emailVerificationRequests.id, request.id)).run();
      return { ok: false, reason: 'invalid', attemptsLeft: VERIFICATION_MAX_ATTEMPTS - attempts };
    }
    db.delete(emailVerificationRequests).where(eq(emailVerificationRequests.userId, user.id)).run();
    const verified = markEmailVerified(db, user, now);
    return { ok: true, user: verified, status: verified.status === 'active' ? 'active' : 'pending' };
  });
}

/** Unverified → active or pending by the e-mail domain rule. Call inside a transaction. */
export function markEmailVerified(db: Db, user: User, now = new Date()): User {
  if (user.status !== 'unverified') return user;
  const status = organisationForEmail(db, user.email) ? 'active' : 'pending';
  return db.update(users).set({ status, emailVerifiedAt: now }).where(eq(users.id, user.id)).returning().get();
}
