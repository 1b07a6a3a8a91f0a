// Starts the Discord adapter in this process against a fresh local stand-in, with the real
// discord.js client on the gateway or with HTTP interactions on 127.0.0.1, and keeps its log
// lines for assertions.
import { EventEmitter, once } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Adapter } from '../../src/adapters/adapter.js';
import { createDiscordAdapter, createTransport } from '../../src/adapters/discord/index.js';
import { HTTP_INTERACTIONS_DEFAULTS, type HttpInteractionsTransport } from '../../src/adapters/discord/transport/http-interactions.js';
import type { CommandContext } from '../../src/core/answering/command.js';
import { TURN_DEFAULTS } from '../../src/core/conversation/turns.js';
import { memoryTurns } from '../../src/state/memory-turns.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from './discord-stand-in/index.js';
import { REAL_KNOWLEDGE } from './knowledge-dir.js';

export interface TestBot {
  standIn: DiscordStandIn;
  adapter: Adapter;
  ctx: CommandContext;
  /** Parsed log lines at debug level and above. */
  logs: Record<string, any>[];
  /** Resolves with the first log line, logged already or yet to come, that matches. */
  logged(match: (line: Record<string, any>) => boolean): Promise<Record<string, any>>;
  stop(): Promise<void>;
  /** With transport "http": where the bot takes interactions, which the stand-in posts to. */
  interactionsUrl?: string;
}

export interface TestBotOptions {
  knowledgeDir?: string;
  ctx?: Partial<CommandContext>;
  deferAfterMs?: number;
  token?: string;
  heartbeatIntervalMs?: number;
  /** The gateway (the default), or HTTP interactions signed with the stand-in's key. */
  transport?: 'gateway' | 'http';
  /** DISCORD_SHARDS for the gateway; 1 unless given. */
  shards?: 'auto' | number;
  standIn?: StandInOptions;
  /** Another bot's stand-in, so that two replicas take interactions signed with one key; left running at stop. */
  sharedStandIn?: DiscordStandIn;
  /** DISCORD_ANSWER_VISIBILITY; in_channel unless given. */
  visibility?: 'ephemeral' | 'in_channel';
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const standIn = options.sharedStandIn ?? (await startDiscordStandIn({ heartbeatIntervalMs: options.heartbeatIntervalMs, ...options.standIn }));
  const closeStandIn = () => (options.sharedStandIn ? Promise.resolve() : standIn.close());
  const store = await KnowledgeStore.open(options.knowledgeDir ?? REAL_KNOWLEDGE);
  const ctx: CommandContext = { store, recorder: notRecording, startedAt: new Date(), conversations: { store: memoryTurns(), followUpMs: TURN_DEFAULTS.followUpMs }, ...options.ctx };
  const logs: Record<string, any>[] = [];
  const written = new EventEmitter();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      written.emit('line');
      done();
    },
  });
  const logged = async (match: (line: Record<string, any>) => boolean) => {
    for (;;) {
      const found = logs.find(match);
      if (found) return found;
      await once(written, 'line');
    }
  };
  const adapterOptions = {
    ctx,
    logger: pino({ level: 'debug' }, sink),
    applicationId: standIn.applicationId,
    apiUrl: standIn.apiUrl,
    deferAfterMs: options.deferAfterMs,
    visibility: options.visibility,
    transport:
      options.transport === 'http'
        ? ({ mode: 'http', publicKey: standIn.publicKey, host: '127.0.0.1', port: 0 } as const)
        : ({ mode: 'gateway', token: options.token ?? standIn.token, shards: options.shards ?? 1 } as const),
  };
  const transport = createTransport(adapterOptions);
  const adapter = createDiscordAdapter(adapterOptions, transport);
  try {
    await adapter.start();
  } catch (error) {
    await closeStandIn();
    throw error;
  }
  let interactionsUrl: string | undefined;
  if (transport.mode === 'http') {
    interactionsUrl = `http://127.0.0.1:${(transport as HttpInteractionsTransport).address()!.port}${HTTP_INTERACTIONS_DEFAULTS.path}`;
    standIn.deliverOverHttp(interactionsUrl);
  }
  return {
    standIn,
    adapter,
    ctx,
    logs,
    logged,
    interactionsUrl,
    async stop() {
      await adapter.stop();
      await closeStandIn();
    },
  };
}
