// Delivery ids in Redis, so that a retry reaching another replica is still a repeat: one
// SET NX with an expiry per delivery, which only the first caller wins. The ids are the
// platforms' own (Slack's event_id, Discord's interaction id), never a user id. While Redis
// cannot answer, this replica's own memory decides, which still stops the repeats that
// come back to it.
import type { Redis } from 'ioredis';
import type { DeliveryLedger } from '../core/answering/shared-state.js';
import type { RedisHealth } from './redis-health.js';
import { DELIVERY_DEFAULTS, deliveryKey, memoryDeliveries } from './memory-deliveries.js';

export function redisDeliveries(client: Redis, keyPrefix: string, options: { keepMs?: number; health?: RedisHealth } = {}): DeliveryLedger {
  const keepMs = options.keepMs ?? DELIVERY_DEFAULTS.keepMs;
  const fallback = memoryDeliveries({ keepMs });
  return {
    async first(platform, deliveryId) {
      // Remembered here as well: a repeat that arrives during an outage is caught either way.
      const firstHere = await fallback.first(platform, deliveryId);
      // A frozen server would hold every delivery for a command timeout: decide here instead.
      if (options.health && !options.health.usable()) return firstHere;
      try {
        const firstAnywhere = (await client.set(`${keyPrefix}delivery:${deliveryKey(platform, deliveryId)}`, '1', 'PX', keepMs, 'NX')) === 'OK';
        // A first delivery taken here while Redis was away left no key there for its retry to find.
        return firstHere && firstAnywhere;
      } catch (error) {
        options.health?.failed(error);
        return firstHere;
      }
    },
  };
}
