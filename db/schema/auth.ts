import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.ts';

export const ROLES = ['medlem', 'samordnare', 'admin'] as const;
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
    role: text({ enum: ROLES }).notNull().default('medlem'),
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

export type EmailVerificationRequest = typeof emailVerificationRequests.$inferSelect;
export type PasswordResetToken = typeof passwordResetTokens.$inferSelect;
