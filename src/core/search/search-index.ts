// The searchable form of the published entries: each entry's phrasings as term sets, and
// a bag of every term that speaks for the entry (phrasings, tags, answer, quotes, cited
// paragraphs), each with the weight of the strongest field it appears in. Postings are flat
// typed arrays, so a search touches only the entries and phrasings sharing a term with the
// question, and does so without hashing strings per entry.
import { phrasingsOf, publishedEntries, type Entry, type Knowledge } from '../knowledge/types.js';
import { Analyzer } from './analyzer.js';
import { ANSWER_FORMS, formsAskedByPhrase, isQuestionWordTerm } from './lexicon.js';
import type { EngineConfig } from './config.js';
import { PassageIndex } from './passages.js';
import { QuoteIndex } from './quote-index.js';
import { TypoCorrector } from './typo.js';

export interface IndexedPhrasing {
  text: string;
  /** Distinct terms; emptied once the self-test has used them (see forgetPhrasingTerms). */
  terms: readonly string[];
  /** Sum of the idf of its terms, for the similarity's denominator. */
  weight: number;
}

export interface IndexedEntry {
  entry: Entry;
  phrasings: IndexedPhrasing[];
  /** Id of its first phrasing in the index-wide numbering; the rest follow in order. */
  firstPhrasing: number;
  /** The answer forms (see ANSWER_FORMS) the entry is asked for or answers in. */
  forms: ReadonlySet<string>;
  /** The people and things the entry is about: names in its phrasings and tags. */
  names: ReadonlySet<string>;
}

export interface TermPostings {
  /** Entries whose bag holds the term, and the term's field weight in each. */
  entries: Int32Array;
  fieldWeights: Float32Array;
  /** Index-wide ids of the phrasings that contain the term. */
  phrasings: Int32Array;
}

const NO_TERMS: readonly string[] = Object.freeze([]);

/** How many entries each step of a build handles before it may pause. */
const PAUSE_EVERY = 50;
const PAUSE_EVERY_PHRASINGS = 200;

export class SearchIndex {
  private readonly byId: ReadonlyMap<string, IndexedEntry>;

  private constructor(
    readonly analyzer: Analyzer,
    readonly entries: readonly IndexedEntry[],
    readonly postings: ReadonlyMap<string, TermPostings>,
    /** Phrasing id -> its entry, its weight and its text. */
    readonly phrasingEntry: Int32Array,
    readonly phrasingWeight: Float64Array,
    readonly phrasingText: readonly string[],
    /** The story's sentences, for passage replies. */
    readonly passages: PassageIndex,
    /** Phrases and who says them, for quote checks. */
    readonly quotes: QuoteIndex,
    readonly typos: TypoCorrector,
    private readonly weights: ReadonlyMap<string, number>,
    /** idf of a term found in no entry: what an unknown word is measured against. */
    readonly maxIdf: number,
  ) {
    this.byId = new Map(entries.map((e) => [e.entry.id, e]));
    this.scratch = {
      shared: new Float64Array(phrasingEntry.length),
      covered: new Float64Array(entries.length),
      similarity: new Float64Array(entries.length),
      bestPhrasing: new Int32Array(entries.length),
      touchedEntries: new Int32Array(entries.length),
      touchedPhrasings: new Int32Array(phrasingEntry.length),
    };
  }

  /**
   * Accumulators for one search, reused across searches to spare the allocation. Search is
   * synchronous, so no two searches use them at once; each leaves them zeroed.
   */
  readonly scratch: {
    shared: Float64Array;
    covered: Float64Array;
    similarity: Float64Array;
    bestPhrasing: Int32Array;
    touchedEntries: Int32Array;
    touchedPhrasings: Int32Array;
  };

  /** A published entry by id; drafts are not in the index. */
  /** Whether a term names someone or somewhere particular in the story (not a country). */
  isName(term: string): boolean {
    return this.analyzer.names.has(term) || (this.passages.properNouns.has(term) && !this.analyzer.generalTerms.has(term));
  }

  /**
   * Drops each phrasing's list of terms once the self-test is done with them: searching
   * uses the postings, and at 10,000 entries the lists are a quarter of a million arrays.
   */
  forgetPhrasingTerms(): void {
    for (const entry of this.entries) for (const phrasing of entry.phrasings) phrasing.terms = NO_TERMS;
  }

  /**
   * The terms of what an entry says (its answer and its quotes), worked out on first use
   * and kept: only entries that questions reach pay for it.
   */
  answerTerms(entry: Entry): ReadonlySet<string> {
    let terms = this.answerTermCache.get(entry.id);
    if (!terms) {
      terms = new Set(this.analyzer.analyze([entry.answer, ...entry.citations.map((c) => c.quote)].join(' ')).map((t) => t.term));
      this.answerTermCache.set(entry.id, terms);
    }
    return terms;
  }

  private readonly answerTermCache = new Map<string, ReadonlySet<string>>();

  entry(id: string): Entry | undefined {
    return this.byId.get(id)?.entry;
  }

  /** Builds the index in one go: for tools, tests and the first load. */
  static build(knowledge: Knowledge, config: EngineConfig, isWord?: (word: string) => boolean): SearchIndex {
    const steps = SearchIndex.steps(knowledge, config, isWord);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds the index in slices of at most `sliceMs`, letting the event loop run between
   * them, so that questions asked during a reload of a large base wait a slice at most.
   */
  static async buildSliced(knowledge: Knowledge, config: EngineConfig, isWord?: (word: string) => boolean, sliceMs = 10): Promise<SearchIndex> {
    const steps = SearchIndex.steps(knowledge, config, isWord);
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  /** The build, as a generator that yields every few dozen entries: a place to pause. */
  private static *steps(knowledge: Knowledge, config: EngineConfig, isWord?: (word: string) => boolean): Generator<void, SearchIndex> {
    const analyzer = new Analyzer(knowledge.aliases);
    const fields = config.fieldWeights;
    const wordCounts = new Map<string, number>();
    const termsOf = (text: string): string[] => {
      const words = analyzer.splitWords(text);
      for (const word of words) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
      return analyzer.termsOfWords(words);
    };
    // Cited paragraphs recur across entries: analyse each once.
    const paragraphTerms = new Map<string, string[]>();
    const termsOfParagraph = (source: string, n: number): string[] => {
      const key = `${source}#${n}`;
      let terms = paragraphTerms.get(key);
      if (!terms) paragraphTerms.set(key, (terms = termsOf(knowledge.sources.get(source)?.paragraphs[n - 1] ?? '')));
      return terms;
    };

    const draft: { entry: Entry; phrasings: { text: string; terms: string[] }[]; bag: Map<string, number> }[] = [];
    // Pauses go by phrasings as well as entries: the story's entries have dozens each.
    let sincePause = Infinity;
    for (const entry of publishedEntries(knowledge)) {
      if (draft.length % PAUSE_EVERY === 0 || sincePause >= PAUSE_EVERY_PHRASINGS) {
        sincePause = 0;
        yield;
      }
      sincePause += 1 + entry.alternates.length;
      const bag = new Map<string, number>();
      const add = (terms: string[], weight: number) => {
        for (const term of terms) bag.set(term, Math.max(weight, bag.get(term) ?? 0));
      };
      const phrasings = phrasingsOf(entry).map((text) => ({ text, terms: termsOf(text) }));
      for (const p of phrasings) add(p.terms, fields.phrasing);
      add(entry.tags.flatMap(termsOf), fields.tag);
      add(termsOf(entry.answer), fields.answer);
      for (const c of entry.citations) {
        add(termsOf(c.quote), fields.quote);
        add(termsOfParagraph(c.source, c.paragraph), fields.paragraph);
      }
      draft.push({ entry, phrasings, bag });
    }

    // Words of the whole story and of the alias list count as known, so that a question
    // using them is not "corrected" into something else.
    for (const source of knowledge.sources.values()) source.paragraphs.forEach((text) => termsOf(text));
    for (const group of knowledge.aliases) [group.canonical, ...group.terms].forEach(termsOf);

    const entryLists = new Map<string, { entries: number[]; fieldWeights: number[]; phrasings: number[] }>();
    const listOf = (term: string) => {
      let list = entryLists.get(term);
      if (!list) entryLists.set(term, (list = { entries: [], fieldWeights: [], phrasings: [] }));
      return list;
    };
    let phrasingCount = 0;
    for (const [index, { bag, phrasings }] of draft.entries()) {
      if (index % PAUSE_EVERY === 0) yield;
      for (const [term, weight] of bag) {
        const list = listOf(term);
        list.entries.push(index);
        list.fieldWeights.push(weight);
      }
      for (const p of phrasings) {
        for (const term of p.terms) listOf(term).phrasings.push(phrasingCount);
        phrasingCount++;
      }
    }
    const n = draft.length;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const weightOf = (term: string, df: number) => idf(df) * (isQuestionWordTerm(term) ? config.questionWordWeight : 1);
    const postings = new Map<string, TermPostings>();
    const weights = new Map<string, number>();
    for (const [term, list] of entryLists) {
      if (postings.size % (PAUSE_EVERY * 20) === 0) yield;
      postings.set(term, { entries: Int32Array.from(list.entries), fieldWeights: Float32Array.from(list.fieldWeights), phrasings: Int32Array.from(list.phrasings) });
      weights.set(term, weightOf(term, list.entries.length));
    }
    yield;
    const termWeight = (term: string) => weights.get(term) ?? weightOf(term, 0);

    const passages = PassageIndex.build(knowledge.sources.values(), analyzer, isWord);
    // Names an entry is about: the people and groups of the aliases, and the story's places
    // (Oldham, Rochdale), but not countries, which name nothing in particular.
    const isName = (t: string) => analyzer.names.has(t) || (passages.properNouns.has(t) && !analyzer.generalTerms.has(t));
    yield;
    let first = 0;
    const entries: IndexedEntry[] = [];
    sincePause = Infinity;
    for (const { entry, phrasings } of draft) {
      if (entries.length % PAUSE_EVERY === 0 || sincePause >= PAUSE_EVERY_PHRASINGS) {
        sincePause = 0;
        yield;
      }
      sincePause += phrasings.length;
      const indexed = {
        entry,
        firstPhrasing: first,
        forms: answerForms(entry, phrasings),
        names: new Set([...phrasings.flatMap((p) => p.terms), ...entry.tags.flatMap(termsOf)].filter(isName)),
        phrasings: phrasings.map((p) => ({ ...p, weight: p.terms.reduce((sum, t) => sum + termWeight(t), 0) })),
      };
      first += phrasings.length;
      entries.push(indexed);
    }
    yield;
    const phrasingEntry = new Int32Array(phrasingCount);
    const phrasingWeight = new Float64Array(phrasingCount);
    const phrasingText: string[] = [];
    for (const [index, e] of entries.entries()) {
      if (index % (PAUSE_EVERY * 4) === 0) yield;
      e.phrasings.forEach((p, k) => {
        phrasingEntry[e.firstPhrasing + k] = index;
        phrasingWeight[e.firstPhrasing + k] = p.weight;
        phrasingText.push(p.text);
      });
    }
    yield;
    const quotes = new QuoteIndex(passages.sentences, knowledge.statements, knowledge.aliases, analyzer, isWord);
    const typos = new TypoCorrector(wordCounts, isWord);
    yield;
    return new SearchIndex(analyzer, entries, postings, phrasingEntry, phrasingWeight, phrasingText, passages, quotes, typos, weights, idf(0));
  }

  /**
   * How much a term says: its inverse document frequency over entries, less for question
   * words. Undefined for a term no entry has.
   */
  weight(term: string): number | undefined {
    return this.weights.get(term);
  }
}

function answerForms(entry: Entry, phrasings: readonly { terms: readonly string[] }[]): Set<string> {
  const forms = new Set<string>();
  for (const [form, pattern] of ANSWER_FORMS) {
    if (pattern.test(entry.answer) || phrasings.some((p) => p.terms.includes(form))) forms.add(form);
  }
  // An entry curated for "how old is this story" answers in that form, whatever its answer says.
  for (const text of [entry.question, ...entry.alternates]) formsAskedByPhrase(text).forEach((form) => forms.add(form));
  return forms;
}
