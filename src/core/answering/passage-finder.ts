// Finds the story's sentence closest to a question. Two kinds of evidence meet here: the
// words the question shares with each sentence, and the curated entries the question
// resembles, each of which points at the paragraphs it cites. Curated phrasings carry the
// many ways people ask ("locked up", "the tycoon"), so an entry that is not close enough to
// answer with can still say where in the story the answer lies.
import type { Knowledge } from '../knowledge/types.js';
import type { PassageFeatures, PassageWeights } from '../search/config.js';
import { knownShareOf, type SearchOutcome } from '../search/engine.js';
import { probability } from '../search/model.js';
import { paragraphKey, type PassageIndex, type SentenceMatch } from '../search/passages.js';
import type { PassageView } from './reply-types.js';

export interface FoundPassage {
  view: PassageView;
  features: PassageFeatures;
  confidence: number;
}

/** The best sentence for the question with its confidence, or undefined when none shares a word. */
export function findPassage(knowledge: Knowledge, passages: PassageIndex, outcome: SearchOutcome, weights: PassageWeights): FoundPassage | undefined {
  const sentences = passages.match(outcome.terms);
  const support = entrySupport(outcome);
  const knownShare = knownShareOf(outcome.terms);
  let best: { match: SentenceMatch | undefined; paragraph: string; features: PassageFeatures; confidence: number } | undefined;
  const consider = (match: SentenceMatch | undefined, paragraph: string) => {
    const features: PassageFeatures = {
      coverage: match?.coverage ?? 0,
      paragraphCoverage: match?.paragraphCoverage ?? 0,
      entrySupport: support.get(paragraph) ?? 0,
      knownShare,
    };
    const confidence = passageConfidence(features, weights);
    if (!best || confidence > best.confidence) best = { match, paragraph, features, confidence };
  };
  for (const match of sentences) consider(match, paragraphKey(match.sentence.source, match.sentence.paragraph));
  // A paragraph the entries point to but whose words the question does not share.
  for (const paragraph of support.keys()) if (!sentences.some((m) => paragraphKey(m.sentence.source, m.sentence.paragraph) === paragraph)) consider(undefined, paragraph);
  if (!best) return undefined;
  const match = best.match ?? firstSentenceOf(passages, best.paragraph);
  if (!match) return undefined;
  const { sentence } = match;
  const published = knowledge.sources.get(sentence.source)?.published ?? '';
  const highlights = match.matched.flatMap((term) => sentence.spans.get(term) ?? []).sort((a, b) => a[0] - b[0]);
  return {
    view: { source: sentence.source, paragraph: sentence.paragraph, quote: sentence.text, published, highlights: mergeRanges(highlights) },
    features: best.features,
    confidence: best.confidence,
  };
}

export function passageConfidence(features: PassageFeatures, weights: PassageWeights): number {
  return probability(weights, features);
}

/**
 * For each paragraph, how strongly the entries the question resembles point at it: the best
 * raw score among the entries that cite it, the first citation counting in full and the
 * others at half.
 */
function entrySupport(outcome: SearchOutcome): Map<string, number> {
  const support = new Map<string, number>();
  for (const match of outcome.matches) {
    match.entry.citations.forEach((c, i) => {
      const key = paragraphKey(c.source, c.paragraph);
      const value = match.score * (i === 0 ? 1 : 0.5);
      if (value > (support.get(key) ?? 0)) support.set(key, value);
    });
  }
  return support;
}

function firstSentenceOf(passages: PassageIndex, paragraph: string): SentenceMatch | undefined {
  const sentence = passages.sentences.find((s) => paragraphKey(s.source, s.paragraph) === paragraph);
  return sentence && { sentence, coverage: 0, paragraphCoverage: 0, matched: [] };
}

function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
