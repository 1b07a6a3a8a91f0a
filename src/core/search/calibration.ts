// Fits the engine's two confidence models and their thresholds from data:
//  - every curated phrasing held out in turn (does the engine find an entry for words it
//    was not given?), by masking that phrasing in the one index rather than rebuilding it;
//  - questions the story cannot answer (knowledge/calibration/unanswerable.txt);
//  - labelled questions people really asked (knowledge/calibration/*.jsonl), with the
//    paragraphs that answer them or "none".
// The models are fitted on all of it; the thresholds are chosen on the labelled questions,
// the ones closest to what people ask, so that wrong answers stay rare.
import { answerQuestion, type AnswerContext } from '../answering/answer.js';
import { blockAnswer, tooThinForPassage } from '../answering/guards.js';
import { candidatesOf, findPassages, leadingPassages, topicFeatures } from '../answering/passage-finder.js';
import { checkQuote } from '../answering/quote-check.js';
import { phrasingsOf, type Entry } from '../knowledge/types.js';
import { ANSWER_FEATURES, PASSAGE_FEATURES, TOPIC_FEATURES, type AnswerFeatures, type Calibration, type PassageFeatures, type TopicFeatures } from './config.js';
import { search, type HeldOut } from './engine.js';
import { fitLogistic, probability, type Example, type FitOptions } from './model.js';

export interface LabelledQuestion {
  q: string;
  expect: number[] | 'none';
  kind?: string;
}

export interface Sample {
  question: string;
  origin: 'held-out phrasing' | 'unanswerable' | 'labelled';
  /** For labelled questions: off-topic, near-miss or answerable. */
  kind: string;
  /** For labelled questions: the paragraphs that answer it. */
  expect?: number[] | 'none';
  answer?: { features: AnswerFeatures; right: boolean };
  /** Every sentence that could answer, and whether its paragraph does. */
  candidates: { features: PassageFeatures; right: boolean }[];
  /** What the topic model sees, given the best sentence by the passage model in use. */
  topic?: TopicFeatures;
  /**
   * The best sentence by that model, and whether its paragraph answers; `shownRight`: whether
   * any of the passages a reply would show (see leadingPassages) is from a paragraph that answers.
   */
  passage?: { features: PassageFeatures; right: boolean; shownRight: boolean };
}

const paragraphOf = (c: { source: string; paragraph: number }) => `${c.source}#${c.paragraph}`;

/** A sample per question: the features of the best entry and best passage, and whether each is right. */
function sampleOf(ctx: AnswerContext, question: string, right: (source: string, paragraph: number) => boolean, origin: Sample['origin'], kind: string, heldOut?: HeldOut): Sample {
  const sample: Sample = { question, origin, kind, candidates: [] };
  if (checkQuote(ctx.index, question)) return sample;
  const outcome = search(ctx.index, question, ctx.config, 10, heldOut);
  const best = outcome.matches[0];
  const blocked = blockAnswer(ctx.index, question, outcome);
  if (best && !blocked) {
    const first = best.entry.citations[0]!;
    sample.answer = { features: best.features, right: right(first.source, first.paragraph) };
  }
  if ((blocked && !blocked.passageAllowed) || tooThinForPassage(ctx.index, outcome)) return sample;
  const candidates = candidatesOf(ctx.index, outcome);
  sample.candidates = candidates.map((c) => ({ features: c.features, right: right(c.sentence.source, c.sentence.paragraph) }));
  const found = findPassages(ctx.knowledge, ctx.index, outcome, ctx.config.calibration);
  const passage = found[0];
  if (passage) {
    sample.topic = passage.topic;
    const shownRight = leadingPassages(found, ctx.config.passageLeadShare).some((p) => right(p.view.source, p.view.paragraph));
    sample.passage = { features: passage.features, right: right(passage.view.source, passage.view.paragraph), shownRight };
  } else sample.topic = topicFeatures(ctx.index, outcome, undefined);
  return sample;
}

/** The held-out phrasings: at most `limit` of them, spread evenly, so large bases stay quick. */
export function heldOutSamples(ctx: AnswerContext, limit = 4_000, onProgress?: (done: number) => void): Sample[] {
  const { index } = ctx;
  const all: { entry: number; k: number }[] = [];
  index.entries.forEach((e, i) => {
    if (e.phrasings.length >= 2) e.phrasings.forEach((_, k) => all.push({ entry: i, k }));
  });
  const step = Math.max(1, all.length / limit);
  const samples: Sample[] = [];
  for (let n = 0; n < all.length && samples.length < limit; n += step) {
    const { entry: i, k } = all[Math.floor(n)]!;
    const indexed = index.entries[i]!;
    const cited = new Set(indexed.entry.citations.map(paragraphOf));
    const heldOut: HeldOut = { entry: i, phrasing: indexed.firstPhrasing + k, fieldWeights: weightsWithout(ctx, indexed.entry, k) };
    const question = phrasingsOf(indexed.entry)[k]!;
    samples.push(sampleOf(ctx, question, (source, paragraph) => cited.has(`${source}#${paragraph}`), 'held-out phrasing', 'answerable', heldOut));
    if (onProgress && samples.length % 200 === 0) onProgress(samples.length / Math.min(limit, all.length));
  }
  onProgress?.(1);
  return samples;
}

/** What each term of phrasing k weighs in the entry once that phrasing is gone. */
function weightsWithout(ctx: AnswerContext, entry: Entry, k: number): Map<string, number> {
  const { analyzer } = ctx.index;
  const fields = ctx.config.fieldWeights;
  const phrasings = phrasingsOf(entry).map((p) => new Set(analyzer.analyze(p).map((t) => t.term)));
  const others = phrasings.filter((_, i) => i !== k);
  const termsOf = (text: string) => new Set(analyzer.analyze(text).map((t) => t.term));
  const tags = termsOf(entry.tags.join(' '));
  const answer = termsOf(entry.answer);
  const quotes = termsOf(entry.citations.map((c) => c.quote).join(' '));
  const paragraphs = termsOf(entry.citations.map((c) => ctx.knowledge.sources.get(c.source)?.paragraphs[c.paragraph - 1] ?? '').join(' '));
  const weights = new Map<string, number>();
  for (const term of phrasings[k]!) {
    if (others.some((p) => p.has(term))) continue;
    weights.set(term, Math.max(tags.has(term) ? fields.tag : 0, answer.has(term) ? fields.answer : 0, quotes.has(term) ? fields.quote : 0, paragraphs.has(term) ? fields.paragraph : 0));
  }
  return weights;
}

export function questionSamples(ctx: AnswerContext, questions: readonly LabelledQuestion[], origin: Sample['origin']): Sample[] {
  return questions.map((q) => {
    const expect = q.expect;
    const kind = expect === 'none' ? (q.kind ?? 'unanswerable') : 'answerable';
    return { ...sampleOf(ctx, q.q, (_, paragraph) => expect !== 'none' && expect.includes(paragraph), origin, kind), expect };
  });
}

export interface Fitted {
  calibration: Calibration;
  /** How the chosen thresholds do on the labelled questions. */
  report: ThresholdReport;
}

export interface ThresholdReport {
  labelled: number;
  answerable: number;
  answeredRight: number;
  /** Curated answers from a wrong paragraph, or to a question the story cannot answer. */
  answeredWrong: number;
  /** Answerable questions answered, or given a passage, from a right paragraph. */
  passageRight: number;
  offTopicWithPassage: number;
}

/** A wrong answer costs this many right ones: declining is better than misleading. */
export const WRONG_ANSWER_COST = 6;

/** A passage shown for an off-topic question costs this many found for questions about the story. */
export const OFF_TOPIC_PASSAGE_COST = 10;

export function fitCalibration(ctx: AnswerContext, samples: readonly Sample[], options: FitOptions = {}): Fitted {
  const answer = fitLogistic(ANSWER_FEATURES, samples.flatMap((s) => (s.answer ? [{ features: s.answer.features, right: s.answer.right && s.kind === 'answerable' }] : [])), options);
  // The ranking model learns from every candidate sentence of the answerable questions.
  const passage = fitLogistic(PASSAGE_FEATURES, samples.flatMap((s) => (s.kind === 'answerable' ? s.candidates : [])), options);
  // On-topic means about the story: answerable or not, anything but off-topic.
  const topic = fitLogistic(TOPIC_FEATURES, samples.flatMap((s) => (s.topic ? [{ features: s.topic, right: s.kind !== 'off-topic' }] : [])), options);

  const labelled = samples.filter((s) => s.origin === 'labelled');
  const tuning = labelled.length > 0 ? labelled : samples;
  const answerThreshold = bestThreshold(tuning.flatMap((s) => (s.answer ? [{ p: probability(answer, s.answer.features), right: s.answer.right && s.kind === 'answerable' }] : [])));
  // Off-topic questions get nothing of the story. Some share every word with it ("What
  // caused the English Civil War?") and no bag of words can tell them apart, so rather than
  // sit above the last of them, the threshold trades a passage shown for a question about
  // something else against OFF_TOPIC_PASSAGE_COST passages found for questions about the story.
  const topicScored = samples.flatMap((s) => (s.topic && (s.kind === 'off-topic' || s.kind === 'answerable') ? [{ p: probability(topic, s.topic), right: s.kind === 'answerable' }] : []));
  const topicThreshold = bestThreshold(topicScored, OFF_TOPIC_PASSAGE_COST, 0.2);
  // Among answerable questions left without an answer, passages that show the right
  // paragraph are worth what passages that miss it cost; below the threshold the first is
  // shown as the nearest passage of a decline instead.
  const unanswered = tuning.filter((s) => s.passage && s.kind === 'answerable' && !(s.answer && probability(answer, s.answer.features) >= answerThreshold));
  const rescored = unanswered.map((s) => ({ p: Math.max(...s.candidates.map((c) => probability(passage, c.features))), right: s.passage!.shownRight }));
  const passageThreshold = bestThreshold(rescored, 1, 0);
  const calibration: Calibration = { answer, answerThreshold, passage, passageThreshold, topic, topicThreshold };
  return { calibration, report: reportOn({ ...ctx, config: { ...ctx.config, calibration } }, labelled) };
}

/** The threshold that maximises right minus `cost` times wrong, from `from` to 0.95. */
function bestThreshold(scored: readonly { p: number; right: boolean }[], cost = WRONG_ANSWER_COST, from = 0.3): number {
  let best = { threshold: 0.5, value: -Infinity };
  for (let t = from; t <= 0.951; t += 0.01) {
    let value = 0;
    for (const s of scored) if (s.p >= t) value += s.right ? 1 : -cost;
    if (value > best.value) best = { threshold: round(t), value };
  }
  return best.threshold;
}

function reportOn(ctx: AnswerContext, labelled: readonly Sample[]): ThresholdReport {
  const report: ThresholdReport = { labelled: labelled.length, answerable: 0, answeredRight: 0, answeredWrong: 0, passageRight: 0, offTopicWithPassage: 0 };
  for (const s of labelled) {
    const reply = answerQuestion(ctx, s.question);
    const paragraph = reply.kind === 'answer' ? reply.citations[0]?.paragraph : reply.kind === 'passage' ? reply.passage.paragraph : undefined;
    const right = paragraph !== undefined && Array.isArray(s.expect) && s.expect.includes(paragraph);
    if (s.kind === 'answerable') {
      report.answerable++;
      if (reply.kind === 'answer') report[right ? 'answeredRight' : 'answeredWrong']++;
      if (right) report.passageRight++;
    } else if (reply.kind === 'answer') report.answeredWrong++;
    if (s.kind === 'off-topic' && (reply.kind === 'passage' || (reply.kind === 'decline' && reply.nearest))) report.offTopicWithPassage++;
  }
  return report;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
