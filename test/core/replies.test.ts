// The three kinds of reply (answer, passage, decline), quote checks for the newsroom, and
// the guards against confident wrong answers, on the real knowledge base.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResult, Declined, PassageReply } from '../../src/core/answering/answer.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { normalizeForQuote } from '../../src/core/text/normalize.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { copyOfRealKnowledge, REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

let store: KnowledgeStore;
let paragraphs: readonly string[];
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
  paragraphs = [...store.current().knowledge.sources.values()][0]!.paragraphs;
});

const ask = (question: string) => store.ask(question);
const inParagraph = (quote: string, paragraph: number) => normalizeForQuote(paragraphs[paragraph - 1]!).includes(normalizeForQuote(quote));

/** What a quote check found: on an answer or passage, or as the reason of a decline. */
function checked(result: AnswerResult): { phrase?: string; found: boolean; quoted?: boolean; speaker?: string | null } | undefined {
  if (result.kind === 'decline') return result.reason === 'not-verbatim' ? { found: false, ...(result.subject ? { phrase: result.subject } : {}) } : undefined;
  return result.check;
}

function expectKind<K extends AnswerResult['kind']>(result: AnswerResult, kind: K): asserts result is Extract<AnswerResult, { kind: K }> {
  expect(result.kind, `${result.question} -> ${result.kind}`).toBe(kind);
}

describe("passages: the story's closest sentence when no curated entry is good enough", () => {
  it('quotes the sentence verbatim from its paragraph, with the matched words marked, and is not an answer', () => {
    // Not "when did labour win": asking for a time, that is answered by the entry the passage leads to.
    const result = ask('why does musk care so much about britain anyway, hes not even british smh');
    expectKind(result, 'passage');
    const { passage } = result as PassageReply;
    expect(result.answered).toBe(false);
    expect(passage.paragraph).toBe(9);
    expect(inParagraph(passage.quote, passage.paragraph)).toBe(true);
    expect(passage.highlights.length).toBeGreaterThan(0);
    for (const [start, end] of passage.highlights) expect(passage.quote.slice(start, end).trim()).not.toBe('');
  });

  it('gives a question about something else entirely no passage at all', () => {
    for (const question of ['What is the capital of Peru?', 'best pizza topping?', 'how do I reset my router']) {
      const result = ask(question);
      expectKind(result, 'decline');
      expect((result as Declined).nearest, question).toBeUndefined();
    }
  });

  it("shows the nearest passage's words, not just its number, in a decline about the story", () => {
    const result = ask('Verbatim quote from Jess Phillips responding to Musk?');
    expect(result.kind).not.toBe('answer');
    const quote = result.kind === 'decline' ? result.nearest?.quote : result.kind === 'passage' ? result.passage.quote : undefined;
    expect(quote).toBeDefined();
    expect(paragraphs.some((p) => normalizeForQuote(p).includes(normalizeForQuote(quote!)))).toBe(true);
  });
});

describe('quote checks', () => {
  it('says a quoted phrase is in the story, inside quotation marks, and whom the story gives it to', () => {
    const result = ask('Is "deserves to be in prison" a direct quote?');
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    expect(checked(result)).toEqual({ phrase: 'deserves to be in prison', found: true, quoted: true, speaker: 'Elon Musk' });
    expect(result.citations[0]!.paragraph).toBe(3);
  });

  it("tells the story's own words from a quotation", () => {
    const result = ask('Is "barely six months after the last one" in quote marks in the story?');
    expect(checked(result)).toMatchObject({ found: true, quoted: false });
  });

  it('answers who said a phrase from the reviewed list of quotations', () => {
    const result = ask('who said "civil war is inevitable"?');
    expect(checked(result)).toMatchObject({ found: true, quoted: true, speaker: 'Elon Musk' });
    const streeting = ask('Who said Musk was "misjudged and certainly misinformed"?');
    expect(checked(streeting)).toMatchObject({ found: true, speaker: 'Wes Streeting' });
  });

  it("finds a misspelt name and gives the story's spelling", () => {
    const result = ask("Spelling check: 'Stephen Yaxley-Lenon'");
    expect(checked(result)).toMatchObject({ phrase: 'Stephen Yaxley-Lennon', found: false });
  });

  it(`does not take a real word for a misspelling of another: "blocked" is not the story's "backed"`, () => {
    const result = ask("Producer script says the government 'blocked' an Oldham inquiry. What does the source say?");
    expect(result.kind).not.toBe('answer');
    expect(checked(result)).toMatchObject({ found: false });
    expect(JSON.stringify(result)).not.toContain('backed calls');
  });

  it('checks the words a fact-checker says someone said, rather than listing all they said', () => {
    const absent = ask('Did Musk say Starmer should be arrested? Checking a quote in our script.');
    expect(absent.kind).not.toBe('answer');
    expect(checked(absent)).toMatchObject({ found: false });
    const present = ask('Did Musk say Phillips deserves to be in prison? need the exact quote');
    expect(checked(present)).toMatchObject({ phrase: 'deserves to be in prison', found: true, quoted: true, speaker: 'Elon Musk' });
  });

  it('says when a phrase is not in the story', () => {
    const result = ask('Does the story use the phrase "moral panic about immigration"?');
    expect(result.kind).not.toBe('answer');
    expect(checked(result)).toMatchObject({ found: false });
  });
});

describe('no confident wrong answers', () => {
  it('says the story was published without an author, headline or outlet', () => {
    for (const [question, subject] of [['who wrote this article', 'author'], ["what's the headline?", 'headline']] as const) {
      const result = ask(question);
      expectKind(result, 'decline');
      expect((result as Declined).reason).toBe('not-supplied');
      expect((result as Declined).subject).toContain(subject);
    }
  });

  it('does not answer what someone said with what was said about them', () => {
    const result = ask('what did jess phillips say');
    expectKind(result, 'decline');
    expect((result as Declined).reason).toBe('no-words-of');
  });

  it('gives no curated answer to a question after an age or a fortune the story never gives', () => {
    for (const question of ['how old is musk', 'how rich is elon these days', 'what is musk’s net worth', 'how old is tommy robinson']) {
      expect(ask(question).kind, question).not.toBe('answer');
    }
  });

  it('still answers an age question an entry is curated for', () => {
    expect(ask('how old is the oldham report').kind).toBe('answer');
  });

  it('gives one word that names nothing in the story suggestions, not an answer', () => {
    for (const question of ['help', 'America', 'US', 'uk', 'us']) {
      const result = ask(question);
      expectKind(result, 'decline');
      expect((result as Declined).suggestions.length, question).toBeGreaterThan(0);
    }
  });

  it('does not answer a follow-up made only of pronouns when nothing came before it', () => {
    const result = ask('and what did he say about her?');
    expectKind(result, 'decline');
    expect((result as Declined).reason).toBe('unresolved');
  });
});

describe('the reviewed list of quotations', () => {
  it('refuses a knowledge base whose list gives words the story does not have', async () => {
    const dir = await copyOfRealKnowledge();
    const file = path.join(dir, 'quotations.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('words: deserves to be in prison', 'words: deserves to be locked up'));
    const loaded = await loadKnowledge(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.some((p) => p.file.endsWith('quotations.yaml') && p.severity === 'error')).toBe(true);
  });
});
