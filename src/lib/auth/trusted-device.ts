// Device cookies (OWASP "Blocking Brute Force Attacks: device cookies"): a browser that has logged in
// to an account gets a random token (cookie `enhet`; the database keeps its SHA-256). Someone who uses
// up an account's failed-log-in budget from elsewhere then locks out only browsers that are not
// trusted for that account; the owner's own browser still gets in with the right password.
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { AstroCookies } from 'astro';
import { trustedDevices } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { generateToken, sha256Hex } from './tokens.ts';
import { transaction } from '#lib/tx.ts';

export const DEVICE_COOKIE = 'enhet';
const LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;
const MAX_DEVICES_PER_USER = 10;

/** The device id (hash) when the token is trusted for the user, otherwise null. */
export function trustedDeviceId(db: Db, token: string | undefined, userId: number, now = new Date()): string | null {
  if (!token || token.length > 100) return null;
  const id = sha256Hex(token);
  const row = db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.id, id), eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, now)))
    .get();
  return row ? row.id : null;
}

/** Trusts this browser for the user (again): returns the token for the cookie and its expiry. */
export function trustDevice(db: Db, userId: number, currentToken: string | undefined, now = new Date()): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + LIFETIME_MS);
  const existing = trustedDeviceId(db, currentToken, userId, now);
  if (existing && currentToken) {
    db.update(trustedDevices).set({ expiresAt }).where(eq(trustedDevices.id, existing)).run();
    return { token: currentToken, expiresAt };
  }
  const token = generateToken();
  transaction(db, () => {
    db.insert(trustedDevices).values({ id: sha256Hex(token), userId, expiresAt, createdAt: now }).run();
    const rows = db.select({ id: trustedDevices.id }).from(trustedDevices).where(eq(trustedDevices.userId, userId)).orderBy(desc(trustedDevices.createdAt)).all();
    const stale = rows.slice(MAX_DEVICES_PER_USER).map((r) => r.id);
    if (stale.length) db.delete(trustedDevices).where(inArray(trustedDevices.id, stale)).run();
  });
  return { token, expiresAt };
}

export function setDeviceCookie(cookies: AstroCookies, token: string, expiresAt: Date, secure: boolean): void {
  cookies.set(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}
