import type { AdapterDeps } from '../../adapter.js';

export interface DiscordDeps extends AdapterDeps {
  /** How long a command may run before its reply is deferred (Discord allows 3 seconds). */
  deferAfterMs: number;
  /** Who first sees an answer to /ask unless its asker chooses (DISCORD_ANSWER_VISIBILITY). */
  visibility: 'ephemeral' | 'in_channel';
}
