import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/answering/recorder.js';
import { TokenBucketLimiter } from '../../src/core/answering/token-bucket.js';

/** A limiter on a clock the test moves by hand. */
function limiter(capacity: number, windowSeconds: number) {
  let now = 1_000_000;
  const limited: Platform[] = [];
  const bucket = new TokenBucketLimiter({ capacity, windowSeconds, now: () => now, onLimited: (platform) => limited.push(platform) });
  return {
    bucket,
    limited,
    advance: (seconds: number) => void (now += seconds * 1000),
    /** The outcome of n questions in a row, without time passing. */
    burst: (n: number, platform: Platform = 'discord', user = 'U1') => Array.from({ length: n }, () => bucket.take(platform, user)),
  };
}

describe('the per-user token bucket', () => {
  it.each([
    [5, 30, 6],
    [1, 10, 10],
    [3, 1, 1],
    [10, 60, 6],
  ])('lets %i questions through at once in a %i s window, then asks the person to wait %i s', (capacity, window, wait) => {
    const { burst } = limiter(capacity, window);
    const outcomes = burst(capacity + 1);
    expect(outcomes.slice(0, capacity).every((o) => o.ok)).toBe(true);
    expect(outcomes.at(-1)).toEqual({ ok: false, retryAfterSeconds: wait });
  });

  it('refills one question every window/capacity seconds, and the wait shrinks as it refills', () => {
    const { bucket, burst, advance } = limiter(5, 30);
    burst(5);
    advance(2);
    expect(bucket.take('discord', 'U1')).toEqual({ ok: false, retryAfterSeconds: 4 });
    advance(4);
    expect(bucket.take('discord', 'U1')).toEqual({ ok: true });
    expect(bucket.take('discord', 'U1')).toEqual({ ok: false, retryAfterSeconds: 6 });
  });

  it('keeps a bucket per platform and per user, so one person asking fast never holds up another', () => {
    const { bucket, burst } = limiter(2, 30);
    burst(3, 'discord', 'U1');
    expect(bucket.take('discord', 'U2')).toEqual({ ok: true });
    expect(bucket.take('slack', 'U1')).toEqual({ ok: true });
  });

  it('never fills past its capacity, however long the person was away', () => {
    const { burst, advance } = limiter(3, 30);
    burst(1);
    advance(3600);
    expect(burst(4).map((o) => o.ok)).toEqual([true, true, true, false]);
  });

  it('reports each refused request with its platform, for the metric', () => {
    const { burst, limited } = limiter(1, 30);
    burst(3, 'slack');
    burst(2, 'discord');
    expect(limited).toEqual(['slack', 'slack', 'discord']);
  });

  it('forgets people who have not asked for a whole window, so memory follows recent askers', () => {
    const { bucket, advance } = limiter(2, 30);
    for (let i = 0; i < 100; i++) bucket.take('discord', `U${i}`);
    expect(bucket.tracked).toBe(100);
    advance(31);
    bucket.take('slack', 'someone-new');
    expect(bucket.tracked).toBe(1);
  });

  it.each([
    [0, 30],
    [5, 0],
    [Number.NaN, 30],
  ])('refuses to be built with %s questions per %s seconds', (capacity, windowSeconds) => {
    expect(() => new TokenBucketLimiter({ capacity, windowSeconds })).toThrow(RangeError);
  });
});
