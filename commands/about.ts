import type { Command } from '../src/core/answering/command.js';

export const about = {
  data: {
    name: 'about',
    description: 'What this bot knows: the story, its date, and how many questions it answers',
    options: [],
    adminOnly: false,
  },
  async execute(ctx) {
    const snapshot = ctx.store.current();
    const entries = snapshot.knowledge.entries;
    const drafts = entries.filter((e) => e.status === 'draft').length;
    return {
      kind: 'about',
      about: {
        sources: [...snapshot.knowledge.sources.values()].map(({ id, published, summary, headline, outlet, url }) => ({ id, published, summary, headline, outlet, url })),
        entries: entries.length - drafts,
        drafts,
        loadedAt: snapshot.loadedAt,
        startedAt: ctx.startedAt,
      },
    };
  },
} satisfies Command;
