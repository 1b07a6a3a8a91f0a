// The composition root: config -> logger -> knowledge -> command context -> adapters.
// With no platform token set, the local console is the adapter.
import type { Adapter } from './adapters/adapter.js';
import { createConsoleAdapter } from './adapters/console/console-adapter.js';
import type { Config } from './config.js';
import type { CommandContext } from './core/command.js';
import { KnowledgeStore } from './core/knowledge-store.js';
import { notRecording } from './core/recorder.js';
import type { Logger } from './logger.js';

export interface App {
  ctx: CommandContext;
  adapters: Adapter[];
  stop(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger, onConsoleClose: () => void): Promise<App> {
  const store = await KnowledgeStore.open(config.knowledge.dir);
  const snapshot = store.current();
  logger.info({ entries: snapshot.index.entries.length, sources: snapshot.knowledge.sources.size, dir: config.knowledge.dir }, 'knowledge loaded');
  for (const warning of store.initialWarnings) logger.warn({ problem: warning }, 'knowledge warning');

  const ctx: CommandContext = { store, recorder: notRecording, startedAt: new Date() };
  const adapters: Adapter[] = [];
  if (config.discord) {
    // Loaded only when configured: discord.js takes seconds to import on a small machine,
    // which the console and a misconfigured start should not wait for.
    const { createDiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
    adapters.push(createDiscordAdapter({ ctx, logger, ...config.discord }));
  }
  if (adapters.length === 0) {
    adapters.push(createConsoleAdapter({ ctx, logger, onClose: onConsoleClose }));
  }
  const started: Adapter[] = [];
  for (const adapter of adapters) {
    try {
      await adapter.start();
    } catch (error) {
      // Leave nothing connected behind when start-up fails part way.
      await Promise.allSettled(started.map((a) => a.stop()));
      throw error;
    }
    started.push(adapter);
    logger.info({ adapter: adapter.name }, 'adapter started');
  }
  return {
    ctx,
    adapters,
    async stop() {
      await Promise.allSettled(adapters.map((a) => a.stop()));
    },
  };
}
