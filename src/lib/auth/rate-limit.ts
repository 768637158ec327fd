// Rate limiting with refilling token buckets, after lucia-auth.com/rate-limit/token-bucket.
// State lives in memory: the portal runs as one Node process. A bucket starts full; each attempt
// takes a token; tokens come back one per refill interval. When empty, the caller is told when the
// next token arrives, so the user can be told when to try again.
import { countLabel } from '#lib/text/plural.ts';

export interface RateLimitResult {
  allowed: boolean;
  /** When the next token is available (only meaningful when not allowed). */
  retryAt: Date;
}

interface Bucket {
  count: number;
  refilledAt: number;
}

export class RefillingTokenBucket<K = string> {
  private storage = new Map<K, Bucket>();
  private lastSweep = 0;

  readonly max: number;
  readonly refillIntervalMs: number;

  constructor(max: number, refillIntervalMs: number) {
    this.max = max;
    this.refillIntervalMs = refillIntervalMs;
  }

  private current(key: K, now: number): Bucket {
    const bucket = this.storage.get(key);
    if (!bucket) return { count: this.max, refilledAt: now };
    const refill = Math.floor((now - bucket.refilledAt) / this.refillIntervalMs);
    if (refill <= 0) return bucket;
    const count = Math.min(bucket.count + refill, this.max);
    return { count, refilledAt: count === this.max ? now : bucket.refilledAt + refill * this.refillIntervalMs };
  }

  private retryAt(bucket: Bucket, cost: number): Date {
    const missing = cost - bucket.count;
    return new Date(bucket.refilledAt + missing * this.refillIntervalMs);
  }

  /** Whether `cost` tokens are available, without taking them. */
  check(key: K, cost = 1, now = Date.now()): RateLimitResult {
    const bucket = this.current(key, now);
    return bucket.count >= cost ? { allowed: true, retryAt: new Date(now) } : { allowed: false, retryAt: this.retryAt(bucket, cost) };
  }

  /** Takes `cost` tokens if available. */
  consume(key: K, cost = 1, now = Date.now()): RateLimitResult {
    this.sweep(now);
    const bucket = this.current(key, now);
    if (bucket.count < cost) {
      this.storage.set(key, bucket);
      return { allowed: false, retryAt: this.retryAt(bucket, cost) };
    }
    bucket.count -= cost;
    this.storage.set(key, bucket);
    return { allowed: true, retryAt: new Date(now) };
  }

  /** Refills the bucket completely (e.g. after a successful log-in). */
  reset(key: K): void {
    this.storage.delete(key);
  }

  /** Drops buckets that have refilled completely, so memory does not grow with every IP ever seen. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const key of this.storage.keys()) {
      if (this.current(key, now).count >= this.max) this.storage.delete(key);
    }
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * The portal's limits. Per IP they are generous (many staff share one office address);
 * per account they are tight. Keys are lower-cased e-mail addresses or IP addresses.
 */
export const limits = {
  /** Every log-in attempt from an IP. */
  loginByIp: new RefillingTokenBucket<string>(30, 10 * SECOND),
  /** Failed log-ins for one e-mail address (whether or not it has an account). */
  loginFailuresByAccount: new RefillingTokenBucket<string>(5, MINUTE),
  /**
   * Failed log-ins from a browser trusted for the account (device cookie). Once the account's own budget
   * is used up by someone else, only these browsers may still try, each on a budget of its own.
   */
  loginFailuresByDevice: new RefillingTokenBucket<string>(5, MINUTE),
  /** Sign-ups from an IP. */
  signupByIp: new RefillingTokenBucket<string>(20, MINUTE),
  /** Verification-code attempts from an IP (the code itself allows 5 wrong guesses). */
  verifyByIp: new RefillingTokenBucket<string>(30, 10 * SECOND),
  /** New verification codes or reset links per e-mail address. */
  mailByAddress: new RefillingTokenBucket<string>(3, 5 * MINUTE),
  /** Password-reset requests and token uses from an IP. */
  resetByIp: new RefillingTokenBucket<string>(20, 30 * SECOND),
  /** Password checks on the security and delete-account pages, per user. */
  passwordCheckByUser: new RefillingTokenBucket<number>(5, MINUTE),
};

/** Swedish wording for "try again in …", e.g. "om 2 minuter (kl. 14:05)". */
export function retryAfterText(retryAt: Date, now = new Date(), formatClock?: (d: Date) => string): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  let span: string;
  if (seconds < 60) span = countLabel(seconds, 'sekund', 'sekunder');
  else {
    const minutes = Math.ceil(seconds / 60);
    span = countLabel(minutes, 'minut', 'minuter');
  }
  return formatClock ? `om ${span} (kl. ${formatClock(retryAt)})` : `om ${span}`;
}
