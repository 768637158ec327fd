// Sign-up, log-in, new verification codes and password-reset requests: the account flows behind the
// auth actions. No answer reveals whether an e-mail address has an account: unknown addresses get the
// same response (and take as long), and rate limits apply to addresses whether or not they exist.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { sessions, users, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { createEmailVerificationRequest, verifyEmailCode, type VerifyResult } from './email-verification.ts';
import {
  sendAccountExistsMail,
  sendApprovalRequestMail,
  sendPasswordChangedMail,
  sendPasswordResetMail,
  sendPendingApprovalMail,
  sendVerificationMail,
} from './mails.ts';
import { hashPassword, passwordPolicyError, verifyAgainstDummy, verifyPassword } from './password.ts';
import { createPasswordResetToken, resetPasswordWithToken, validatePasswordResetToken } from './password-reset.ts';
import { limits } from './rate-limit.ts';
import { trustedDeviceId } from './trusted-device.ts';
import { transaction } from '#lib/tx.ts';

export interface RequestContext {
  /** Public base URL for links in mails, e.g. "https://skaraborgsnatet.se". */
  baseUrl: string;
  ip: string;
  /** The device cookie's token, if the browser sent one (see trusted-device.ts). */
  deviceToken?: string;
  now?: Date;
}

export type RateLimited = { ok: false; reason: 'rate_limited'; retryAt: Date };
type FieldError<F extends string> = { ok: false; reason: 'field'; field: F; message: string };

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/**
 * Creates an unverified account and mails a verification code. An address that already has a
 * verified account gets a mail telling its owner instead; the caller sees the same result. A second
 * sign-up with an address that is not verified yet never changes the account: it gets a code of its
 * own, and its name and password apply only if that code is the one that verifies the address. The
 * organisation is not chosen here: it follows the verified e-mail domain (src/lib/organisations).
 */
export async function signUp(db: Db, input: SignUpInput, ctx: RequestContext): Promise<{ ok: true } | RateLimited | FieldError<'password'>> {
  const now = ctx.now ?? new Date();
  const email = input.email.toLowerCase();
  const ipLimit = limits.signupByIp.consume(ctx.ip, 1, now.getTime());
  if (!ipLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: ipLimit.retryAt };
  const policy = passwordPolicyError(input.password, { email, name: input.name });
  if (policy) return { ok: false, reason: 'field', field: 'password', message: policy };
  const passwordHash = await hashPassword(input.password);
  const mayMail = limits.mailByAddress.consume(email, 1, now.getTime()).allowed;

  const existing = findUserByEmail(db, email);
  if (existing && existing.status !== 'unverified') {
    if (mayMail) sendAccountExistsMail(db, ctx.baseUrl, email, existing.name);
    return { ok: true };
  }
  if (existing && !mayMail) return { ok: true };
  const signUpData = { name: input.name, passwordHash };
  const { code, expiresAt } = transaction(db, () => {
    const user = existing ?? db.insert(users).values({ ...signUpData, email, status: 'unverified', createdAt: now }).returning().get();
    return { user, ...createEmailVerificationRequest(db, user, now, signUpData) };
  });
  sendVerificationMail(db, ctx.baseUrl, email, input.name, code, expiresAt);
  return { ok: true };
}

/** Verifies a code; on a pending result the applicant and the coordinators are told by mail. */
export function verifyEmail(db: Db, email: string, code: string, ctx: RequestContext): VerifyResult | RateLimited {
  const now = ctx.now ?? new Date();
  const ipLimit = limits.verifyByIp.consume(ctx.ip, 1, now.getTime());
  if (!ipLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: ipLimit.retryAt };
  const result = verifyEmailCode(db, email, code, now);
  if (result.ok && result.status === 'pending') {
    sendPendingApprovalMail(db, result.user.email, result.user.name);
    const approvers = db
      .select({ email: users.email })
      .from(users)
      .where(and(inArray(users.role, ['coordinator', 'admin']), eq(users.status, 'active')))
      .all();
    for (const approver of approvers) {
      sendApprovalRequestMail(db, ctx.baseUrl, approver.email, result.user);
    }
  }
  return result;
}

/** Sends a new verification code when the address has an unverified account. Same answer either way. */
export function resendVerificationCode(db: Db, email: string, ctx: RequestContext): { ok: true } | RateLimited {
  const now = ctx.now ?? new Date();
  const ipLimit = limits.verifyByIp.consume(ctx.ip, 1, now.getTime());
  if (!ipLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: ipLimit.retryAt };
  const mailLimit = limits.mailByAddress.consume(email.toLowerCase(), 1, now.getTime());
  if (!mailLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: mailLimit.retryAt };
  const user = findUserByEmail(db, email);
  if (user?.status === 'unverified') {
    const { code, expiresAt } = createEmailVerificationRequest(db, user, now);
    sendVerificationMail(db, ctx.baseUrl, user.email, user.name, code, expiresAt);
  }
  return { ok: true };
}

export type LogInResult =
  | { ok: true; user: User }
  | RateLimited
  | { ok: false; reason: 'invalid' | 'unverified' | 'pending' | 'deactivated' };

/**
 * Checks e-mail and password. Every attempt counts against the IP; failures count against the
 * address (existing or not). Account states are only revealed after a correct password.
 */
export async function logIn(db: Db, email: string, password: string, ctx: RequestContext): Promise<LogInResult> {
  const now = ctx.now ?? new Date();
  const key = email.toLowerCase();
  const ipLimit = limits.loginByIp.consume(ctx.ip, 1, now.getTime());
  if (!ipLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: ipLimit.retryAt };
  const user = findUserByEmail(db, key);
  // When the account's failure budget is used up (perhaps by someone trying to lock its owner out),
  // a browser trusted for the account still may try, on a budget of its own; others must wait.
  const accountLimit = limits.loginFailuresByAccount.check(key, 1, now.getTime());
  let device: string | null = null;
  if (!accountLimit.allowed) {
    device = user ? trustedDeviceId(db, ctx.deviceToken, user.id, now) : null;
    if (!device) return { ok: false, reason: 'rate_limited', retryAt: accountLimit.retryAt };
    const deviceLimit = limits.loginFailuresByDevice.check(device, 1, now.getTime());
    if (!deviceLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: deviceLimit.retryAt };
  }

  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    if (device) limits.loginFailuresByDevice.consume(device, 1, now.getTime());
    else limits.loginFailuresByAccount.consume(key, 1, now.getTime());
    return { ok: false, reason: 'invalid' };
  }
  if (device) limits.loginFailuresByDevice.reset(device);
  else limits.loginFailuresByAccount.reset(key);
  if (user.status === 'unverified') {
    if (limits.mailByAddress.consume(key, 1, now.getTime()).allowed) {
      const { code, expiresAt } = createEmailVerificationRequest(db, user, now);
      sendVerificationMail(db, ctx.baseUrl, user.email, user.name, code, expiresAt);
    }
    return { ok: false, reason: 'unverified' };
  }
  if (user.status === 'pending' || user.status === 'deactivated') return { ok: false, reason: user.status };
  return { ok: true, user };
}

/** Mails a reset link when the address has an account that may log in. Same answer either way. */
export function requestPasswordReset(db: Db, email: string, ctx: RequestContext): { ok: true } | RateLimited {
  const now = ctx.now ?? new Date();
  const ipLimit = limits.resetByIp.consume(ctx.ip, 1, now.getTime());
  if (!ipLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: ipLimit.retryAt };
  const mailLimit = limits.mailByAddress.consume(email.toLowerCase(), 1, now.getTime());
  if (!mailLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: mailLimit.retryAt };
  const user = findUserByEmail(db, email);
  if (user && user.status !== 'deactivated') {
    const { token, expiresAt } = createPasswordResetToken(db, user.id, now);
    sendPasswordResetMail(db, ctx.baseUrl, user.email, user.name, token, expiresAt);
  }
  return { ok: true };
}

/** Sets a new password with a reset token. All sessions end; the user logs in again. */
export async function completePasswordReset(
  db: Db,
  token: string,
  password: string,
  ctx: RequestContext,
): Promise<{ ok: true; user: User } | RateLimited | { ok: false; reason: 'invalid_token' } | FieldError<'password'>> {
  const now = ctx.now ?? new Date();
  const ipLimit = limits.resetByIp.consume(ctx.ip, 1, now.getTime());
  if (!ipLimit.allowed) return { ok: false, reason: 'rate_limited', retryAt: ipLimit.retryAt };
  const holder = validatePasswordResetToken(db, token, now);
  if (!holder) return { ok: false, reason: 'invalid_token' };
  const policy = passwordPolicyError(password, { email: holder.email, name: holder.name });
  if (policy) return { ok: false, reason: 'field', field: 'password', message: policy };
  const user = resetPasswordWithToken(db, token, await hashPassword(password), now);
  if (!user) return { ok: false, reason: 'invalid_token' };
  sendPasswordChangedMail(db, ctx.baseUrl, user.email, user.name);
  return { ok: true, user };
}

/** Changes the password after checking the current one; ends every other session of the user. */
export async function changePassword(
  db: Db,
  user: User,
  currentSessionId: string,
  current: string,
  next: string,
  ctx: RequestContext,
): Promise<{ ok: true } | RateLimited | FieldError<'currentPassword' | 'newPassword'>> {
  const now = ctx.now ?? new Date();
  const limit = limits.passwordCheckByUser.check(user.id, 1, now.getTime());
  if (!limit.allowed) return { ok: false, reason: 'rate_limited', retryAt: limit.retryAt };
  if (!(await verifyPassword(user.passwordHash, current))) {
    limits.passwordCheckByUser.consume(user.id, 1, now.getTime());
    return { ok: false, reason: 'field', field: 'currentPassword', message: 'Det nuvarande lösenordet stämmer inte.' };
  }
  const policy = passwordPolicyError(next, { email: user.email, name: user.name });
  if (policy) return { ok: false, reason: 'field', field: 'newPassword', message: policy };
  const passwordHash = await hashPassword(next);
  transaction(db, () => {
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    db.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, currentSessionId))).run();
  });
  sendPasswordChangedMail(db, ctx.baseUrl, user.email, user.name);
  return { ok: true };
}

/** Checks the user's own password (e.g. before deleting the account), with the same per-user limit. */
export async function confirmPassword(user: User, password: string, now = new Date()): Promise<{ ok: true } | RateLimited | { ok: false; reason: 'wrong' }> {
  const limit = limits.passwordCheckByUser.check(user.id, 1, now.getTime());
  if (!limit.allowed) return { ok: false, reason: 'rate_limited', retryAt: limit.retryAt };
  if (await verifyPassword(user.passwordHash, password)) return { ok: true };
  limits.passwordCheckByUser.consume(user.id, 1, now.getTime());
  return { ok: false, reason: 'wrong' };
}
