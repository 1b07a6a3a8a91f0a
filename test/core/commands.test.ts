import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { checkCommands, runCommand, type Command, type CommandContext } from '../../src/core/answering/command.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { notRecording, type QuestionRecord, type Recorder } from '../../src/core/answering/recorder.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

async function context(recorder: Recorder = notRecording): Promise<CommandContext> {
  return { store: await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord }), recorder, startedAt: new Date() };
}
const command = (name: string) => commands.find((c) => c.data.name === name)!;

describe('commands', () => {
  it('defines ask, reload and about', () => {
    expect(commands.map((c) => c.data.name)).toEqual(expect.arrayContaining(['ask', 'reload', 'about']));
    expect(command('reload').data.adminOnly).toBe(true);
    expect(command('ask').data.options[0]).toMatchObject({ name: 'question', required: true, maxLength: 300, autocomplete: true });
  });

  it.each([
    ['no handler', { data: { name: 'x', description: 'd', options: [], adminOnly: false } }],
    ['an upper-case name', { data: { name: 'Ask', description: 'd', options: [], adminOnly: false }, execute: async () => ({}) }],
    ['a description over 100 characters', { data: { name: 'x', description: 'd'.repeat(101), options: [], adminOnly: false }, execute: async () => ({}) }],
  ])('throws on a command module with %s', (_, module) => {
    expect(() => checkCommands([module])).toThrow(/command module #1 is invalid/);
  });

  it('throws on two commands with one name', () => {
    expect(() => checkCommands([command('ask'), command('ask')])).toThrow(/two commands are named "ask"/);
  });

  it('refuses an admin command to someone who is not an admin, without running it', async () => {
    let ran = false;
    const guarded: Command = { data: { ...command('reload').data }, execute: async () => ((ran = true), { kind: 'refused', reason: 'not-admin' }) };
    const reply = await runCommand(guarded, await context(), { platform: 'slack', user: { id: 'U1', isAdmin: false }, options: {} });
    expect(reply).toEqual({ kind: 'refused', reason: 'not-admin' });
    expect(ran).toBe(false);
  });

  it('records each question asked, with its outcome', async () => {
    const records: QuestionRecord[] = [];
    const ctx = await context({ recordQuestion: (r) => records.push(r), recordVote: () => 'recorded' });
    const reply = await runCommand(command('ask'), ctx, { platform: 'discord', user: { id: '42', isAdmin: false }, options: { question: 'who is jess phillips' } });
    expect(reply.kind).toBe('answer');
    expect(records).toEqual([expect.objectContaining({ platform: 'discord', userId: '42', question: 'who is jess phillips', answered: true, entryId: expect.any(String) })]);
  });

  it('tells what the bot knows', async () => {
    const reply = await runCommand(command('about'), await context(), { platform: 'console', user: { id: 'c', isAdmin: true }, options: {} });
    expect(reply.kind === 'about' && reply.about.sources[0]).toMatchObject({ published: '2025-01-03', headline: null, outlet: null, url: null });
  });
});

describe('the dependency rule', () => {
  async function sourceFiles(dir: string): Promise<string[]> {
    const names = await readdir(dir, { recursive: true });
    return names.filter((n) => n.endsWith('.ts')).map((n) => path.join(dir, n));
  }

  it('keeps discord.js and Bolt out of the core and the commands', async () => {
    const files = [...(await sourceFiles('src/core')), ...(await sourceFiles('commands'))];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/);
      expect(text, file).not.toMatch(/from ['"][./]*(\.\.\/)*(src\/)?adapters\//);
    }
  });
});
