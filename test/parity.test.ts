// One answer everywhere: the same questions asked through the console, the Slack stand-in
// (real Bolt over signed HTTP) and the Discord stand-in (the real discord.js client over the
// gateway), each reply read back from what the person would see, and compared: the kind of
// reply, its notes, its text, its quotes with their paragraphs, its strength and confidence,
// its "as of" and its suggestions. /about and /gaps are compared the same way.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../src/adapters/console/index.js';
import type { AnswerResult } from '../src/core/answering/answer.js';
import type { CommandContext } from '../src/core/answering/command.js';
import { notRecording } from '../src/core/answering/recorder.js';
import { TURN_DEFAULTS } from '../src/core/conversation/turns.js';
import type { GapReport } from '../src/core/curation/gaps.js';
import { KnowledgeStore } from '../src/core/knowledge/store.js';
import { paragraphLabel } from '../src/core/wording/format.js';
import { MESSAGES } from '../src/core/wording/messages.js';
import { declineSentence, passageLabel, replyNotes, strengthText } from '../src/core/wording/reply-words.js';
import { aboutLines, gapSections } from '../src/core/wording/reports.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { createLogger } from '../src/logger.js';
import { memoryTurns } from '../src/state/memory-turns.js';
import { ADMIN as DISCORD_ADMIN, type StoredMessage } from './helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from './helpers/discord-bot.js';
import { REAL_KNOWLEDGE } from './helpers/knowledge-dir.js';
import { replyToCommand } from './helpers/slack-stand-in/response-url.js';
import { blocksOf } from './helpers/slack-stand-in/read-message.js';
import { ADMIN as SLACK_ADMIN, startSlackBot, type BotUnderTest } from './helpers/slack-stand-in/slack-bot.js';

/** What a person reads in a reply, whatever the platform's markup. */
interface Reading {
  kind: AnswerResult['kind'];
  notes: string[];
  text: string;
  /** "paragraph 13: the quote", in order. */
  quotes: string[];
  /** "exact match", "strong match, 91%"…, for an answer. */
  strength: string | null;
  asOf: string | null;
  suggestions: string[];
}

const GAPS: GapReport = {
  declined: [{ question: "What is Wes Streeting's majority?", phrasings: [], count: 3, firstSeen: new Date('2025-01-04T09:00:00Z'), lastSeen: new Date('2025-01-06T18:00:00Z') }],
  unhelpful: [{ entryId: 'what-is-edl', question: 'What is the EDL?', helpful: 1, unhelpful: 2 }],
  neverMatched: [{ entryId: 'oldham-cover-up', question: 'Was there a cover-up in Oldham?' }],
};

// Words, not markup: unescaped, without bold, quotation marks around a whole quote, or folded whitespace.
const plain = (text: string) =>
  text
    .replaceAll('\u200B', '')
    .replace(/\\(.)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\*+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const unquoted = (text: string) => plain(text).replace(/^[“‘](.*)[”’]$/, '$1');
const quoteLine = (paragraph: string, quote: string) => `${paragraph}: ${unquoted(quote)}`;

/** How a passage reply opens, with one passage or several. */
const PASSAGE_LABELS = [passageLabel({}), passageLabel({ passages: [1, 2] })];

/** The reading the core's own result calls for. */
function expected(result: AnswerResult): Reading {
  const base = { kind: result.kind, notes: replyNotes(result), asOf: MESSAGES.asOf(result.asOf) };
  if (result.kind === 'answer') {
    return { ...base, text: result.answer, quotes: result.citations.map((c) => quoteLine(paragraphLabel(c.paragraph), c.quote)), strength: strengthText(result), suggestions: [] };
  }
  if (result.kind === 'passage') {
    return { ...base, text: passageLabel(result), quotes: result.passages.map((p) => quoteLine(paragraphLabel(p.paragraph), p.quote)), strength: null, suggestions: result.suggestions.map((s) => s.question) };
  }
  return { ...base, text: declineSentence(result), quotes: result.nearest ? [quoteLine(paragraphLabel(result.nearest.paragraph), result.nearest.quote)] : [], strength: null, asOf: null, suggestions: result.suggestions.map((s) => s.question) };
}

function readConsole(output: string): Reading {
  const lines = output.split('\n');
  const notes = lines.filter((l) => /^\((Following up|StoryBot answers)/.test(l)).map((l) => l.slice(1, -1));
  const body = lines.filter((l) => l.trim() && !notes.some((n) => l === `(${n})`));
  const footer = body.map((l) => /^\((as of [^,)]+)(?:, (.+))?\)$/.exec(l)).find(Boolean);
  const quotes = body.map((l) => /^ {2}(paragraph \d+): (.*)$/.exec(l)).filter((m) => m !== null).map((m) => quoteLine(m[1]!, m[2]!));
  const intro = body.indexOf(MESSAGES.suggestionsIntro);
  const suggestions = intro < 0 ? [] : body.slice(intro + 1).map((l) => l.replace(/^ {2}• /, ''));
  const text = body[0]!;
  const kind = PASSAGE_LABELS.includes(text) ? 'passage' : footer?.[2] ? 'answer' : 'decline';
  return { kind, notes, text, quotes, strength: footer?.[2] ?? null, asOf: kind === 'decline' ? null : (footer?.[1] ?? null), suggestions };
}

function readSlack(message: unknown): Reading {
  const blocks = blocksOf(message) as { type: string; text?: { text: string }; elements?: { text: string | { text: string } }[] }[];
  const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
  const contexts = blocks.filter((b) => b.type === 'context').map((b) => b.elements!.map((e) => (typeof e.text === 'string' ? e.text : e.text.text)));
  const notes = contexts.filter((c) => !c.some((t) => t.startsWith('*Question:*') || t.startsWith('as of') || t === MESSAGES.relatedIntro)).flat().map(plain);
  const quotes = sections.flatMap((s) => [...s.matchAll(/>([^\n]*)\n>— _(paragraph \d+)_/g)].map((m) => quoteLine(m[2]!, m[1]!)));
  const footer = contexts.flat().map((t) => /^(as of [^·]+?)(?: · (.+))?$/.exec(plain(t))).find(Boolean);
  const intro = blocks.findIndex((b) => b.type === 'section' && b.text!.text === MESSAGES.suggestionsIntro);
  const suggestions = intro < 0 ? [] : blocks[intro + 1]!.elements!.map((e) => plain(typeof e.text === 'string' ? e.text : e.text.text));
  const text = plain(sections[0]!.split('\n')[0]!);
  const kind = PASSAGE_LABELS.includes(text) ? 'passage' : footer?.[2] ? 'answer' : 'decline';
  return { kind, notes, text, quotes, strength: footer?.[2] ?? null, asOf: kind === 'decline' ? null : (footer?.[1] ?? null), suggestions };
}

function readDiscord(message: StoredMessage): Reading {
  const content: string[] = (message.content ?? '').split('\n');
  const notes = content.filter((l) => l.startsWith('-# ')).map((l) => plain(l.slice(3)));
  const buttons = message.components.flatMap((row: any) => row.components).filter((c: any) => c.type === 2);
  const [embed] = message.embeds;
  if (!embed) {
    const rest = content.filter((l) => !l.startsWith('-# ') && !l.startsWith('You asked:') && l.trim());
    const quotes = rest.map((l) => /^> (.*) \((paragraph \d+)\)$/.exec(l)).filter((m) => m !== null).map((m) => quoteLine(m[2]!, m[1]!));
    return { kind: 'decline', notes, text: plain(rest[0]!), quotes, strength: null, asOf: null, suggestions: buttons.map((b: any) => b.label) };
  }
  const quotes = (embed.fields ?? []).map((f: any) => quoteLine(f.name.split(' · ')[0], f.value.replace(/^> /gm, '')));
  const footer = /^(?:(.+) · )?(as of .+)$/.exec(embed.footer.text)!;
  if (embed.title) return { kind: 'answer', notes, text: plain(embed.description), quotes, strength: footer[1] ?? null, asOf: footer[2]!, suggestions: [] };
  const text = embed.description.split('\n').filter((l: string) => !l.startsWith('You asked:'))[0];
  return { kind: 'passage', notes, text: plain(text), quotes, strength: null, asOf: footer[2]!, suggestions: buttons.map((b: any) => b.label) };
}

let store: KnowledgeStore;
let slack: BotUnderTest;
let discord: TestBot;
const gaps = { gaps: async () => GAPS };
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
  slack = await startSlackBot({ visibility: 'in_channel', ctx: { gaps } });
  discord = await startTestBot({ ctx: { gaps } });
});
afterAll(async () => {
  await slack?.stop();
  await discord?.stop();
});

/** One line typed at a console of its own; what it printed after its greeting. */
async function consoleSays(line: string): Promise<string> {
  const ctx: CommandContext = { store, recorder: notRecording, startedAt: new Date(), gaps, conversations: { store: memoryTurns(), followUpMs: TURN_DEFAULTS.followUpMs } };
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  await new Promise<void>((resolve) => {
    const adapter = createConsoleAdapter({ ctx, logger: createLogger({ level: 'silent' }), input, output, onClose: resolve });
    void adapter.start().then(() => input.end(`${line}\n`));
  });
  return text.split('\n').slice(1).join('\n');
}

let responses = 0;
async function slackSays(name: string, text: string, user?: string): Promise<unknown> {
  const id = `parity-${++responses}`;
  return replyToCommand((await slack.command(name, text, { responseId: id, ...(user ? { user } : {}) })).json, slack.responses.posts, id);
}

describe('one answer on every platform', () => {
  it.each([
    ['an exact match', 'Who is Tommy Robinson?', 'answer'],
    ['a strong match through a typo', 'What did Strarmer do as DPP?', 'answer'],
    ['a quote check', 'Did the story say "deserves to be in prison"?', 'answer'],
    ['a passage', 'why does musk care so much about britain anyway, hes not even british smh', 'passage'],
    ['a decline with suggestions', "What is Wes Streeting's majority?", 'decline'],
    ['a question in French', 'Qui est Tommy Robinson ?', 'answer'],
    ['a question in Spanish the story cannot answer', '¿Quién ganó el partido de fútbol?', 'decline'],
  ])('%s reads the same in the console, on Slack and on Discord: %j', async (_, question, kind) => {
    const want = expected(store.ask(question));
    expect(want.kind).toBe(kind);
    // Something to compare: an answer has quotes and a strength, anything else suggestions.
    if (kind === 'answer') expect([want.quotes.length > 0, want.strength !== null]).toEqual([true, true]);
    else expect(want.suggestions.length).toBeGreaterThan(0);
    const onConsole = readConsole(await consoleSays(question));
    const onSlack = readSlack(await slackSays('ask', question));
    const onDiscord = readDiscord((await (await discord.standIn.slash('ask', { question })).reply()).message);
    expect(onConsole).toEqual(want);
    expect(onSlack).toEqual(want);
    expect(onDiscord).toEqual(want);
  });

  it('reads a date the same way everywhere: the story’s date as YYYY-MM-DD, and how long ago it was loaded in words', async () => {
    const want = aboutLines({ ...(await discordAbout()), loadedAt: new Date(), startedAt: new Date() });
    const lines = {
      console: (await consoleSays('/about')).split('\n').filter(Boolean),
      slack: plainLines(textOfSections(await slackSays('about', ''))),
      discord: plainLines((await (await discord.standIn.slash('about')).reply()).message.embeds[0].description),
    };
    expect(want.join('\n')).toContain('dated 2025-01-03');
    expect(want.at(-1)).toBe(MESSAGES.aboutLoaded('just now', 'just now'));
    for (const seen of Object.values(lines)) expect(seen).toEqual(want);
  });

  it('gives the same gap report everywhere, days included', async () => {
    const want = gapSections(GAPS).flatMap((s) => [s.title, ...s.items]);
    const consoleLines = (await consoleSays('/gaps')).split('\n').filter(Boolean).map((l) => l.replace(/:$/, '').trim());
    const slackLines = textOfSections(await slackSays('gaps', '', SLACK_ADMIN)).split('\n').map((l) => plain(l.replace(/^• /, '')));
    const embed = (await (await discord.standIn.slash('gaps', {}, DISCORD_ADMIN)).reply()).message.embeds[0];
    const discordLines = embed.fields.flatMap((f: any) => [f.name, ...f.value.split('\n').map(plain)]);
    expect(want).toContain('3× What is Wes Streeting\'s majority? (first 2025-01-04, last 2025-01-06)');
    expect(consoleLines).toEqual(want);
    expect(slackLines).toEqual(want);
    expect(discordLines).toEqual(want);
  });
});

async function discordAbout() {
  const snapshot = store.current();
  return { sources: [...snapshot.knowledge.sources.values()], entries: snapshot.knowledge.entries.filter((e) => e.status !== 'draft').length, drafts: snapshot.knowledge.entries.filter((e) => e.status === 'draft').length };
}

function textOfSections(message: unknown): string {
  return (blocksOf(message) as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === 'section')
    .map((b) => b.text!.text)
    .join('\n');
}

function plainLines(text: string): string[] {
  return text.split('\n').filter(Boolean).map(plain);
}
