import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS } from '../../../src/adapters/slack/blocks.js';
import { clip, escapeMrkdwn, fromSlackText } from '../../../src/adapters/slack/markup.js';
import { questionOf } from '../../../src/adapters/slack/listeners/mention.js';
import { renderAnswer } from '../../../src/adapters/slack/render-answer.js';
import { renderReload } from '../../../src/adapters/slack/render-reply.js';
import type { Answered, Declined } from '../../../src/core/answering/answer.js';
import { decodeAction } from '../../../src/core/conversation/interactions.js';
import type { ReloadReport } from '../../../src/core/knowledge/store.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { buttonIds, textsOf } from '../../helpers/slack-stand-in/read-message.js';

function answered(overrides: Partial<Answered> = {}): Answered {
  return {
    kind: 'answer',
    answered: true,
    strength: 'strong',
    question: 'Who is Tommy Robinson?',
    answer: 'The founder of the English Defence League.',
    citations: [{ source: 'story', paragraph: 13, quote: 'the founder of the far-right English Defence League', published: '2025-01-03' }],
    confidence: 0.87,
    entry: { id: 'who-is-tommy-robinson', question: 'Who is Tommy Robinson?' },
    related: [{ id: 'what-is-edl', question: 'What is the English Defence League?' }],
    asOf: '2025-01-03',
    ...overrides,
  };
}

function declined(overrides: Partial<Declined> = {}): Declined {
  return { kind: 'decline', answered: false, question: 'What is his majority?', reason: 'not-in-story', confidence: 0.2, suggestions: [], asOf: '2025-01-03', ...overrides };
}

describe('Slack text', () => {
  it.each([
    ['<!channel> hi', '&lt;!channel&gt; hi'],
    ['<@U123> & <#C1|x>', '&lt;@U123&gt; &amp; &lt;#C1|x&gt;'],
    ['a > b', 'a &gt; b'],
    ['&amp; already', '&amp;amp; already'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(escapeMrkdwn(raw)).toBe(escaped);
  });

  it.each([
    ['fish &amp; chips', 'fish & chips'],
    ['a &lt;b&gt;', 'a <b>'],
    ['&amp;lt; stays an entity', '&lt; stays an entity'],
  ])('reads %j from Slack as %j', (sent, typed) => {
    expect(fromSlackText(sent)).toBe(typed);
  });

  it.each([
    ['short', 10, 'short'],
    ['abcdefghij', 5, 'abcd…'],
    ['ab&amp;cd', 5, 'ab…'],
    ['ab\u{1F600}cd', 4, 'ab…'],
  ])('clips %j to at most %i characters as %j', (text, max, clipped) => {
    expect(clip(text, max)).toBe(clipped);
    expect(clip(text, max).length).toBeLessThanOrEqual(max);
  });

  it.each([
    ['<@UBOTSTORY> who is Tommy Robinson?', 'UBOTSTORY', 'who is Tommy Robinson?'],
    ['hey <@UBOTSTORY|storybot>, who is Jess Phillips?', 'UBOTSTORY', 'hey , who is Jess Phillips?'],
    ['<@UBOTSTORY> is <@U0OTHER> right?', 'UBOTSTORY', 'is <@U0OTHER> right?'],
    ['<@UANY> fish &amp; chips?', undefined, 'fish & chips?'],
  ])('takes the question out of the mention %j', (text, bot, question) => {
    expect(questionOf(text, bot)).toBe(question);
  });
});

describe('an answer in Block Kit', () => {
  it('shows the answer, each quote with its paragraph, the date and the confidence', () => {
    const texts = textsOf(renderAnswer(answered(), { shareable: true }));
    expect(texts).toContain('The founder of the English Defence League.');
    expect(texts).toContainEqual(expect.stringMatching(/“the founder of the far-right English Defence League”[\s\S]*paragraph 13/));
    expect(texts).toContain('as of 2025-01-03 · strong match, 87%');
  });

  const REPLY = '0123456789abcdef';

  it.each([
    [true, ['sb:vote:up:who-is-tommy-robinson', 'sb:vote:down:who-is-tommy-robinson', `sb:why:${REPLY}`, `sb:share:${REPLY}`]],
    [false, ['sb:vote:up:who-is-tommy-robinson', 'sb:vote:down:who-is-tommy-robinson', `sb:why:${REPLY}`]],
  ])('offers votes, "Why this answer?", and Share only when private (shareable: %s)', (shareable, feedback) => {
    const ids = buttonIds(renderAnswer(answered(), { shareable, replyId: REPLY }));
    expect(ids.slice(-feedback.length)).toEqual(feedback);
    expect(ids.filter((id) => id.startsWith('sb:share')).length).toBe(shareable ? 1 : 0);
    for (const id of ids) expect(decodeAction(id)).not.toBeNull();
  });

  it.each([
    ['a question', { question: '<!channel> who is <@U0BOSS>?' }],
    ['an answer', { answer: 'See <https://evil.example|here> & <!here>' }],
    ['a quote', { citations: [{ source: 's', paragraph: 2, quote: '<!everyone> said <@U1>', published: '2025-01-03' }] }],
    ['a related question', { related: [{ id: 'x', question: '<!here> what?' }] }],
  ])('keeps markup in %s inert', (_, overrides) => {
    const message = renderAnswer(answered(overrides), { shareable: true });
    const everything = [message.text, ...textsOf(message)].join('\n');
    expect(everything).not.toMatch(/<[!@#]|<https?:/);
    expect(everything).toMatch(/&lt;[!@]/);
  });

  it('credits whoever shared it, as the only mention in the message', () => {
    const texts = textsOf(renderAnswer(answered({ question: '<@U0EVIL>' }), { shareable: false, sharedBy: 'U0SHARER' }));
    expect(texts[0]).toBe(`${MESSAGES.sharedBy} <@U0SHARER>`);
    expect(texts.join('\n').match(/<@/g)).toHaveLength(1);
  });

  it('clips a section over 3,000 characters instead of failing', () => {
    const message = renderAnswer(answered({ answer: `${'word & '.repeat(1000)}end` }), { shareable: true });
    const longest = Math.max(...textsOf(message).map((t) => t.length));
    expect(longest).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.text);
    expect(longest).toBeGreaterThan(BLOCK_KIT_LIMITS.text - 10);
    expect(textsOf(message)).toContainEqual(expect.stringMatching(/^word &amp; [\s\S]*…$/));
    expect(message.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.fallback);
  });

  it('keeps within 50 blocks when there are more quotes than fit, keeping the buttons and saying how many were left out', () => {
    const citations = Array.from({ length: 80 }, (_, i) => ({ source: 's', paragraph: (i % 13) + 1, quote: `quote ${i}`, published: '2025-01-03' }));
    const message = renderAnswer(answered({ citations }), { shareable: true, replyId: REPLY });
    expect(message.blocks).toHaveLength(BLOCK_KIT_LIMITS.blocks);
    expect(buttonIds(message).at(-1)).toBe(`sb:share:${REPLY}`);
    const shown = textsOf(message).filter((t) => t.startsWith('>“quote')).length;
    expect(textsOf(message)).toContain(MESSAGES.moreQuotes(80 - shown));
  });
});

describe('a decline in Block Kit', () => {
  it('says the story does not answer it, quotes the nearest passage and offers at most three questions as buttons', () => {
    const suggestions = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, question: `Question ${id}?` }));
    const nearest = { source: 's', paragraph: 7, quote: 'A 2022 report into safeguarding measures in Oldham', published: '2025-01-03', highlights: [[7, 13] as const] };
    const message = renderAnswer(declined({ suggestions, nearest }), { shareable: true });
    expect(message.text).toBe(MESSAGES.declineNotInStory);
    expect(textsOf(message)).toEqual(expect.arrayContaining([MESSAGES.declineNotInStory, MESSAGES.suggestionsIntro]));
    expect(textsOf(message).join('\n')).toContain('A 2022 *report* into safeguarding measures in Oldham');
    expect(buttonIds(message)).toEqual(['sb:pick:a', 'sb:pick:b', 'sb:pick:c']);
  });

  it('offers each suggested question once, as Discord does, since Slack refuses repeated button ids', () => {
    const suggestions = ['a', 'a', 'b', 'a', 'c', 'd'].map((id) => ({ id, question: `Question ${id}?` }));
    const message = renderAnswer(declined({ suggestions }), { shareable: true });
    expect(buttonIds(message)).toEqual(['sb:pick:a', 'sb:pick:b', 'sb:pick:c']);
  });

  it.each([
    ['empty', MESSAGES.declineEmpty],
    ['too-long', MESSAGES.declineTooLong(300)],
  ] as const)('explains a question declined as %s', (reason, words) => {
    const message = renderAnswer(declined({ reason, question: '' }), { shareable: true });
    expect(textsOf(message)).toContain(escapeMrkdwn(words));
    expect(buttonIds(message)).toEqual([]);
  });
});

describe('a reload report', () => {
  const base: ReloadReport = {
    ok: false, keptPrevious: true, added: [], removed: [], changed: [], warnings: [], entries: 40, drafts: 0, sources: 1, durationMs: 12,
    errors: [{ code: 'yaml-syntax', severity: 'error', file: 'entries/<bad>.yaml', line: 3, message: 'bad & broken' }],
    startedAt: new Date(), finishedAt: new Date(), loadedAt: new Date(),
  };

  it('says the old knowledge base is still served and lists each problem, escaped', () => {
    const texts = textsOf(renderReload(base));
    expect(texts[0]).toBe(MESSAGES.reloadFailed(40));
    expect(texts[1]).toBe('• error entries/&lt;bad&gt;.yaml:3 bad &amp; broken');
  });

  it('says what changed after a good reload', () => {
    const texts = textsOf(renderReload({ ...base, ok: true, keptPrevious: false, errors: [], added: ['new-one'], changed: ['x'] }));
    expect(texts).toEqual([`${MESSAGES.reloaded(40, 0, 1, 12)}\nAdded: new-one; Changed: x`]);
  });
});
