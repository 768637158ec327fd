import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '#lib/db.ts';
import { emailVerificationRequests, organisations, passwordResetTokens, users } from '#db/schema/index.ts';
import {
  createEmailVerificationRequest,
  VERIFICATION_CODE_LIFETIME_MS,
  VERIFICATION_MAX_ATTEMPTS,
  verifyEmailCode,
} from '#lib/auth/email-verification.ts';
import { createPasswordResetToken, resetPasswordWithToken, RESET_TOKEN_LIFETIME_MS, validatePasswordResetToken } from '#lib/auth/password-reset.ts';
import { createSession, generateSessionToken, validateSessionToken } from '#lib/auth/session.ts';
import { sha256Hex } from '#lib/auth/tokens.ts';
import { safeNextPath } from '#lib/auth/redirect.ts';
import { can } from '#lib/auth/permissions.ts';
import { createTestUser } from '../helpers/users.ts';

function withOrganisation(db: Db) {
  db.insert(organisations).values({ name: 'Skara kommun', slug: 'skara-kommun', type: 'municipality', municipality: 'Skara', emailDomains: ['skara.se'] }).run();
}

describe('e-mail verification codes', () => {
  it('stores only the hash; a correct code activates an account from a member domain', () => {
    const db = openDb(':memory:');
    withOrganisation(db);
    const user = createTestUser(db, { email: 'lina@skara.se', status: 'unverified' });
    const now = new Date('2026-02-01T09:00:00Z');
    const { code, expiresAt } = createEmailVerificationRequest(db, user, now);
    expect(code).toMatch(/^[A-Z2-7]{8}$/);
    expect(expiresAt.getTime() - now.getTime()).toBe(VERIFICATION_CODE_LIFETIME_MS);
    const row = db.select().from(emailVerificationRequests).get()!;
    expect(row.codeHash).toBe(sha256Hex(code));
    expect(JSON.stringify(row)).not.toContain(code);
    const result = verifyEmailCode(db, 'LINA@skara.se', code.toLowerCase().replace(/^(....)/, '$1-'), now);
    expect(result).toMatchObject({ ok: true, status: 'active' });
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.status).toBe('active');
    expect(db.select().from(emailVerificationRequests).all()).toHaveLength(0);
  });

  it('makes an account from an unknown domain pending', () => {
    const db = openDb(':memory:');
    withOrganisation(db);
    const user = createTestUser(db, { email: 'per@foretaget.se', status: 'unverified' });
    const { code } = createEmailVerificationRequest(db, user);
    expect(verifyEmailCode(db, user.email, code)).toMatchObject({ ok: true, status: 'pending' });
  });

  it('expires', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { status: 'unverified' });
    const now = new Date('2026-02-01T09:00:00Z');
    const { code } = createEmailVerificationRequest(db, user, now);
    const later = new Date(now.getTime() + VERIFICATION_CODE_LIFETIME_MS);
    expect(verifyEmailCode(db, user.email, code, later)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyEmailCode(db, user.email, code, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('allows a limited number of wrong guesses, then the code is dead', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { status: 'unverified' });
    const { code } = createEmailVerificationRequest(db, user);
    const wrong = code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
    for (let i = 1; i < VERIFICATION_MAX_ATTEMPTS; i++) {
      expect(verifyEmailCode(db, user.email, wrong)).toMatchObject({ ok: false, reason: 'invalid', attemptsLeft: VERIFICATION_MAX_ATTEMPTS - i });
    }
    expect(verifyEmailCode(db, user.email, wrong)).toEqual({ ok: false, reason: 'too_many_attempts' });
    expect(verifyEmailCode(db, user.email, code)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a new request does not cancel the earlier code (a second sign-up cannot lock the owner out)', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { status: 'unverified' });
    const first = createEmailVerificationRequest(db, user).code;
    createEmailVerificationRequest(db, user);
    expect(verifyEmailCode(db, user.email, first)).toMatchObject({ ok: true });
    // Verified: every open code of the account is gone.
    expect(db.select().from(emailVerificationRequests).all()).toHaveLength(0);
  });
});

describe('password reset tokens', () => {
  it('are stored hashed, expire after an hour, and work once; use ends all sessions', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const session = generateSessionToken();
    createSession(db, session, user.id);
    const now = new Date('2026-02-01T09:00:00Z');
    const { token, expiresAt } = createPasswordResetToken(db, user.id, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(RESET_TOKEN_LIFETIME_MS);
    expect(db.select().from(passwordResetTokens).get()!.id).toBe(sha256Hex(token));
    expect(validatePasswordResetToken(db, token, new Date(now.getTime() + RESET_TOKEN_LIFETIME_MS - 1))?.id).toBe(user.id);
    expect(resetPasswordWithToken(db, token, 'ny-hash', now)?.id).toBe(user.id);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.passwordHash).toBe('ny-hash');
    expect(validateSessionToken(db, session).session).toBeNull();
    expect(resetPasswordWithToken(db, token, 'annan-hash', now)).toBeNull();
  });

  it('are rejected after expiry', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const now = new Date('2026-02-01T09:00:00Z');
    const { token } = createPasswordResetToken(db, user.id, now);
    expect(validatePasswordResetToken(db, token, new Date(now.getTime() + RESET_TOKEN_LIFETIME_MS))).toBeNull();
    expect(db.select().from(passwordResetTokens).all()).toHaveLength(0);
  });
});

describe('safeNextPath', () => {
  it('keeps local paths and refuses other origins', () => {
    expect(safeNextPath('/mina-sidor/profil?x=1')).toBe('/mina-sidor/profil?x=1');
    expect(safeNextPath('/aktiviteter/kurs-1#anmal')).toBe('/aktiviteter/kurs-1#anmal');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/\tjavascript', '', null, undefined, '/logga-in?next=/x']) {
      expect(safeNextPath(bad as string)).toBe('/mina-sidor');
    }
  });
});

describe('permissions', () => {
  const member = { id: 1, role: 'member' as const, status: 'active' as const };
  const coordinator = { id: 2, role: 'coordinator' as const, status: 'active' as const };
  const admin = { id: 3, role: 'admin' as const, status: 'active' as const };
  it('follows the documented table', () => {
    expect(can(member, 'member.approve')).toBe(false);
    expect(can(coordinator, 'member.approve')).toBe(true);
    expect(can(coordinator, 'member.setRole')).toBe(false);
    expect(can(coordinator, 'organisation.manage')).toBe(false);
    expect(can(coordinator, 'outbox.view')).toBe(false);
    expect(can(admin, 'member.setRole', member)).toBe(true);
    expect(can(admin, 'member.deactivate', admin)).toBe(false);
    expect(can(admin, 'outbox.view')).toBe(true);
    expect(can(null, 'member.list')).toBe(false);
    expect(can({ ...admin, status: 'deactivated' }, 'outbox.view')).toBe(false);
  });
});
