import type { Command } from '../src/core/answering/command.js';
import { aboutOf } from '../src/core/conversation/home.js';

export const about = {
  data: {
    name: 'about',
    description: 'What this bot knows: the story, its date, and how many questions it answers',
    options: [],
    adminOnly: false,
  },
  async execute(ctx) {
    return { kind: 'about', about: aboutOf(ctx) };
  },
} satisfies Command;
