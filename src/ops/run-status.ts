// What readiness and the gauges read: the knowledge store once loaded, the adapters once
// created, and whether shutdown has begun. Filled in by the composition root as start-up
// proceeds, so /healthz and /readyz can answer from the first moment.
import type { Adapter, ShardState } from '../adapters/adapter.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';

export interface Readiness {
  ready: boolean;
  knowledge: { loaded: boolean; entries: number };
  adapters: Record<string, boolean>;
  /** Each gateway shard's state, by adapter; only adapters that have shards are listed. */
  shards?: Record<string, { id: number; status: string }[]>;
  stopping: boolean;
}

export class RunStatus {
  store: Pick<KnowledgeStore, 'current'> | undefined;
  adapters: readonly Pick<Adapter, 'name' | 'connected' | 'shards'>[] = [];
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
    const shards = Object.fromEntries(this.shardStates().map(({ adapter, shards }) => [adapter, shards.map(({ id, status }) => ({ id, status }))]));
    return { ready, knowledge: { loaded, entries: this.entryCounts().published }, adapters, ...(Object.keys(shards).length > 0 ? { shards } : {}), stopping: this.stopping };
  }

  /** The shards of each adapter that has any. */
  shardStates(): { adapter: string; shards: readonly ShardState[] }[] {
    return this.adapters.flatMap((a) => {
      const shards = a.shards?.() ?? [];
      return shards.length > 0 ? [{ adapter: a.name, shards }] : [];
    });
  }

  /** Entries being served and drafts staged; zero before the knowledge is loaded. */
  entryCounts(): { published: number; draft: number } {
    const entries = this.store?.current().knowledge.entries ?? [];
    const draft = entries.filter((e) => e.status === 'draft').length;
    return { published: entries.length - draft, draft };
  }
}
