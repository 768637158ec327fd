// E-mail verification with a one-time code (lucia-auth.com/email-verification/email-verification-codes).
// A few open codes per user; only each code's SHA-256 is stored; codes expire and allow a few wrong guesses.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { emailVerificationRequests, users, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { organisationForEmail } from '#lib/organisations/index.ts';
import { constantTimeEqual, generateCode, normaliseCode, sha256Hex } from './tokens.ts';
import { transaction } from '#lib/tx.ts';

export const VERIFICATION_CODE_LIFETIME_MS = 30 * 60 * 1000;
export const VERIFICATION_MAX_ATTEMPTS = 5;
/** Not an argon2 hash: no password verifies against it. */
export const UNUSABLE_PASSWORD_HASH = '!ingen-giltig-lösenordshash';

/** Open codes kept per account: a later sign-up or resend must not cancel the code the owner holds. */
export const VERIFICATION_MAX_OPEN = 5;

/**
 * Adds a verification code for the user (the newest few stay valid); returns the code (to mail, never
 * to store). `signUp` carries the name and password hash of the sign-up that asked for it: they are
 * applied only when this very code verifies the address.
 */
export function createEmailVerificationRequest(
  db: Db,
  user: Pick<User, 'id' | 'email'>,
  now = new Date(),
  signUp: { name: string; passwordHash: string } | null = null,
): { code: string; expiresAt: Date } {
  const code = generateCode();
  const expiresAt = new Date(now.getTime() + VERIFICATION_CODE_LIFETIME_MS);
  transaction(db, () => {
    db.insert(emailVerificationRequests)
      .values({ userId: user.id, email: user.email, codeHash: sha256Hex(code), attempts: 0, expiresAt, createdAt: now, name: signUp?.name ?? null, passwordHash: signUp?.passwordHash ?? null })
      .run();
    const open = db
      .select({ id: emailVerificationRequests.id })
      .from(emailVerificationRequests)
      .where(eq(emailVerificationRequests.userId, user.id))
      .orderBy(desc(emailVerificationRequests.id))
      .all();
    const stale = open.slice(VERIFICATION_MAX_OPEN).map((r) => r.id);
    if (stale.length) db.delete(emailVerificationRequests).where(inArray(emailVerificationRequests.id, stale)).run();
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
  return transaction(db, (): VerifyResult => {
    const rows = db
      .select({ request: emailVerificationRequests, user: users })
      .from(emailVerificationRequests)
      .innerJoin(users, eq(emailVerificationRequests.userId, users.id))
      .where(and(eq(emailVerificationRequests.email, email.toLowerCase()), eq(users.email, email.toLowerCase())))
      .orderBy(desc(emailVerificationRequests.id))
      .all();
    if (rows.length === 0 || rows[0]!.user.status !== 'unverified') return { ok: false, reason: 'invalid' };
    const user = rows[0]!.user;
    const live = rows.filter((r) => now.getTime() < r.request.expiresAt.getTime());
    const expired = rows.filter((r) => !live.includes(r)).map((r) => r.request.id);
    if (expired.length) db.delete(emailVerificationRequests).where(inArray(emailVerificationRequests.id, expired)).run();
    if (live.length === 0) return { ok: false, reason: 'expired' };
    const hash = sha256Hex(normaliseCode(input));
    const match = live.find((r) => constantTimeEqual(hash, r.request.codeHash));
    if (!match) {
      // A wrong code counts against every open code of the address.
      let attemptsLeft = 0;
      for (const { request } of live) {
        const attempts = request.attempts + 1;
        if (attempts >= VERIFICATION_MAX_ATTEMPTS) db.delete(emailVerificationRequests).where(eq(emailVerificationRequests.id, request.id)).run();
        else {
          db.update(emailVerificationRequests).set({ attempts }).where(eq(emailVerificationRequests.id, request.id)).run();
          attemptsLeft = Math.max(attemptsLeft, VERIFICATION_MAX_ATTEMPTS - attempts);
        }
      }
      return attemptsLeft === 0 ? { ok: false, reason: 'too_many_attempts' } : { ok: false, reason: 'invalid', attemptsLeft };
    }
    db.delete(emailVerificationRequests).where(eq(emailVerificationRequests.userId, user.id)).run();
    // The sign-up whose code this is decides name and password: whoever reads the mailbox chose them.
    // A code sent again (resend, log-in) names no sign-up; if sign-ups chose different passwords, it
    // cannot say whose is the owner's, so neither stays usable (the owner sets one via "Glömt lösenord").
    const { name, passwordHash } = match.request;
    const contested = rows.some((r) => r.request.passwordHash !== null && r.request.passwordHash !== user.passwordHash);
    const owner =
      name && passwordHash
        ? db.update(users).set({ name, passwordHash }).where(eq(users.id, user.id)).returning().get()
        : contested
          ? db.update(users).set({ passwordHash: UNUSABLE_PASSWORD_HASH }).where(eq(users.id, user.id)).returning().get()
          : user;
    const verified = markEmailVerified(db, owner, now);
    return { ok: true, user: verified, status: verified.status === 'active' ? 'active' : 'pending' };
  });
}

/** Unverified → active or pending by the e-mail domain rule. Call inside a transaction. */
export function markEmailVerified(db: Db, user: User, now = new Date()): User {
  if (user.status !== 'unverified') return user;
  // The organisation follows the verified domain; any other needs an approved change request.
  const organisation = organisationForEmail(db, user.email);
  const status = organisation ? 'active' : 'pending';
  return db
    .update(users)
    .set({ status, emailVerifiedAt: now, organisationId: organisation?.id ?? null })
    .where(eq(users.id, user.id))
    .returning()
    .get();
}
