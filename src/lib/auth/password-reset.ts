// Password reset by e-mail link (lucia-auth.com/password-reset): a random token, stored only as its
// SHA-256, valid for an hour and for one use. A reset ends every session of the account.
import { eq } from 'drizzle-orm';
import { passwordResetTokens, users, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { markEmailVerified } from './email-verification.ts';
import { invalidateAllSessions } from './session.ts';
import { generateToken, sha256Hex } from './tokens.ts';
import { transaction } from '#lib/tx.ts';

export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** Creates a reset token for the user, replacing older ones; returns the token for the mail link. */
export function createPasswordResetToken(db: Db, userId: number, now = new Date()): { token: string; expiresAt: Date } {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_LIFETIME_MS);
  transaction(db, () => {
    db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId)).run();
    db.insert(passwordResetTokens).values({ id: sha256Hex(token), userId, expiresAt, createdAt: now }).run();
  });
  return { token, expiresAt };
}

/** The user a token belongs to, or null when it is unknown, used or expired (expired ones are deleted). */
export function validatePasswordResetToken(db: Db, token: string, now = new Date()): User | null {
  const row = db
    .select({ token: passwordResetTokens, user: users })
    .from(passwordResetTokens)
    .innerJoin(users, eq(passwordResetTokens.userId, users.id))
    .where(eq(passwordResetTokens.id, sha256Hex(token)))
    .get();
  if (!row) return null;
  if (now.getTime() >= row.token.expiresAt.getTime()) {
    db.delete(passwordResetTokens).where(eq(passwordResetTokens.id, row.token.id)).run();
    return null;
  }
  if (row.user.status === 'deactivated') return null;
  return row.user;
}

/**
 * Uses the token: sets the new password hash, deletes every reset token and session of the user and,
 * since the link proved the address, completes a pending e-mail verification. Null when the token is invalid.
 */
export function resetPasswordWithToken(db: Db, token: string, passwordHash: string, now = new Date()): User | null {
  return transaction(db, () => {
    const user = validatePasswordResetToken(db, token, now);
    if (!user) return null;
    db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).run();
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    invalidateAllSessions(db, user.id);
    return markEmailVerified(db, { ...user, passwordHash }, now);
  });
}
