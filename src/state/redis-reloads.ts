// /reload on one replica reloads them all, over Redis pub/sub. The replica asked publishes a
// request; PUBLISH answers how many replicas are subscribed, so it knows how many answers to
// wait for. Each replica reloads from its own disk through its own store, which loads,
// validates and self-tests the files and swaps them in only when they pass, then publishes
// whether it did. A replica that was cut off from Redis during a broadcast catches up when
// it reconnects: every broadcast bumps a generation number it compares with its own.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ReloadFanout } from '../core/answering/shared-state.js';
import type { KnowledgeStore, ReloadReport, ReplicaTally } from '../core/knowledge/store.js';
import type { Logger } from '../logger.js';

export const RELOAD_FANOUT_DEFAULTS = Object.freeze({
  /** How long the replica asked waits for the others: a 10,000-entry reload takes about 7 s. */
  answerWaitMs: 30_000,
});

interface Asked {
  id: string;
  from: string;
  generation: number;
}

interface Answered {
  id: string;
  from: string;
  ok: boolean;
}

export interface RedisReloadOptions {
  store: Pick<KnowledgeStore, 'reload'>;
  /** For PUBLISH and the generation; a subscribed connection can do nothing else. */
  client: Redis;
  subscriber: Redis;
  keyPrefix: string;
  /** This process, unique among the replicas. */
  replicaId: string;
  logger: Logger;
  answerWaitMs?: number;
}

export class RedisReloadFanout implements ReloadFanout {
  readonly askChannel: string;
  private readonly answerChannel: string;
  private readonly generationKey: string;
  private readonly waiting = new Map<string, (answer: Answered) => void>();
  /** The last broadcast this replica has applied, known once it has first reached Redis. */
  private seen = 0;
  private subscribed = false;

  constructor(private readonly options: RedisReloadOptions) {
    this.askChannel = `${options.keyPrefix}reload:ask`;
    this.answerChannel = `${options.keyPrefix}reload:answer`;
    this.generationKey = `${options.keyPrefix}reload:generation`;
    options.subscriber.on('message', (channel: string, text: string) => void this.onMessage(channel, text));
    // 'ready' comes on every (re)connection; the two connections come back in either order,
    // and the check needs the command connection, so each one's return is a cue.
    for (const connection of [options.client, options.subscriber]) connection.on('ready', () => void this.catchUp());
  }

  /**
   * Subscribes (waiting for Redis if need be), then takes the current generation as seen:
   * the files were loaded from disk at start-up, after any broadcast before it.
   */
  async subscribe(): Promise<void> {
    await this.options.subscriber.subscribe(this.askChannel, this.answerChannel);
    this.seen = Math.max(this.seen, Number(await this.options.client.get(this.generationKey).catch(() => 0)) || 0);
    this.subscribed = true;
  }

  async reloadEverywhere(): Promise<ReloadReport> {
    const id = randomUUID();
    const answers: Answered[] = [];
    let enough: (() => void) | undefined;
    let others = 0;
    this.waiting.set(id, (answer) => {
      answers.push(answer);
      if (answers.length >= others) enough?.();
    });
    try {
      let reached = true;
      try {
        const generation = await this.options.client.incr(this.generationKey);
        const asked: Asked = { id, from: this.options.replicaId, generation };
        const subscribers = await this.options.client.publish(this.askChannel, JSON.stringify(asked));
        // This replica is one of the subscribers when its own subscription is up.
        others = Math.max(0, subscribers - (this.options.subscriber.status === 'ready' ? 1 : 0));
        this.seen = Math.max(this.seen, generation);
      } catch (error) {
        reached = false;
        this.options.logger.warn({ message: (error as Error).message }, 'reload: Redis unreachable, so only this replica reloads');
      }
      const own = await this.options.store.reload();
      if (reached && answers.length < others) await this.until((resolve) => (enough = resolve), this.options.answerWaitMs ?? RELOAD_FANOUT_DEFAULTS.answerWaitMs);
      return { ...own, replicas: tally(own, answers, others, reached) };
    } finally {
      this.waiting.delete(id);
    }
  }

  private async onMessage(channel: string, text: string): Promise<void> {
    const message = parse(text);
    if (!message) return;
    if (channel === this.answerChannel) return void this.waiting.get(message.id)?.(message as Answered);
    if (channel !== this.askChannel || message.from === this.options.replicaId) return;
    const asked = message as Asked;
    this.options.logger.info({ from: asked.from }, 'reload asked for by another replica');
    this.seen = Math.max(this.seen, Number(asked.generation) || 0);
    const report = await this.options.store.reload();
    const answer: Answered = { id: asked.id, from: this.options.replicaId, ok: report.ok };
    await this.options.client.publish(this.answerChannel, JSON.stringify(answer)).catch((error: Error) => {
      this.options.logger.warn({ message: error.message }, 'reload: could not tell the replica that asked how it went');
    });
  }

  /** After a reconnection: reload if a broadcast went out while this replica was cut off. */
  private async catchUp(): Promise<void> {
    if (!this.subscribed) return;
    let generation: number;
    try {
      generation = Number(await this.options.client.get(this.generationKey)) || 0;
    } catch {
      return; // Not reachable after all; the next 'ready' tries again.
    }
    if (generation <= this.seen) return;
    this.seen = generation;
    this.options.logger.info('a reload was broadcast while Redis was unreachable; reloading now');
    await this.options.store.reload();
  }

  private until(arm: (resolve: () => void) => void, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      arm(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function tally(own: ReloadReport, answers: readonly Answered[], others: number, reached: boolean): ReplicaTally {
  const reloaded = (own.ok ? 1 : 0) + answers.filter((a) => a.ok).length;
  const refused = (own.ok ? 0 : 1) + answers.filter((a) => !a.ok).length;
  return { replicas: 1 + others, reloaded, refused, silent: Math.max(0, others - answers.length), reached };
}

function parse(text: string): ({ id: string } & Partial<Asked & Answered>) | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && typeof (value as Asked).id === 'string' ? (value as { id: string } & Partial<Asked & Answered>) : undefined;
  } catch {
    return undefined;
  }
}
