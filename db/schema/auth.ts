import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.ts';

/** Stored values; Swedish labels and URL slugs live in src/lib/auth/permissions.ts. */
export const ROLES = ['member', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['unverified', 'pending', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    email: text().notNull().unique(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    organisationId: integer().references(() => organisations.id, { onDelete: 'set null' }),
    roleTitle: text(),
    phone: text(),
    role: text({ enum: ROLES }).notNull().default('member'),
    /** Contact person for their organisation: may nominate colleagues for courses. */
    isContactPerson: integer({ mode: 'boolean' }).notNull().default(false),
    status: text({ enum: USER_STATUSES }).notNull().default('unverified'),
    emailVerifiedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('users_organisation_idx').on(t.organisationId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the session token; the token itself is never stored. */
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/**
 * An e-mail verification code (lucia-auth.com/email-verification): one open request per user.
 * Only the SHA-256 of the code is stored; wrong guesses are counted and the request dies after the limit.
 */
export const emailVerificationRequests = sqliteTable(
  'email_verification_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    codeHash: text().notNull(),
    /**
     * The name and password of the sign-up that asked for this code, applied when this code verifies
     * the address; null for codes sent again for an account whose password already stands. Keeping
     * them here rather than on the account means a second sign-up with the same unverified address
     * can never change the first one's password.
     */
    name: text(),
    passwordHash: text(),
    attempts: integer().notNull().default(0),
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('email_verification_user_idx').on(t.userId)],
);

/** A single-use password reset token (lucia-auth.com/password-reset); `id` is the SHA-256 of the token. */
export const passwordResetTokens = sqliteTable(
  'password_reset_tokens',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('password_reset_user_idx').on(t.userId)],
);

/**
 * A browser that has logged in to an account before (OWASP's "device cookie"): the cookie holds a random
 * token, the table its SHA-256. When someone has used up an account's failed-log-in budget, log-ins from
 * a trusted device of that account still get through with the right password (no targeted lock-out).
 */
export const trustedDevices = sqliteTable(
  'trusted_devices',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('trusted_devices_user_idx').on(t.userId)],
);

export const ORGANISATION_CHANGE_STATUSES = ['pending', 'approved', 'denied'] as const;

/**
 * A member's request to belong to another organisation (or to none). Organisation is a permission
 * (participant lists, nominations, quotas), so it changes only when a coordinator or admin approves.
 */
export const organisationChangeRequests = sqliteTable(
  'organisation_change_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The requested organisation; null asks to belong to none. */
    organisationId: integer().references(() => organisations.id, { onDelete: 'cascade' }),
    message: text(),
    status: text({ enum: ORGANISATION_CHANGE_STATUSES }).notNull().default('pending'),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    decidedAt: integer({ mode: 'timestamp_ms' }),
    decidedById: integer().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('organisation_change_user_idx').on(t.userId), index('organisation_change_status_idx').on(t.status)],
);

export type TrustedDevice = typeof trustedDevices.$inferSelect;
export type OrganisationChangeRequest = typeof organisationChangeRequests.$inferSelect;
export type EmailVerificationRequest = typeof emailVerificationRequests.$inferSelect;
export type PasswordResetToken = typeof passwordResetTokens.$inferSelect;
