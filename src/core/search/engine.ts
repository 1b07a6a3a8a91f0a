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
  /** Weight of the most important question word the entry does not speak to, over the rarest word's. */
  missing: number;
  /** Probability-like confidence in 0..1 (see config.calibration). */
  confidence: number;
  phrasing: string;
}

export interface SearchOutcome {
  terms: QueryTerm[];
  /** Share of the question's weight in words the knowledge base has never seen. */
  unknownShare: number;
  /** Best first; empty when nothing shares a word with the question. */
  matches: Match[];
  /** The paragraph sharing the most weight with the question, as a hint on a decline. */
  closestParagraph?: { source: string; paragraph: number };
}

export interface MatchFeatures {
  similarity: number;
  coverage: number;
  unknownShare: number;
  formMismatch: boolean;
  missing: number;
}

/** The probability, by the fitted logistic model, that a match answers the question. */
export function confidenceOf(features: MatchFeatures, weights: CalibrationWeights): number {
  const z =
    weights.intercept +
    weights.similarity * features.similarity +
    weights.coverage * features.coverage +
    weights.unknownShare * features.unknownShare +
    weights.formMismatch * (features.formMismatch ? 1 : 0) +
    weights.missing * features.missing;
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
  const unknownShare = total === 0 ? 0 : terms.filter((t) => !t.known).reduce((sum, t) => sum + t.weight, 0) / total;
  // A question of question words only ("what time is it?") asks about nothing in particular.
  if (!terms.some((t) => !isQuestionWordTerm(t.term))) return { terms, unknownShare, matches: [] };

  const askedForms = terms.filter((t) => ANSWER_FORMS.has(t.term)).map((t) => t.term);
  const candidates = new Set<number>();
  for (const t of terms) for (const i of index.postings.get(t.term) ?? []) candidates.add(i);

  const scored: { index: number; score: number; similarity: number; coverage: number; formMismatch: boolean; missing: number; phrasing: string }[] = [];
  for (const i of candidates) {
    const { bag, phrasings, forms } = index.entries[i]!;
    let covered = 0;
    let missing = 0;
    for (const t of terms) {
      const spoken = t.quality * (bag.get(t.term) ?? 0);
      covered += t.weight * spoken;
      missing = Math.max(missing, t.weight * (1 - spoken));
    }
    let best = 0;
    let bestText = phrasings[0]?.text ?? '';
    for (const p of phrasings) {
      let shared = 0;
      for (const t of terms) if (p.terms.has(t.term)) shared += t.weight * t.quality;
      const similarity = (2 * shared) / (total + p.weight);
      if (similarity > best) {
        best = similarity;
        bestText = p.text;
      }
    }
    const coverage = covered / total;
    const fits = askedForms.every((form) => forms.has(form));
    const score = (config.phrasingShare * best + (1 - config.phrasingShare) * coverage) * (fits ? 1 : config.answerFormPenalty);
    scored.push({ index: i, score, similarity: best, coverage, formMismatch: !fits, missing: missing / index.maxIdf, phrasing: bestText });
  }
  // Ties go to the entry listed first, so results never depend on Set iteration quirks.
  scored.sort((a, b) => b.score - a.score || a.index - b.index);

  return {
    terms,
    unknownShare,
    matches: scored.slice(0, limit).map(({ index: i, ...match }) => ({
      entry: index.entries[i]!.entry,
      ...match,
      confidence: confidenceOf({ ...match, unknownShare }, config.calibration),
    })),
    closestParagraph: closestParagraph(index, terms),
  };
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
