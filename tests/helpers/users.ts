import { hashSync } from '@node-rs/argon2';
import { users, type Role } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { createSession, generateSessionToken, SESSION_COOKIE } from '#lib/auth/session.ts';
import type { Client } from './http.ts';

let counter = 0;
// Cheap hash parameters: test users only need a valid argon2id hash, not a strong one.
const TEST_HASH = hashSync('testlösenord-123', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
export const TEST_PASSWORD = 'testlösenord-123';

export function createTestUser(
  db: Db,
  options: { role?: Role; organisationId?: number | null; isContactPerson?: boolean; email?: string; name?: string; status?: 'unverified' | 'pending' | 'active' | 'deactivated' } = {},
) {
  counter++;
  const email = options.email ?? `test${process.pid}-${Date.now()}-${counter}@exempel.se`;
  return db
    .insert(users)
    .values({
      email,
      name: options.name ?? `Testperson ${counter}`,
      passwordHash: TEST_HASH,
      organisationId: options.organisationId ?? null,
      role: options.role ?? 'member',
      isContactPerson: options.isContactPerson ?? false,
      status: options.status ?? 'active',
      emailVerifiedAt: new Date(),
    })
    .returning()
    .get();
}

/** Creates a session straight in the database and gives the client its cookie. */
export function loginAs(client: Client, db: Db, userId: number): string {
  const token = generateSessionToken();
  createSession(db, token, userId);
  client.setCookie(SESSION_COOKIE, token);
  return token;
}
