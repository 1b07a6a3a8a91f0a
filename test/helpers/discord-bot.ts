// Starts the Discord adapter in this process against a fresh local stand-in, with the real
// discord.js client, and keeps its log lines for assertions.
import { EventEmitter, once } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Adapter } from '../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import type { CommandContext } from '../../src/core/answering/command.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { startDiscordStandIn, type DiscordStandIn } from './discord-stand-in/index.js';
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
}

export interface TestBotOptions {
  knowledgeDir?: string;
  ctx?: Partial<CommandContext>;
  deferAfterMs?: number;
  token?: string;
  heartbeatIntervalMs?: number;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const standIn = await startDiscordStandIn({ heartbeatIntervalMs: options.heartbeatIntervalMs });
  const store = await KnowledgeStore.open(options.knowledgeDir ?? REAL_KNOWLEDGE);
  const ctx: CommandContext = { store, recorder: notRecording, startedAt: new Date(), ...options.ctx };
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
  const adapter = createDiscordAdapter({
    ctx,
    logger: pino({ level: 'debug' }, sink),
    token: options.token ?? standIn.token,
    applicationId: standIn.applicationId,
    apiUrl: standIn.apiUrl,
    deferAfterMs: options.deferAfterMs,
  });
  try {
    await adapter.start();
  } catch (error) {
    await standIn.close();
    throw error;
  }
  return {
    standIn,
    adapter,
    ctx,
    logs,
    logged,
    async stop() {
      await adapter.stop();
      await standIn.close();
    },
  };
}
