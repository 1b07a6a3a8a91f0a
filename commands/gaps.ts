import type { Command } from '../src/core/answering/command.js';

/** A chat reply has room for a short list; `npm run gaps` prints the whole report. */
export const GAPS_SHOWN = 10;

export const gaps = {
  data: {
    name: 'gaps',
    description: 'Admins: the top questions the bot declined, answers voted unhelpful, entries never matched',
    options: [],
    adminOnly: true,
  },
  async execute(ctx) {
    if (!ctx.gaps) return { kind: 'gaps-unavailable', reason: 'off' };
    const report = await ctx.gaps.gaps(GAPS_SHOWN);
    return report ? { kind: 'gaps', report } : { kind: 'gaps-unavailable', reason: 'not-open' };
  },
} satisfies Command;
