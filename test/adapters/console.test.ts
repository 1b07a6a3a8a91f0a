import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter, parseLine } from '../../src/adapters/console/index.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { createLogger } from '../../src/logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { runTs } from '../helpers/run-node.js';

async function converse(lines: string[]): Promise<string> {
  const store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  const closed = new Promise<void>((resolve) => {
    const adapter = createConsoleAdapter({ ctx: { store, recorder: notRecording, startedAt: new Date() }, logger: createLogger({ level: 'silent' }), input, output, onClose: resolve });
    void adapter.start().then(() => input.end(`${lines.join('\n')}\n`));
  });
  await closed;
  return text;
}

describe('the console', () => {
  it.each([
    ['who is x', { name: 'ask', argument: 'who is x' }],
    ['/ask who is x', { name: 'ask', argument: 'who is x' }],
    ['/RELOAD', { name: 'reload', argument: '' }],
  ])('reads %j as a command', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it('answers plain questions and /ask with quotes and paragraph numbers', async () => {
    const text = await converse(['Who is Tommy Robinson?', '/ask what did musk say about jess phillips']);
    expect(text).toContain('paragraph 13');
    expect(text).toContain('paragraph 3');
    expect(text).toContain('as of 2025-01-03');
  });

  it('says when the story has no answer and suggests questions', async () => {
    const text = await converse(["What is Wes Streeting's majority?"]);
    expect(text).toContain('The story does not answer that.');
    expect(text).toContain('Closest questions it does answer:');
  });

  it('reloads, tells what it knows, and names unknown commands', async () => {
    const text = await converse(['/reload', '/about', '/frobnicate']);
    expect(text).toMatch(/Reloaded: \d+ entries/);
    expect(text).toContain('dated 2025-01-03');
    expect(text).toContain('Unknown command /frobnicate');
  });

  it('runs as npm start does with no platform tokens, reading questions from stdin', async () => {
    const { code, stdout } = await runTs('src/index.ts', [], { input: 'who is the health secretary\n', env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    expect(code).toBe(0);
    expect(stdout).toContain('Wes Streeting');
    expect(stdout).toContain('paragraph 4');
  });
});
