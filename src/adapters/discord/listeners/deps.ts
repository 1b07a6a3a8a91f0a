import type { RateLimiter } from '../../../core/answering/command.js';
import type { AdapterDeps } from '../../adapter.js';

export interface DiscordDeps extends AdapterDeps {
  /** How long a command may run before its reply is deferred (Discord allows 3 seconds). */
  deferAfterMs: number;
  /** Autocomplete requests per person: a limit of their own, apart from questions. */
  completions: RateLimiter;
}
