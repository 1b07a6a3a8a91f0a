// KNOWLEDGE_WATCH=true: reload when the knowledge files change. Editors save in bursts
// (write, rename, touch), so changes are debounced into one reload. The reload is the
// store's own (load, validate, self-test, swap), so a change that fails validation leaves
// the bot serving what it had; the report is logged by whoever listens to the store.
import { watch as fsWatch } from 'node:fs';
import type { KnowledgeStore } from '../core/knowledge/store.js';
import type { Logger } from '../logger.js';

export const WATCH_DEFAULTS = Object.freeze({
  debounceMs: 300,
});

/** Story text, metadata, entries and aliases; a bare name may be a folder moved in whole. */
const RELEVANT = /\.(ya?ml|txt)$|^[^.]+$/i;

export type Watch = (dir: string, onChange: (file: string | null) => void, onError: (error: Error) => void) => { close(): void };

export const watchRecursively: Watch = (dir, onChange, onError) => {
  const watcher = fsWatch(dir, { recursive: true, persistent: false }, (_event, file) => onChange(file === null ? null : String(file)));
  watcher.on('error', onError);
  return watcher;
};

export interface KnowledgeWatcher {
  close(): void;
}

export interface WatchOptions {
  store: Pick<KnowledgeStore, 'dir' | 'reload'>;
  logger: Logger;
  debounceMs?: number;
  watch?: Watch;
}

export function watchKnowledge(options: WatchOptions): KnowledgeWatcher {
  const { store, logger } = options;
  const debounceMs = options.debounceMs ?? WATCH_DEFAULTS.debounceMs;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function reloadNow(): void {
    timer = undefined;
    if (closed) return;
    logger.info({ dir: store.dir }, 'knowledge files changed; reloading');
    void store.reload();
  }

  function onChange(file: string | null): void {
    if (closed || (file !== null && !RELEVANT.test(file.split(/[\\/]/).at(-1) ?? file))) return;
    clearTimeout(timer);
    timer = setTimeout(reloadNow, debounceMs);
  }

  function onError(error: Error): void {
    logger.error({ dir: store.dir, message: error.message }, 'watching the knowledge files failed; reload with /reload or npm run reload');
  }

  const watcher = options.watch ?? watchRecursively;
  const handle = watcher(store.dir, onChange, onError);
  logger.info({ dir: store.dir, debounceMs }, 'watching the knowledge files');
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      handle.close();
    },
  };
}
