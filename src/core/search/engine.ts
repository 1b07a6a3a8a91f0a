// Ranks entries for a question. Two signals, both weighted by how rare each word is
// across entries (idf), so "Oldham" counts for more than "Musk":
//  - phrasing similarity: how closely the question matches the entry's best phrasing;
//  - coverage: how much of the question the entry speaks to anywhere (answer, quotes,
//    cited paragraphs), so a question in new words can still land.
// A word the knowledge base has never seen weighs as much as the rarest word it has, so
// "What is Streeting's majority?" is mostly about something the story doesn't hold.
import type { Entry } from '../knowledge/types.js';
import type { Term, Token } from './analyzer.js';
import type { AnswerFeatures, EngineConfig } from './config.js';
import { probability } from './model.js';
import { paragraphKey, type SentenceMatch } from './passages.js';
import { ANSWER_FORMS, formsAskedByPhrase, isQuestionWordTerm } from './lexicon.js';
import type { SearchIndex } from './search-index.js';

export interface QueryTerm extends Term {
  weight: number;
  known: boolean;
}

export interface Match {
  entry: Entry;
  /** The raw score in 0..1, before calibration. */
  score: number;
  /** Similarity to the entry's closest phrasing, 0..1. */
  similarity: number;
  /** Share of the question's weight the entry speaks to anywhere, 0..1. */
  coverage: number;
  /** Whether the question asks for a time or a number the entry does not give. */
  formMismatch: boolean;
  /**
   * How strongly the question names someone the entry is not about (at most mentions in
   * passing): the weight of the rarest such name over the rarest word's, 0 when none.
   */
  nameMismatch: number;
  /** What the answer model weighs (see config.ANSWER_FEATURES). */
  features: AnswerFeatures;
  /** Probability-like confidence in 0..1, from the calibrated answer model. */
  confidence: number;
  phrasing: string;
}

export interface SearchOutcome {
  terms: QueryTerm[];
  /** Best first; empty when nothing shares a word with the question. */
  matches: Match[];
  /** The story's sentences sharing a word with the question, best first. */
  sentences: SentenceMatch[];
}

export function queryTerms(index: SearchIndex, question: string, config: EngineConfig): QueryTerm[] {
  const tokens: Token[] = index.analyzer.words(question).map((surface) => correctToken(index, surface, config));
  return index.analyzer.analyzeTokens(tokens).map(({ term, quality, surface }) => {
    const weight = index.weight(term);
    if (weight !== undefined) return { term, quality, known: true, weight };
    // A word the knowledge base lacks may still be everyday English ("roughly", "genuinely"),
    // which says less about what is asked than a name or a term it has never seen.
    const everyday = surface !== undefined && index.typos.isEnglish(surface);
    return { term, quality, known: false, weight: index.maxIdf * (everyday ? config.everydayWordWeight : config.unknownWordWeight) };
  });
}

/** The words of a question the typo corrector replaced, each with the word searched for instead. */
export function typoCorrections(index: SearchIndex, question: string, config: EngineConfig): { typed: string; corrected: string }[] {
  return index.analyzer.words(question).flatMap((typed) => {
    const { surface } = correctToken(index, typed, config);
    return surface === typed ? [] : [{ typed, corrected: surface }];
  });
}

function correctToken(index: SearchIndex, surface: string, config: EngineConfig): Token {
  const { analyzer, typos } = index;
  if (typos.knows(surface) || analyzer.knowsWord(surface)) return { surface, quality: 1 };
  const term = analyzer.termOf(surface);
  if (term === null || index.weight(term) !== undefined) return { surface, quality: 1 };
  const correction = typos.correct(surface);
  if (!correction) return { surface, quality: 1 };
  // A word cut down to a little word is more likely a name nobody curated ("Peru" is not
  // "per") than a typo of it.
  if (correction.word.length < 4 && correction.word.length < surface.length) return { surface, quality: 1 };
  return { surface: correction.word, quality: 1 - config.typoPenalty * correction.distance };
}

/**
 * One curated phrasing left out, as calibration asks it: the entry answers as if that
 * phrasing had never been written (its terms keep only the weight the rest of the entry
 * gives them), without rebuilding the index for every phrasing.
 */
export interface HeldOut {
  entry: number;
  phrasing: number;
  /** The entry's field weight for each term of the held-out phrasing, without it (0: absent). */
  fieldWeights: ReadonlyMap<string, number>;
}

export function search(index: SearchIndex, question: string, config: EngineConfig, limit = 10, heldOut?: HeldOut): SearchOutcome {
  const terms = queryTerms(index, question, config);
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  // A question of question words only ("what time is it?") asks about nothing in particular.
  if (!terms.some((t) => !isQuestionWordTerm(t.term))) return { terms, matches: [], sentences: [] };

  const askedForms = [...terms.filter((t) => ANSWER_FORMS.has(t.term)).map((t) => t.term), ...formsAskedByPhrase(question)];
  const { shared, covered, similarity, bestPhrasing, touchedEntries, touchedPhrasings } = index.scratch;
  let entryCount = 0;
  let phrasingCount = 0;
  for (const t of terms) {
    const postings = index.postings.get(t.term);
    if (!postings) continue;
    const strength = t.weight * t.quality;
    for (let k = 0; k < postings.entries.length; k++) {
      const e = postings.entries[k]!;
      const field = heldOut?.entry === e ? (heldOut.fieldWeights.get(t.term) ?? postings.fieldWeights[k]!) : postings.fieldWeights[k]!;
      if (field === 0) continue;
      if (covered[e] === 0) touchedEntries[entryCount++] = e;
      covered[e]! += strength * field;
    }
    for (const p of postings.phrasings) {
      if (p === heldOut?.phrasing) continue;
      if (shared[p] === 0) touchedPhrasings[phrasingCount++] = p;
      shared[p]! += strength;
    }
  }
  for (let k = 0; k < phrasingCount; k++) {
    const p = touchedPhrasings[k]!;
    const e = index.phrasingEntry[p]!;
    const value = (2 * shared[p]!) / (total + index.phrasingWeight[p]!);
    if (value > similarity[e]!) {
      similarity[e] = value;
      bestPhrasing[e] = p;
    }
    shared[p] = 0;
  }

  const top: Scored[] = [];
  for (let k = 0; k < entryCount; k++) {
    const e = touchedEntries[k]!;
    const coverage = covered[e]! / total;
    const best = similarity[e]!;
    const fits = askedForms.length === 0 || askedForms.every((form) => index.entries[e]!.forms.has(form));
    const score = (config.phrasingShare * best + (1 - config.phrasingShare) * coverage) * (fits ? 1 : config.answerFormPenalty);
    covered[e] = 0;
    similarity[e] = 0;
    if (top.length === limit && score < top[limit - 1]!.score) continue;
    const phrasing = best > 0 ? bestPhrasing[e]! : index.entries[e]!.firstPhrasing;
    keepTop(top, { index: e, score, similarity: best, coverage, formMismatch: !fits, phrasing }, limit);
  }

  const knownShare = knownShareOf(terms);
  const sentences = index.passages.match(terms);
  const raw = top.map(({ index: i, phrasing, ...match }) => {
    const { entry, names } = index.entries[i]!;
    let missingName = 0;
    for (const t of terms) if (index.isName(t.term) && !names.has(t.term)) missingName = Math.max(missingName, t.weight);
    return { entry, ...match, nameMismatch: missingName / index.maxIdf, phrasing: index.phrasingText[phrasing]! };
  });
  return {
    terms,
    sentences,
    matches: raw.map((match) => {
      const features: AnswerFeatures = {
        similarity: match.similarity,
        coverage: match.coverage,
        answerCoverage: answerCoverageOf(index, match.entry, terms),
        knownShare,
        margin: marginOf(match, raw),
        agreement: agreementOf(match.entry, sentences),
        formMismatch: match.formMismatch ? 1 : 0,
        nameMismatch: match.nameMismatch,
      };
      return { ...match, features, confidence: probability(config.calibration.answer, features) };
    }),
  };
}

/**
 * How much of the question the entry's own answer and quotes speak to. A question that
 * matches an entry's phrasings but asks for a detail its answer lacks ("how many seats did
 * Labour win?") is one the entry cannot answer.
 */
function answerCoverageOf(index: SearchIndex, entry: Entry, terms: readonly QueryTerm[]): number {
  const said = index.answerTerms(entry);
  let total = 0;
  let held = 0;
  for (const t of terms) {
    if (isQuestionWordTerm(t.term)) continue;
    total += t.weight;
    if (said.has(t.term)) held += t.weight;
  }
  return total === 0 ? 0 : held / total;
}

/** How far the match scores above the best match that points at other paragraphs. */
function marginOf(match: { entry: Entry; score: number }, all: readonly { entry: Entry; score: number }[]): number {
  const own = new Set(match.entry.citations.map((c) => paragraphKey(c.source, c.paragraph)));
  const rival = all.find((m) => m !== match && !own.has(paragraphKey(m.entry.citations[0]!.source, m.entry.citations[0]!.paragraph)));
  return match.score - (rival?.score ?? 0);
}

/** How much of the question the story's own sentences in the entry's cited paragraphs hold. */
function agreementOf(entry: Entry, sentences: readonly SentenceMatch[]): number {
  let best = 0;
  for (const s of sentences) {
    if (entry.citations.some((c) => c.source === s.sentence.source && c.paragraph === s.sentence.paragraph)) best = Math.max(best, s.coverage);
  }
  return best;
}

/** Share of the question's weight in words the knowledge base knows. */
export function knownShareOf(terms: readonly QueryTerm[]): number {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  const known = terms.reduce((sum, t) => sum + (t.known ? t.weight : 0), 0);
  return total === 0 ? 0 : known / total;
}

interface Scored {
  index: number;
  score: number;
  similarity: number;
  coverage: number;
  formMismatch: boolean;
  phrasing: number;
}

/** Keeps the best `limit` results in order; ties go to the entry listed first. */
function better(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.index < b.index);
}

function keepTop(top: Scored[], item: Scored, limit: number): void {
  if (top.length === limit && !better(item, top[limit - 1]!)) return;
  let at = top.length;
  while (at > 0 && better(item, top[at - 1]!)) at--;
  top.splice(at, 0, item);
  if (top.length > limit) top.pop();
}
