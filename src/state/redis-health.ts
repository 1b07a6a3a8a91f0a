// Whether Redis can be used right now. A dropped connection shows in ioredis's status, but a
// frozen server (stopped, swapped out, a network that swallows packets) keeps the socket
// open: status stays "ready" and every command waits for its timeout. So a ping goes out
// every second, and a ping or command that times out marks Redis unusable until a ping is
// answered again. While unusable, callers skip Redis at once and fall back, instead of each
// waiting out a timeout. The outage and the recovery are logged once each, without keys or
// values (which could name what someone asked).
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export const REDIS_HEALTH_DEFAULTS = Object.freeze({
  pingEveryMs: 1_000,
});

export interface RedisHealth {
  /** Connected and answering: worth sending a command to. */
  usable(): boolean;
  /** A command failed: a timeout means the server stopped answering. */
  failed(error: unknown): void;
  close(): void;
}

export function watchRedis(client: Redis, logger: Logger, pingEveryMs: number = REDIS_HEALTH_DEFAULTS.pingEveryMs): RedisHealth {
  let down = false;
  let closing = false;
  let pinging = false;
  const wentDown = (message: string) => {
    if (down || closing) return;
    down = true;
    // The message names the address at most, never the URL's password.
    logger.error({ message }, 'redis unreachable: rate limits fall back to each replica, reloads reach this replica only, votes are checked by the question log alone');
  };
  const cameBack = () => {
    if (!down || closing || client.status !== 'ready') return;
    down = false;
    logger.warn('redis reachable again: state is shared with the other replicas once more');
  };
  const failed = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (/timed out/i.test(message)) wentDown(`no answer in time (${message})`);
  };
  client.on('error', (error: Error) => wentDown(error.message));
  client.on('close', () => wentDown('connection closed'));
  // After a reconnection, the first answered ping says it is back: "ready" alone does not
  // prove that a server which froze is answering again.
  const ping = async () => {
    if (pinging || closing || client.status !== 'ready') return;
    pinging = true;
    try {
      await client.ping();
      cameBack();
    } catch (error) {
      wentDown(`no answer to a ping (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      pinging = false;
    }
  };
  client.on('ready', () => void ping());
  const timer = setInterval(() => void ping(), pingEveryMs).unref();
  return {
    usable: () => !down && client.status === 'ready',
    failed,
    close() {
      closing = true;
      clearInterval(timer);
    },
  };
}
