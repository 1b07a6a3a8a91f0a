import { MAX_QUESTION_LENGTH } from '../src/core/answering/answer.js';
import type { Command } from '../src/core/answering/command.js';

export const ask = {
  data: {
    name: 'ask',
    description: 'Ask a question about the story; answers quote the story itself',
    options: [{ name: 'question', description: 'Your question, e.g. Who is Tommy Robinson?', required: true, maxLength: MAX_QUESTION_LENGTH, autocomplete: true }],
    adminOnly: false,
    usageHint: '[your question about the story]',
  },
  async execute(ctx, invocation) {
    const started = performance.now();
    const result = ctx.store.ask(invocation.options.question ?? '');
    ctx.recorder.recordQuestion({
      at: new Date(),
      platform: invocation.platform,
      userId: invocation.user.id,
      question: result.question,
      entryId: result.answered ? result.entry.id : null,
      confidence: result.confidence,
      answered: result.answered,
      ms: performance.now() - started,
    });
    return { kind: 'answer', result };
  },
} satisfies Command;
