// Trying something again until it works, waiting twice as long after each failure: for
// opening the question log when its database is locked or its folder not yet writable at
// start-up, so that the log catches up once it can be opened instead of staying off.

export interface Backoff {
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The one backoff of the question log, SQLite or PostgreSQL: half a second, doubling up to 30. */
export const BACKOFF_DEFAULTS: Backoff = Object.freeze({ firstDelayMs: 500, maxDelayMs: 30_000 });

export interface Retrying {
  cancel(): void;
}

/**
 * Calls `attempt` after firstDelayMs, and again after each failure, each wait twice the last
 * up to maxDelayMs, until it returns. The timers are unreferenced: a retry still waiting
 * never keeps a finished process alive.
 */
export function retryWithBackoff(attempt: () => void, onFailure: (error: unknown, next: { attempt: number; delayMs: number }) => void, backoff: Backoff = BACKOFF_DEFAULTS): Retrying {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const schedule = (tries: number, delayMs: number) => {
    timer = setTimeout(() => {
      if (cancelled) return;
      try {
        attempt();
      } catch (error) {
        const next = Math.min(delayMs * 2, backoff.maxDelayMs);
        onFailure(error, { attempt: tries + 1, delayMs: next });
        schedule(tries + 1, next);
      }
    }, delayMs).unref();
  };
  schedule(1, backoff.firstDelayMs);
  return {
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
