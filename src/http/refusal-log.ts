// How refused, unauthenticated traffic reaches the log: each refusal at debug, and at most
// one info line a minute with how many there were, by reason. A warning per refusal would
// let anyone on the network write to the log as fast as they can send requests.
import type { Logger } from '../logger.js';

export const REFUSAL_SUMMARY_MS = 60_000;

export class RefusalLog {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private since = 0;

  constructor(
    private readonly listener: string,
    private readonly logger: Logger,
    private readonly everyMs = REFUSAL_SUMMARY_MS,
  ) {}

  /** `reason` is the server's own wording, never anything the request carried. */
  refused(reason: string, fields: Record<string, unknown> = {}): void {
    this.logger.debug({ listener: this.listener, reason, ...fields }, 'request refused');
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (this.timer) return;
    this.since = Date.now();
    this.timer = setTimeout(() => this.flush(), this.everyMs);
    this.timer.unref();
  }

  /** Writes the summary now, if there is anything to say (on shutdown, say). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.counts.size === 0) return;
    const refused = Object.fromEntries(this.counts);
    this.counts = new Map();
    this.logger.info({ listener: this.listener, refused, seconds: Math.round((Date.now() - this.since) / 1000) }, 'unauthenticated requests refused');
  }
}
