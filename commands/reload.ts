import type { Command } from '../src/core/answering/command.js';

export const reload = {
  data: {
    name: 'reload',
    description: 'Admins: reload the knowledge base from disk, keeping the current one if the files are invalid',
    options: [],
    adminOnly: true,
  },
  async execute(ctx) {
    // With replicas, every one of them reloads, each checking the files for itself.
    return { kind: 'reload', report: await (ctx.reloads ? ctx.reloads.reloadEverywhere() : ctx.store.reload()) };
  },
} satisfies Command;
