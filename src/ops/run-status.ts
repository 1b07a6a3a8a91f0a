// What readiness and the gauges read: the knowledge store once loaded, the adapters once
// created, and whether shutdown has begun. Filled in by the composition root as start-up
// proceeds, so /healthz and /readyz can answer from the first moment.
import type { Adapter } from '../adapters/adapter.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';

export interface Readiness {
  ready: boolean;
  knowledge: { loaded: boolean; entries: number };
  adapters: Record<string, boolean>;
  stopping: boolean;
}

export class RunStatus {
  store: Pick<KnowledgeStore, 'current'> | undefined;
  adapters: readonly Pick<Adapter, 'name' | 'connected'>[] = [];
  /**
   * Shared state in Redis, when REDIS_URL is set. Not part of readiness: without it each
   * replica still answers, only on its own.
   */
  redis: { connected(): boolean } | undefined;
  stopping = false;

  /** Ready to take questions: knowledge loaded, every adapter connected, not stopping. */
  readiness(): Readiness {
    const adapters = Object.fromEntries(this.adapters.map((a) => [a.name, a.connected()]));
    const loaded = this.store !== undefined;
    const ready = loaded && this.adapters.length > 0 && Object.values(adapters).every(Boolean) && !this.stopping;
    return { ready, knowledge: { loaded, entries: this.entryCounts().published }, adapters, stopping: this.stopping };
  }

  /** Entries being served and drafts staged; zero before the knowledge is loaded. */
  entryCounts(): { published: number; draft: number } {
    const entries = this.store?.current().knowledge.entries ?? [];
    const draft = entries.filter((e) => e.status === 'draft').length;
    return { published: entries.length - draft, draft };
  }
}
