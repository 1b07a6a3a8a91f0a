// Ranks entries for a question. Two signals, both weighted by how rare each word is
// across entries (idf), so "Oldham" counts for more than "Musk":
//  - phrasing similarity: how closely the question matches the entry's best phrasing;
//  - coverage: how much of the question the entry speaks to anywhere (answer, quotes,
//    cited paragraphs), so a question in new words can still land.
// A word the knowledge base has never seen weighs as much as the rarest word it has, so
// "What is Streeting's majority?" is mostly about something the story doesn't hold.
import type { Entry } from '../knowledge/types.js';
import type { Term, Token } from './analyzer.js';
import type { CalibrationWeights, EngineConfig } from './config.js';
import { ANSWER_FORMS, isQuestionWordTerm } from './lexicon.js';
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
  /** Probability-like confidence in 0..1 (see config.calibration). */
  confidence: number;
  phrasing: string;
}

export interface SearchOutcome {
  terms: QueryTerm[];
  /** Best first; empty when nothing shares a word with the question. */
  matches: Match[];
  /** The paragraph sharing the most weight with the question, as a hint on a decline. */
  closestParagraph?: { source: string; paragraph: number };
}

export interface MatchFeatures {
  similarity: number;
  coverage: number;
  formMismatch: boolean;
  nameMismatch: number;
}

/** The probability, by the fitted logistic model, that a match answers the question. */
export function confidenceOf(features: MatchFeatures, weights: CalibrationWeights): number {
  const z =
    weights.intercept +
    weights.similarity * features.similarity +
    weights.coverage * features.coverage +
    weights.formMismatch * (features.formMismatch ? 1 : 0) +
    weights.nameMismatch * features.nameMismatch;
  return 1 / (1 + Math.exp(-z));
}

export function queryTerms(index: SearchIndex, question: string, config: EngineConfig): QueryTerm[] {
  const tokens: Token[] = index.analyzer.words(question).map((surface) => correctToken(index, surface, config));
  return index.analyzer.analyzeTokens(tokens).map(({ term, quality }) => {
    const weight = index.weight(term);
    return weight === undefined
      ? { term, quality, known: false, weight: index.maxIdf * config.unknownWordWeight }
      : { term, quality, known: true, weight };
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
  return { surface: correction.word, quality: 1 - config.typoPenalty * correction.distance };
}

export function search(index: SearchIndex, question: string, config: EngineConfig, limit = 10): SearchOutcome {
  const terms = queryTerms(index, question, config);
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  // A question of question words only ("what time is it?") asks about nothing in particular.
  if (!terms.some((t) => !isQuestionWordTerm(t.term))) return { terms, matches: [] };

  const askedForms = terms.filter((t) => ANSWER_FORMS.has(t.term)).map((t) => t.term);
  const { shared, covered, similarity, bestPhrasing, touchedEntries, touchedPhrasings } = index.scratch;
  let entryCount = 0;
  let phrasingCount = 0;
  for (const t of terms) {
    const postings = index.postings.get(t.term);
    if (!postings) continue;
    const strength = t.weight * t.quality;
    for (let k = 0; k < postings.entries.length; k++) {
      const e = postings.entries[k]!;
      if (covered[e] === 0) touchedEntries[entryCount++] = e;
      covered[e]! += strength * postings.fieldWeights[k]!;
    }
    for (const p of postings.phrasings) {
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

  return {
    terms,
    matches: top.map(({ index: i, phrasing, ...match }) => {
      const { entry, names } = index.entries[i]!;
      let missingName = 0;
      for (const t of terms) if (index.analyzer.names.has(t.term) && !names.has(t.term)) missingName = Math.max(missingName, t.weight);
      const features = { ...match, nameMismatch: missingName / index.maxIdf };
      return { entry, ...features, phrasing: index.phrasingText[phrasing]!, confidence: confidenceOf(features, config.calibration) };
    }),
    closestParagraph: closestParagraph(index, terms),
  };
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

function closestParagraph(index: SearchIndex, terms: readonly QueryTerm[]): SearchOutcome['closestParagraph'] {
  let best: { source: string; paragraph: number; weight: number } | undefined;
  for (const p of index.paragraphs) {
    let weight = 0;
    for (const t of terms) if (t.known && p.terms.has(t.term)) weight += t.weight;
    if (weight > 0 && (!best || weight > best.weight)) best = { source: p.source, paragraph: p.paragraph, weight };
  }
  return best && { source: best.source, paragraph: best.paragraph };
}
