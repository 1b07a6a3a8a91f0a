// Delivery ids seen by this process, each kept for a while and then forgotten. Every id is
// kept for the same time, so the Map's insertion order is also expiry order: the oldest is
// always first, and pruning stops at the first one still fresh.
import { createHash } from 'node:crypto';
import type { Platform } from '../core/answering/recorder.js';
import type { DeliveryLedger } from '../core/answering/shared-state.js';

export const DELIVERY_DEFAULTS = Object.freeze({
  /**
   * Slack retries a delivery three times, the last about five minutes after the first, and
   * a Discord signature stays valid for five minutes either side of its timestamp: an id
   * kept for an hour outlives both with room to spare.
   */
  keepMs: 60 * 60_000,
  /** About 100 bytes each: ten megabytes at most, past which the oldest ids go first. */
  maxIds: 100_000,
});

/**
 * The key an id is kept under. Platform ids are short (Slack's event ids, Discord's
 * snowflakes); a longer one, which only a signed but odd request could carry, is kept as
 * its digest, so no request can make the ledger hold kilobytes per entry.
 */
export function deliveryKey(platform: Platform, deliveryId: string): string {
  return `${platform}:${deliveryId.length <= 64 ? deliveryId : createHash('sha256').update(deliveryId).digest('hex')}`;
}

export function memoryDeliveries(options: { keepMs?: number; maxIds?: number; now?: () => number } = {}): DeliveryLedger & { readonly size: number } {
  const keepMs = options.keepMs ?? DELIVERY_DEFAULTS.keepMs;
  const max = options.maxIds ?? DELIVERY_DEFAULTS.maxIds;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  return {
    get size() {
      return seen.size;
    },
    async first(platform, deliveryId) {
      const at = now();
      const key = deliveryKey(platform, deliveryId);
      if ((seen.get(key) ?? 0) > at) return false;
      seen.delete(key);
      for (const [oldest, until] of seen) {
        if (until > at && seen.size < max) break;
        seen.delete(oldest);
      }
      seen.set(key, at + keepMs);
      return true;
    },
  };
}
