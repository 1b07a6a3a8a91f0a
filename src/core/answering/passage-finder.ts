// Finds the story's sentence closest to a question, and says whether the question is about
// the story at all. Two kinds of evidence meet here: the words the question shares with
// each sentence, and the curated entries the question resembles, each of which points at
// the paragraphs it cites. Curated phrasings carry the many ways people ask ("locked up",
// "the tycoon"), so an entry that is not close enough to answer with can still say where
// in the story the answer lies.
import type { Knowledge } from '../knowledge/types.js';
import type { Calibration, PassageFeatures, TopicFeatures } from '../search/config.js';
import { knownShareOf, type SearchOutcome } from '../search/engine.js';
import { isQuestionWordTerm } from '../search/lexicon.js';
import { probability } from '../search/model.js';
import { paragraphKey, type IndexedSentence, type SentenceMatch } from '../search/passages.js';
import type { SearchIndex } from '../search/search-index.js';
import type { PassageView } from './reply-types.js';

export interface Candidate {
  sentence: IndexedSentence;
  matched: readonly string[];
  features: PassageFeatures;
}

export interface FoundPassage {
  view: PassageView;
  features: PassageFeatures;
  /** How likely the sentence's paragraph is the one that answers (the ranking model). */
  confidence: number;
  topic: TopicFeatures;
  /** How likely the question is about the story at all (the topic model). */
  onTopic: number;
}

/** Every sentence that could answer: those sharing words, and those the entries point to. */
export function candidatesOf(index: SearchIndex, outcome: SearchOutcome): Candidate[] {
  const sentences = outcome.sentences;
  const support = entrySupport(outcome);
  const seen = new Set<IndexedSentence>();
  const candidates: Candidate[] = [];
  const add = (sentence: IndexedSentence, match: SentenceMatch | undefined) => {
    seen.add(sentence);
    const matched = match?.matched ?? [];
    candidates.push({
      sentence,
      matched,
      features: {
        coverage: match?.coverage ?? 0,
        knownCoverage: match?.knownCoverage ?? 0,
        entrySupport: support.get(paragraphKey(sentence.source, sentence.paragraph)) ?? 0,
        // Each shared word says more that the question is about this sentence; four say it all.
        matched: Math.min(matched.length, 4) / 4,
        named: matched.some((t) => index.isName(t)) ? 1 : 0,
        bm25: match?.bm25 ?? 0,
      },
    });
  };
  for (const match of sentences) add(match.sentence, match);
  for (const sentence of index.passages.sentences) {
    if (!seen.has(sentence) && support.has(paragraphKey(sentence.source, sentence.paragraph))) add(sentence, undefined);
  }
  return candidates;
}

/** What says a question is about the story, whichever sentence answers it. */
export function topicFeatures(index: SearchIndex, outcome: SearchOutcome, best: Candidate | undefined): TopicFeatures {
  // Words of the story itself, not of the curated phrasings: those hold everyday words too
  // ("down", "wait"), which say nothing about whether a question is about the story.
  const content = outcome.terms.filter((t) => !isQuestionWordTerm(t.term));
  const known = content.filter((t) => index.passages.weight(t.term) !== undefined).length;
  const unknown = content.length - known;
  const step = (yes: boolean) => (yes ? 1 : 0);
  return {
    entryScore: outcome.matches[0]?.score ?? 0,
    similarity: outcome.matches[0]?.similarity ?? 0,
    knownShare: knownShareOf(outcome.terms),
    coverage: best?.features.coverage ?? 0,
    matched: best?.features.matched ?? 0,
    twoKnown: step(known === 2),
    threeKnown: step(known >= 3),
    oneUnknown: step(unknown >= 1),
    twoUnknown: step(unknown >= 2),
    twoKnownOneUnknown: step(known === 2 && unknown >= 1),
    person: step(content.some((t) => index.quotes.people.has(t.term))),
    storyBm25: outcome.sentences[0]?.storyBm25 ?? 0,
  };
}

/** The best sentence for the question, or undefined when no sentence shares anything with it. */
export function findPassage(knowledge: Knowledge, index: SearchIndex, outcome: SearchOutcome, calibration: Calibration): FoundPassage | undefined {
  return findPassages(knowledge, index, outcome, calibration, 1)[0];
}

/**
 * The closest sentences, best first, at most one from each paragraph (a paragraph's
 * second sentence says less about where the answer lies than another paragraph's best), and
 * at most `limit` of them. Each carries the topic reading of the question, which is the
 * same for all: it is read from the best.
 */
export function findPassages(knowledge: Knowledge, index: SearchIndex, outcome: SearchOutcome, calibration: Calibration, limit = MAX_PASSAGES): FoundPassage[] {
  const ranked = candidatesOf(index, outcome)
    .map((candidate) => ({ candidate, confidence: probability(calibration.passage, candidate.features) }))
    .sort((a, b) => b.confidence - a.confidence || b.candidate.features.bm25 - a.candidate.features.bm25);
  const paragraphs = new Set<string>();
  const chosen = ranked.filter(({ candidate: { sentence } }) => {
    const key = paragraphKey(sentence.source, sentence.paragraph);
    if (paragraphs.has(key) || paragraphs.size >= limit) return false;
    paragraphs.add(key);
    return true;
  });
  if (chosen.length === 0) return [];
  const topic = topicFeatures(index, outcome, chosen[0]!.candidate);
  const onTopic = probability(calibration.topic, topic);
  return chosen.map(({ candidate: { sentence, matched, features }, confidence }) => {
    const highlights = matched.flatMap((term) => sentence.spans.get(term) ?? []).sort((a, b) => a[0] - b[0]);
    return {
      view: { source: sentence.source, paragraph: sentence.paragraph, quote: sentence.text, published: knowledge.sources.get(sentence.source)?.published ?? '', highlights: mergeRanges(highlights) },
      features,
      confidence,
      topic,
      onTopic,
    };
  });
}

/** At most this many passages in one reply: more reads as a search result, not a reply. */
export const MAX_PASSAGES = 3;

/**
 * The passages worth showing: the first always; each further one only while it is not far
 * behind the first (its confidence at least `share` of the first's), so that when one
 * sentence clearly leads, it is shown alone.
 */
export function leadingPassages<P extends { confidence: number }>(found: readonly P[], share: number): P[] {
  const first = found[0];
  if (!first) return [];
  return found.filter((p, i) => i === 0 || p.confidence >= share * first.confidence);
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

function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
