// "Why this answer?": what the engine saw when it answered, in terms a curator can act on.
// The search is run again on the words that were searched (a follow-up's reading included),
// which gives the same matches as when the question was answered while the knowledge base
// is the same: the curated wording that matched, which of the question's words it shares
// and which were corrected, the confidence and what held it down (each feature's distance
// from its best, from the answer model's own weights), and the entries that came next.
import { contributions } from '../search/model.js';
import type { AnswerFeature } from '../search/config.js';
import { typoCorrections, type Match } from '../search/engine.js';
import { isQuestionWordTerm } from '../search/lexicon.js';
import { bestOutcome, type AnswerContext } from './answer.js';
import { searchableInEnglish } from './languages.js';
import type { AnswerResult, DeclineReason, EntryRef } from './reply-types.js';

export interface Explanation {
  question: string;
  /** How a follow-up, or a question in another language, was read. */
  readAs?: string;
  /** How the reply came about: a curated entry matched, a quote check, a pick from a list, or none of these. */
  via: 'entry' | 'quote-check' | 'picked' | 'passage' | 'none';
  /** The entry answered with, or for any other reply the closest one. */
  entry?: EntryRef;
  /** That entry's curated wording closest to the question. */
  phrasing?: string;
  /** The question's words found in that wording. */
  matched: string[];
  /** Found elsewhere in the entry: its answer, quotes, tags or cited paragraphs. */
  elsewhere: string[];
  /** Nowhere in the entry. */
  unmatched: string[];
  corrected: { typed: string; corrected: string }[];
  confidence: number;
  /** The confidence at which an entry is given as the answer. */
  threshold: number;
  /** What held the confidence down, most first: each feature's cost in log-odds against its best value. */
  lowered: { feature: AnswerFeature; value: number; cost: number }[];
  /** A guard that stopped the closest entry although it matched, and whom or what it was about. */
  blocked?: { reason: DeclineReason; subject?: string };
  runnersUp: { entry: EntryRef; confidence: number }[];
  /** Shown to someone other than the asker: the question's own words are left out. */
  wordsHidden?: true;
}

/**
 * The explanation without a word the asker typed (their question, how it was read, its
 * words and typos), for anyone else who presses "Why this answer?" under a shared or
 * public answer: what is left is the bot's own account, in curated wording.
 */
export function withoutTheirWords(why: Explanation): Explanation {
  const { readAs: _readAs, ...rest } = why;
  return { ...rest, question: '', matched: [], elsewhere: [], unmatched: [], corrected: [], wordsHidden: true };
}

/** Costs below this barely move a confidence and are left out. */
const NOTABLE_COST = 0.1;

/**
 * What each feature measures for a clear, right match: a feature at or past it costs
 * nothing. Most are shares, whose best is all (1) or none (0); the margin is a difference
 * of scores, and a lead of a quarter is already unmistakable.
 */
const CLEAR: Readonly<Record<AnswerFeature, number>> = Object.freeze({
  similarity: 1,
  coverage: 1,
  answerCoverage: 1,
  knownShare: 1,
  margin: 0.25,
  agreement: 1,
  formMismatch: 0,
  nameMismatch: 0,
});
const SHOWN = 3;

export function explain(ctx: AnswerContext, result: AnswerResult): Explanation {
  const searched = result.followUp?.readAs ?? (result.language ? searchableInEnglish(result.question, result.language) : result.question);
  const base = {
    question: result.question,
    ...(searched !== result.question ? { readAs: searched } : {}),
    matched: [],
    elsewhere: [],
    unmatched: [],
    corrected: typoCorrections(ctx.index, searched, ctx.config),
    confidence: result.confidence,
    threshold: ctx.config.calibration.answerThreshold,
    lowered: [],
    runnersUp: [],
  };
  if (result.kind !== 'decline' && result.check) return { ...base, via: 'quote-check', ...(result.kind === 'answer' ? { entry: result.entry } : {}) };
  if (result.kind === 'answer' && result.strength === 'picked') return { ...base, via: 'picked', entry: result.entry };
  const outcome = bestOutcome(ctx, searched);
  const chosen = (result.kind === 'answer' && outcome.matches.find((m) => m.entry.id === result.entry.id)) || outcome.matches[0];
  const via = result.kind === 'answer' ? 'entry' : result.kind === 'passage' ? 'passage' : 'none';
  if (!chosen) return { ...base, via };
  return {
    ...base,
    via,
    entry: { id: chosen.entry.id, question: chosen.entry.question },
    phrasing: chosen.phrasing,
    ...wordsOf(ctx, searched, chosen),
    confidence: result.kind === 'answer' ? result.confidence : chosen.confidence,
    lowered: lowered(ctx, chosen),
    ...(result.kind === 'decline' && chosen.confidence >= ctx.config.calibration.answerThreshold ? { blocked: { reason: result.reason, ...(result.subject ? { subject: result.subject } : {}) } } : {}),
    runnersUp: outcome.matches
      .filter((m) => m !== chosen)
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, SHOWN)
      .map((m) => ({ entry: { id: m.entry.id, question: m.entry.question }, confidence: m.confidence })),
  };
}

/** Each content word of the question, by where the entry has it: its wording, elsewhere, or nowhere. */
function wordsOf(ctx: AnswerContext, searched: string, match: Match): Pick<Explanation, 'matched' | 'elsewhere' | 'unmatched'> {
  const { analyzer } = ctx.index;
  const corrections = new Map(typoCorrections(ctx.index, searched, ctx.config).map((c) => [c.typed, c.corrected]));
  const typed = analyzer.words(searched);
  const words = typed.map((w) => corrections.get(w) ?? w);
  const wording = new Set(analyzer.analyze(match.phrasing).map((t) => t.term));
  const position = ctx.index.entries.findIndex((e) => e.entry.id === match.entry.id);
  const inEntry = (term: string) => ctx.index.postings.get(term)?.entries.includes(position) ?? false;
  const sorted: Pick<Explanation, 'matched' | 'elsewhere' | 'unmatched'> = { matched: [], elsewhere: [], unmatched: [] };
  for (const span of analyzer.spans(words)) {
    if (isQuestionWordTerm(span.term)) continue;
    const shown = typed.slice(span.from, span.to).join(' ');
    const list = wording.has(span.term) ? sorted.matched : inEntry(span.term) ? sorted.elsewhere : sorted.unmatched;
    if (!list.includes(shown)) list.push(shown);
  }
  return sorted;
}

function lowered(ctx: AnswerContext, match: Match): Explanation['lowered'] {
  const model = ctx.config.calibration.answer;
  return contributions(model, match.features)
    .map(({ feature, value, effect }) => ({ feature, value, cost: Math.max(0, model.weights[feature] * CLEAR[feature] - effect) }))
    .filter((c) => c.cost >= NOTABLE_COST)
    .sort((a, b) => b.cost - a.cost)
    .slice(0, SHOWN);
}
