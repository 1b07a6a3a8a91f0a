// The listeners are plain functions of (deps, Bolt's arguments), so the cases that need
// a particular core state are driven directly, with no Slack and no Bolt in between.
import { describe, expect, it } from 'vitest';
import { onMention } from '../../../src/adapters/slack/listeners/mention.js';
import { onSlashCommand } from '../../../src/adapters/slack/listeners/slash-command.js';
import type { ChatClient, SlackDeps, SlackResponse } from '../../../src/adapters/slack/listeners/deps.js';
import type { RateLimiter } from '../../../src/core/answering/command.js';
import { KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { notRecording } from '../../../src/core/answering/recorder.js';
import { createLogger } from '../../../src/logger.js';
import { REAL_KNOWLEDGE } from '../../helpers/knowledge-dir.js';
import { textsOf } from '../../helpers/slack-stand-in/read-message.js';

const slowDown: RateLimiter = { take: () => ({ ok: false, retryAfterSeconds: 7 }) };

async function deps(overrides: Partial<SlackDeps> = {}): Promise<SlackDeps> {
  const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
  return { ctx: { store, recorder: notRecording, startedAt: new Date() }, logger: createLogger({ level: 'silent' }), admins: new Set(), visibility: 'in_channel', ackDeadlineMs: 2000, ...overrides };
}

function chat() {
  const posted: { method: string; args: object }[] = [];
  const client: ChatClient = {
    chat: {
      postMessage: async (args) => void posted.push({ method: 'postMessage', args }),
      postEphemeral: async (args) => void posted.push({ method: 'postEphemeral', args }),
    },
  };
  return { client, posted };
}

describe('Slack listeners', () => {
  it('tells a person who asks too quickly privately, even where answers go to the channel', async () => {
    const d = await deps();
    d.ctx.limiter = slowDown;
    const acks: (SlackResponse | undefined)[] = [];
    await onSlashCommand(d, { command: { command: '/ask', text: 'who is jess phillips', user_id: 'U1' }, ack: async (r) => void acks.push(r), respond: async () => undefined });
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(acks[0])).toEqual([MESSAGES.rateLimited(7)]);
  });

  it('answers a mention that is too quick privately, not in the thread', async () => {
    const d = await deps();
    d.ctx.limiter = slowDown;
    const { client, posted } = chat();
    await onMention(d, { event: { text: '<@UBOT> who is jess phillips', user: 'U1', channel: 'C1', ts: '1.2' }, context: { botUserId: 'UBOT' }, client });
    expect(posted).toEqual([{ method: 'postEphemeral', args: expect.objectContaining({ channel: 'C1', user: 'U1', thread_ts: '1.2' }) }]);
  });

  it.each([
    ['another bot', { bot_id: 'B0OTHER', user: 'U2' }],
    ['no one in particular', {}],
  ])('ignores a mention from %s, so bots cannot talk each other into a loop', async (_, from) => {
    const { client, posted } = chat();
    await onMention(await deps(), { event: { text: '<@UBOT> who is jess phillips', channel: 'C1', ts: '1.3', ...from }, context: { botUserId: 'UBOT' }, client });
    expect(posted).toEqual([]);
  });
});
