// The rate limit as the bot runs it: RATE_LIMIT_QUESTIONS per RATE_LIMIT_WINDOW_SECONDS for
// each person on each platform, each refusal counted in the metrics, whether the allowance
// is kept in this process or in Redis.
import type { Config } from '../config.js';
import type { Platform } from '../core/answering/recorder.js';
import { TokenBucketLimiter } from '../core/answering/token-bucket.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export function countRefusals(metrics: Pick<Metrics, 'rateLimited'>, logger: Logger): (platform: Platform) => void {
  return function onLimited(platform) {
    metrics.rateLimited.inc({ platform });
    // No user id, and debug only: a flood of these is what the metric is for.
    logger.debug({ platform }, 'rate limited');
  };
}

export function meteredRateLimiter(settings: Config['rateLimit'], metrics: Pick<Metrics, 'rateLimited'>, logger: Logger, now?: () => number): TokenBucketLimiter {
  return new TokenBucketLimiter({
    capacity: settings.questions,
    windowSeconds: settings.windowSeconds,
    ...(now ? { now } : {}),
    onLimited: countRefusals(metrics, logger),
  });
}
