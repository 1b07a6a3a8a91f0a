// Each person's allowance, counted in Redis so that it is one across replicas:
// rate-limiter-flexible's Redis limiter, RATE_LIMIT_QUESTIONS per RATE_LIMIT_WINDOW_SECONDS
// in fixed windows. When Redis cannot answer at once, its in-memory insurance limiter
// decides instead, so the limit still holds; that one is per replica, so it allows each
// replica its share of the allowance, from the last count of replicas seen in Redis.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiter, Taken } from '../core/answering/command.js';
import type { Platform } from '../core/answering/recorder.js';
import type { Logger } from '../logger.js';
import type { UserHasher } from '../storage/user-hash.js';
import type { RedisHealth } from './redis-health.js';

export interface RedisLimiterOptions {
  client: Redis;
  keyPrefix: string;
  questions: number;
  windowSeconds: number;
  /** User ids never reach Redis: keys carry the question log's keyed hash instead. */
  hash: UserHasher;
  logger: Logger;
  onLimited?: (platform: Platform) => void;
  /** While Redis is frozen, the insurance decides at once instead of after a timeout. */
  health?: Pick<RedisHealth, 'usable'>;
}

export class RedisRateLimiter implements RateLimiter {
  private limiter: RateLimiterRedis;
  private insurance: RateLimiterMemory;
  private replicas = 1;

  constructor(private readonly options: RedisLimiterOptions) {
    [this.limiter, this.insurance] = this.build(1);
  }

  /** The replicas now running, so that while Redis is down each allows its share. */
  shareAmong(replicas: number): void {
    const count = Math.max(1, Math.floor(replicas));
    if (count === this.replicas) return;
    this.replicas = count;
    this.options.logger.debug({ replicas: count }, 'replicas counted: each allows its share of the limit while Redis is down');
    // The counts live in Redis, so a new limiter loses nothing but the insurance's counts,
    // which only matter while Redis is down, when the count of replicas cannot change.
    [this.limiter, this.insurance] = this.build(count);
  }

  async take(platform: Platform, userId: string): Promise<Taken> {
    try {
      const usable = this.options.health?.usable() ?? true;
      await (usable ? this.limiter : this.insurance).consume(this.options.hash(platform, userId));
      return { ok: true };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) {
        this.options.onLimited?.(platform);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
      }
      // Both Redis and the insurance failed, which the insurance should make impossible:
      // let the question through rather than refuse everyone.
      this.options.logger.warn({ message: (outcome as Error).message }, 'rate limit could not be checked; question let through');
      return { ok: true };
    }
  }

  private build(replicas: number): [RateLimiterRedis, RateLimiterMemory] {
    const { client, keyPrefix, questions, windowSeconds } = this.options;
    const insurance = new RateLimiterMemory({ points: Math.max(1, Math.floor(questions / replicas)), duration: windowSeconds });
    const limiter = new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${keyPrefix}limit`,
      points: questions,
      duration: windowSeconds,
      // Straight to the insurance limiter while disconnected, instead of waiting on a socket.
      rejectIfRedisNotReady: true,
      insuranceLimiter: insurance,
    });
    return [limiter, insurance];
  }
}
