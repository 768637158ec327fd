import { describe, expect, it } from 'vitest';
import { hashPassword, isCommonPassword, passwordPolicyError, verifyPassword } from '#lib/auth/password.ts';

describe('password policy', () => {
  it('requires at least 10 characters', () => {
    expect(passwordPolicyError('kort-ord1')).toMatch(/minst 10 tecken/);
    expect(passwordPolicyError('tio-tecken')).toBeNull();
  });

  it('rejects common passwords from the shipped list, case-insensitively', () => {
    expect(isCommonPassword('qwertyuiop')).toBe(true);
    expect(isCommonPassword('Password123')).toBe(true);
    expect(isCommonPassword('1234567890')).toBe(true);
    expect(passwordPolicyError('Password123')).toMatch(/för vanligt/);
    expect(passwordPolicyError('lösenord123')).toMatch(/för vanligt/);
    expect(passwordPolicyError('kaffe-vid-vänern-i-maj')).toBeNull();
  });

  it('rejects the e-mail address, the name and repeated characters', () => {
    expect(passwordPolicyError('anna.karlsson@skara.se', { email: 'anna.karlsson@skara.se' })).toMatch(/e-postadress/);
    expect(passwordPolicyError('annakarlsson', { email: 'annakarlsson@skara.se' })).toMatch(/e-postadress/);
    expect(passwordPolicyError('Anna Karlsson', { name: 'Anna Karlsson' })).toMatch(/namn/);
    expect(passwordPolicyError('aaaaaaaaaaaa')).toMatch(/upprepas/);
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('kaffe-vid-vänern-i-maj');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'kaffe-vid-vänern-i-maj')).toBe(true);
    expect(await verifyPassword(hash, 'kaffe-vid-vänern-i-juni')).toBe(false);
    expect(await verifyPassword('inte-en-hash', 'x')).toBe(false);
  });
});
