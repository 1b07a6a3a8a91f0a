import { MAX_QUESTION_LENGTH } from '../src/core/answering/answer.js';
import type { Command } from '../src/core/answering/command.js';
import { askerKey, keepTurn, nowOf, previousTurn, turnOf } from '../src/core/conversation/conversations.js';

export const ask = {
  data: {
    name: 'ask',
    description: 'Ask a question about the story; answers quote the story itself',
    options: [
      { name: 'question', description: 'Your question, e.g. Who is Tommy Robinson?', required: true, maxLength: MAX_QUESTION_LENGTH, autocomplete: true },
      { name: 'private', description: 'Only you see the answer (you can share it after)', required: false, type: 'boolean' },
    ],
    adminOnly: false,
    usageHint: '[your question about the story]',
  },
  async execute(ctx, invocation) {
    const started = performance.now();
    const { conversations } = ctx;
    const previous = await previousTurn(conversations, invocation.conversation);
    const result = ctx.store.ask(invocation.options.question ?? '', previous);
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
    if (result.kind !== 'answer' || !conversations) return { kind: 'answer', result };
    const replyId = await keepTurn(conversations, invocation.conversation, turnOf(ctx.store.current().index, result, nowOf(conversations), { by: askerKey(invocation.platform, invocation.user.id), previous }));
    return { kind: 'answer', result, replyId };
  },
} satisfies Command;
