// The console's own commands: did-you-mean for a mistyped one, the bare words a newcomer
// types, /why after any reply, /quit ending the session, and wrapping at a given width.
import { describe, expect, it } from 'vitest';
import { closestCommand, parseLine } from '../../src/adapters/console/lines.js';
import { wrapText } from '../../src/adapters/console/wrap.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { consoleSession } from '../helpers/console-session.js';

describe('console commands', () => {
  it('suggests the command a typo meant instead of listing them all, without echoing it', async () => {
    const text = await consoleSession(['/abuot', '/hlep', '/reloda']);
    expect(text).toContain(MESSAGES.consoleDidYouMean('about'));
    expect(text).toContain(MESSAGES.consoleDidYouMean('help'));
    expect(text).toContain(MESSAGES.consoleDidYouMean('reload'));
    expect(text).not.toContain('abuot');
    expect(text).not.toContain('Type a question about the story, or a command:');
    expect(closestCommand('zzzzzz')).toBeUndefined();
  });

  it('takes bare help, about and quit as commands, not questions', async () => {
    expect(parseLine('help')).toEqual({ name: 'help', argument: '' });
    expect(parseLine('About?')).toEqual({ name: 'about', argument: '' });
    expect(parseLine('help me understand the story')).toEqual({ name: 'ask', argument: 'help me understand the story' });
    const text = await consoleSession(['help', 'about', 'quit', 'who is jess phillips']);
    expect(text).toContain('Type a question about the story, or a command:');
    expect(text).toContain('dated 2025-01-03');
    expect(text).not.toContain('The story does not answer that');
    // Nothing after quit is asked.
    expect(text).not.toContain('Jess Phillips');
  });

  it('explains a decline and a passage with /why, as it does an answer', async () => {
    const text = await consoleSession(["What is Wes Streeting's majority?", '/why', 'what did the grooming inquiry find in rotherham', '/why']);
    expect(text).not.toContain(MESSAGES.whyNothingYet);
    const whys = text.split(`${MESSAGES.whyTitle}:\n`).slice(1);
    expect(whys).toHaveLength(2);
    expect(whys[0]).toMatch(/^ {2}The closest curated wording was .*Who is Wes Streeting/);
    expect(whys[0]).toContain('Not in this entry at all: majority.');
    expect(whys[1]).toMatch(/Confidence \d+%; an entry is given as the answer from \d+%\./);
  });

  it('wraps its answers between words at the width given', async () => {
    const text = await consoleSession(['Who is Tommy Robinson?'], 60);
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(lines).toContain('  paragraph 13: “Stephen Yaxley-Lennon, the founder of the');
    expect(lines).toContain('    far-right English Defence League, who is better known as');
  });

  it('wraps text without cutting words, indenting what carries on', () => {
    expect(wrapText('one two three four five six seven eight nine ten eleven', 20)).toBe('one two three four\nfive six seven eight\nnine ten eleven');
    expect(wrapText('  • alpha beta gamma delta epsilon zeta', 20)).toBe('  • alpha beta gamma\n    delta epsilon\n    zeta');
    expect(wrapText('short', 20)).toBe('short');
    expect(wrapText('no width at all, so nothing is wrapped whatever its length', undefined)).toBe('no width at all, so nothing is wrapped whatever its length');
    expect(wrapText(`see ${'x'.repeat(30)}`, 20)).toBe(`see\n${'x'.repeat(20)}\n${'x'.repeat(10)}`);
  });
});
