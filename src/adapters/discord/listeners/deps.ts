import type { TokenBucketLimiter } from '../../../core/answering/token-bucket.js';
import type { AdapterDeps } from '../../adapter.js';

export interface DiscordDeps extends AdapterDeps {
  /** How long a command may run before its reply is deferred (Discord allows 3 seconds). */
  deferAfterMs: number;
  /**
   * Autocomplete requests per person: a limit of their own, apart from questions, and kept
   * in this process (a keystroke must not wait on Redis).
   */
  completions: Pick<TokenBucketLimiter, 'take'>;
  /** Who first sees an answer to /ask unless its asker chooses (DISCORD_ANSWER_VISIBILITY). */
  visibility: 'ephemeral' | 'in_channel';
}
