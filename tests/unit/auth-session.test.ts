import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb } from '#lib/db.ts';
import { sessions } from '#db/schema/index.ts';
import {
  createSession,
  generateSessionToken,
  invalidateAllSessions,
  invalidateSession,
  sessionIdFromToken,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from '#lib/auth/session.ts';
import { createTestUser } from '../helpers/users.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
  it('stores only the SHA-256 of the token and validates the token', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const token = generateSessionToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const now = new Date('2026-01-10T10:00:00Z');
    createSession(db, token, user.id, now);
    const rows = db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.id).not.toContain(token);
    expect(rows[0]!.id).toBe(sessionIdFromToken(token));
    const result = validateSessionToken(db, token, now);
    expect(result.user?.id).toBe(user.id);
    expect(validateSessionToken(db, generateSessionToken(), now).session).toBeNull();
  });

  it('extends a session past half its life and keeps it before that', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const token = generateSessionToken();
    const start = new Date('2026-01-10T10:00:00Z');
    createSession(db, token, user.id, start);
    const early = new Date(start.getTime() + 10 * DAY);
    expect(validateSessionToken(db, token, early).session!.expiresAt.getTime()).toBe(start.getTime() + SESSION_LIFETIME_MS);
    const late = new Date(start.getTime() + 16 * DAY);
    const extended = validateSessionToken(db, token, late).session!;
    expect(extended.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME_MS);
    const stored = db.select().from(sessions).where(eq(sessions.id, sessionIdFromToken(token))).get()!;
    expect(stored.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME_MS);
  });

  it('stores the SHA-256 of the token in hex (sessions made before keep working)', () => {
    expect(sessionIdFromToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('says when the expiry slid, so the cookie is sent again only then', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const token = generateSessionToken();
    const start = new Date('2026-01-10T10:00:00Z');
    createSession(db, token, user.id, start);
    expect(validateSessionToken(db, token, new Date(start.getTime() + DAY)).extended).toBe(false);
    expect(validateSessionToken(db, token, new Date(start.getTime() + 16 * DAY)).extended).toBe(true);
    expect(validateSessionToken(db, token, new Date(start.getTime() + 17 * DAY)).extended).toBe(false);
    expect(validateSessionToken(db, generateSessionToken(), start).extended).toBe(false);
  });

  it('rejects an expired session without writing; the next log-in deletes it', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const token = generateSessionToken();
    const start = new Date('2026-01-10T10:00:00Z');
    createSession(db, token, user.id, start);
    const after = new Date(start.getTime() + SESSION_LIFETIME_MS + 1);
    const changes = db.$client.prepare('SELECT total_changes()').pluck();
    const before = changes.get();
    expect(validateSessionToken(db, token, after).session).toBeNull();
    expect(changes.get()).toBe(before);
    expect(db.select().from(sessions).all()).toHaveLength(1);
    createSession(db, generateSessionToken(), user.id, after);
    expect(db.select().from(sessions).all().map((s) => s.id)).not.toContain(sessionIdFromToken(token));
    expect(db.select().from(sessions).all()).toHaveLength(1);
  });

  it('invalidates one session or all of a user', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db);
    const other = createTestUser(db);
    const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
    createSession(db, a, user.id);
    createSession(db, b, user.id);
    createSession(db, c, other.id);
    invalidateSession(db, sessionIdFromToken(a));
    expect(validateSessionToken(db, a).session).toBeNull();
    expect(validateSessionToken(db, b).session).not.toBeNull();
    invalidateAllSessions(db, user.id);
    expect(validateSessionToken(db, b).session).toBeNull();
    expect(validateSessionToken(db, c).session).not.toBeNull();
  });

  it('rejects sessions of a deactivated user', () => {
    const db = openDb(':memory:');
    const user = createTestUser(db, { status: 'deactivated' });
    const token = generateSessionToken();
    createSession(db, token, user.id);
    expect(validateSessionToken(db, token).user).toBeNull();
  });
});
