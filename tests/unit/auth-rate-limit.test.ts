import { describe, expect, it } from 'vitest';
import { RefillingTokenBucket, retryAfterText } from '#lib/auth/rate-limit.ts';

describe('RefillingTokenBucket', () => {
  it('allows max attempts, then refuses until a token is refilled', () => {
    const bucket = new RefillingTokenBucket<string>(3, 60_000);
    const t0 = 1_000_000;
    expect(bucket.consume('a', 1, t0).allowed).toBe(true);
    expect(bucket.consume('a', 1, t0).allowed).toBe(true);
    expect(bucket.consume('a', 1, t0).allowed).toBe(true);
    const refused = bucket.consume('a', 1, t0 + 1000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAt.getTime()).toBe(t0 + 60_000);
    expect(bucket.consume('a', 1, t0 + 59_999).allowed).toBe(false);
    expect(bucket.consume('a', 1, t0 + 60_000).allowed).toBe(true);
    expect(bucket.consume('a', 1, t0 + 60_001).allowed).toBe(false);
  });

  it('keeps keys apart and refills to at most max', () => {
    const bucket = new RefillingTokenBucket<string>(2, 1000);
    const t0 = 5_000_000;
    bucket.consume('ip1', 2, t0);
    expect(bucket.consume('ip1', 1, t0).allowed).toBe(false);
    expect(bucket.consume('ip2', 1, t0).allowed).toBe(true);
    // Long after: full again, but not more than max.
    const later = t0 + 1_000_000;
    expect(bucket.consume('ip1', 1, later).allowed).toBe(true);
    expect(bucket.consume('ip1', 1, later).allowed).toBe(true);
    expect(bucket.consume('ip1', 1, later).allowed).toBe(false);
  });

  it('check does not take tokens; reset refills', () => {
    const bucket = new RefillingTokenBucket<number>(1, 1000);
    expect(bucket.check(7, 1, 0).allowed).toBe(true);
    expect(bucket.check(7, 1, 0).allowed).toBe(true);
    bucket.consume(7, 1, 0);
    expect(bucket.check(7, 1, 10).allowed).toBe(false);
    bucket.reset(7);
    expect(bucket.check(7, 1, 10).allowed).toBe(true);
  });
});

describe('retryAfterText', () => {
  it('says when to try again in Swedish', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(retryAfterText(new Date(now.getTime() + 1000), now)).toBe('om 1 sekund');
    expect(retryAfterText(new Date(now.getTime() + 45_000), now)).toBe('om 45 sekunder');
    expect(retryAfterText(new Date(now.getTime() + 60_000), now)).toBe('om 1 minut');
    expect(retryAfterText(new Date(now.getTime() + 125_000), now)).toBe('om 3 minuter');
    expect(retryAfterText(new Date(now.getTime() + 60_000), now, () => '11:01')).toBe('om 1 minut (kl. 11:01)');
  });
});
