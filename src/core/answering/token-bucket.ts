// The per-person rate limit: a token bucket for each platform and user. A bucket holds up to
// `capacity` questions and refills steadily, `capacity` per window, so a burst is allowed and
// a steady asker is held to the average. Buckets untouched for a whole window are full again,
// which is the same as having none, so they are dropped: memory follows the recent askers.
import type { RateLimiter } from './command.js';
import type { Platform } from './recorder.js';

export interface TokenBucketOptions {
  /** Questions allowed in a burst, and per window on average. */
  capacity: number;
  windowSeconds: number;
  /** Milliseconds on a clock that never goes back; tests pass their own. */
  now?: () => number;
  /** Called for each request refused, for the metrics. */
  onLimited?: (platform: Platform) => void;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketLimiter implements RateLimiter {
  // Kept in order of last use, oldest first, so the stale ones are found at the front.
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.capacity >= 1) || !(options.windowSeconds > 0)) throw new RangeError('a rate limit needs at least 1 question per window of more than 0 seconds');
    this.windowMs = options.windowSeconds * 1000;
    this.perMs = options.capacity / this.windowMs;
    this.now = options.now ?? (() => performance.now());
  }

  take(platform: Platform, userId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    this.forgetIdle(now);
    const key = `${platform}:${userId}`;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.options.capacity, bucket.tokens + (now - bucket.at) * this.perMs) : this.options.capacity;
    this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    this.options.onLimited?.(platform);
    // Whole milliseconds first: float error must not turn an exact 4 s into 5.
    const waitMs = Math.round((1 - tokens) / this.perMs);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** How many people have a bucket that is not yet full. */
  get tracked(): number {
    return this.buckets.size;
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at < this.windowMs) break;
      this.buckets.delete(key);
    }
  }
}
