// Question in, platform-neutral reply out: what the adapters render. The order of the
// steps is the order of trust: a quote check answers from the story's words themselves; a
// curated entry answers when the calibrated model says it is more likely right than not
// and no guard objects; otherwise the story's closest sentence is offered as a passage
// when it clearly matches; otherwise the reply declines, pointing at the nearest passage
// unless the question has nothing to do with the story.
import type { Entry, Knowledge } from '../knowledge/types.js';
import type { EngineConfig } from '../search/config.js';
import { search, type Match, type SearchOutcome } from '../search/engine.js';
import type { SearchIndex } from '../search/search-index.js';
import type { PhraseHit } from '../search/phrase-finder.js';
import { cleanInput } from '../text/normalize.js';
import { askingSentences } from './asking-sentences.js';
import { askedNotSupplied, asSearched, blockAnswer, tooThinForPassage } from './guards.js';
import { fitOf } from './premise.js';
import { findPassage, findPassages, leadingPassages, type FoundPassage } from './passage-finder.js';
import { entriesQuoting, entryForForm } from './passage-picks.js';
import { checkQuote, type Checked } from './quote-check.js';
import type { Answered, AnswerResult, DeclineReason, Declined, EntryRef, MatchStrength, PassageReply, PassageView } from './reply-types.js';

export type * from './reply-types.js';

export const MAX_QUESTION_LENGTH = 300;

/** The id of a quote check of words the reviewed list does not hold, by the paragraph they stand in. */
export const quoteCheckId = (paragraph: number) => `quote-check-p${paragraph}`;
export const QUOTE_CHECK_ID = /^quote-check-p(\d+)$/;

/** How a question is taken: its length limit, which a follow-up's spelt-out reading may pass. */
export interface AskOptions {
  maxLength?: number;
}

export interface AnswerContext {
  knowledge: Knowledge;
  index: SearchIndex;
  config: EngineConfig;
}

export function answerQuestion(ctx: AnswerContext, rawQuestion: string, options: AskOptions = {}): AnswerResult {
  const question = cleanInput(String(rawQuestion ?? ''));
  const maxLength = options.maxLength ?? MAX_QUESTION_LENGTH;
  const asOf = latestPublished(ctx.knowledge);
  const decline = (reason: DeclineReason, extra: Partial<Declined> = {}): Declined => ({
    kind: 'decline', answered: false, question, reason, confidence: 0, suggestions: [], asOf, ...extra,
  });
  if (question.length > maxLength) return decline('too-long', { question: cutWhole(question, maxLength) });
  if (!/[\p{L}\p{N}]/u.test(question)) return decline('empty');

  const outcome = bestOutcome(ctx, question);
  const suggestions = suggestionsOf(ctx, outcome);
  const checked = checkQuote(ctx.index, question);
  if (checked) return fromCheck(ctx, question, checked, asOf, () => nearestOf(ctx, outcome), suggestions);
  if (outcome.terms.length === 0) return decline('empty');

  const missing = askedNotSupplied(question, ctx.knowledge.sources.values());
  if (missing) return decline('not-supplied', { subject: missing, suggestions });

  const best = outcome.matches[0];
  const read = asSearched(ctx.index, question, ctx.config);
  const guarded = blockAnswer(ctx.index, read, outcome);
  const fit = guarded ? undefined : fitOf(ctx.index, ctx.config, question, read, outcome);
  if (fit?.instead) return answered(ctx, question, fit.instead);
  const blocked = guarded ?? fit?.unfit;
  if (best && !blocked && best.confidence >= ctx.config.calibration.answerThreshold) return answered(ctx, question, best);

  const { calibration } = ctx.config;
  const found = findPassages(ctx.knowledge, ctx.index, outcome, calibration);
  const passage = found[0];
  const confidence = best?.confidence ?? 0;
  // A question about something else gets nothing of the story; one about it, its nearest words.
  const passageAllowed = blocked?.passageAllowed !== false && !tooThinForPassage(ctx.index, outcome, question);
  const onTopic = passage && passage.onTopic >= topicBar(ctx.config, question, passage) && passageAllowed ? passage : undefined;
  if (onTopic && onTopic.confidence >= calibration.passageThreshold && !blocked?.namesMissing) {
    const shown = leadingPassages(found, ctx.config.passageLeadShare);
    return fromPassages(ctx, question, outcome, shown, suggestions, asOf, !blocked);
  }
  return decline(blocked?.reason ?? 'not-in-story', { confidence, suggestions, ...(blocked?.subject ? { subject: blocked.subject } : {}), ...(blocked?.notBy ? { notBy: blocked.notBy } : {}), ...(onTopic ? { nearest: onTopic.view } : {}) });
}

/**
 * The whole question, and each part of it that asks on its own (see asking-sentences.ts),
 * are searched; the most confident reading wins. A part keeps the people and places the
 * rest of the question names, so that "musk seems unhinged, but what did he say about the
 * election?" is still about Musk.
 */
export function bestOutcome(ctx: AnswerContext, question: string): SearchOutcome {
  let best = search(ctx.index, question, ctx.config);
  const named = namesIn(ctx, question);
  for (const part of askingSentences(question)) {
    const missing = named.filter((name) => !ctx.index.analyzer.words(part).includes(name));
    const outcome = search(ctx.index, missing.length > 0 ? `${part} ${missing.join(' ')}` : part, ctx.config);
    if ((outcome.matches[0]?.confidence ?? 0) > (best.matches[0]?.confidence ?? 0)) best = outcome;
  }
  return best;
}

/** The words of a question that name someone or somewhere in the story. */
function namesIn(ctx: AnswerContext, question: string): string[] {
  const words = ctx.index.analyzer.words(question);
  return ctx.index.analyzer.spans(words).flatMap((span) => (ctx.index.isName(span.term) ? [words.slice(span.from, span.to).join(' ')] : []));
}

/** The answer of one entry by id, as when someone picks a suggested or related question. */
export function answerEntry(ctx: AnswerContext, id: string): Answered | undefined {
  const entry = ctx.index.entry(id);
  if (entry) return answerFrom(ctx, entry.question, entry, 1, 'picked');
  const statement = ctx.index.quotes.statements.find((s) => s.statement.id === id);
  if (!statement) return undefined;
  const checked = checkQuote(ctx.index, `"${statement.statement.words}"`);
  const reply = checked && fromCheck(ctx, statement.statement.words, checked, latestPublished(ctx.knowledge), () => undefined, []);
  return reply?.kind === 'answer' ? { ...reply, strength: 'picked' } : undefined;
}

function answered(ctx: AnswerContext, question: string, match: Match): Answered {
  return answerFrom(ctx, question, match.entry, match.confidence, strengthOf(ctx, match));
}

function answerFrom(ctx: AnswerContext, question: string, entry: Entry, confidence: number, strength: MatchStrength): Answered {
  const citations = entry.citations.map((c) => ({ ...c, published: publishedOf(ctx.knowledge, c.source) }));
  return {
    kind: 'answer',
    answered: true,
    question,
    answer: entry.answer,
    citations,
    confidence,
    strength,
    entry: refOf(entry),
    related: relatedOf(ctx, entry),
    asOf: citations[0]?.published || latestPublished(ctx.knowledge),
  };
}

/** The curated question itself reads as an exact match, whatever the model says of it. */
function strengthOf(ctx: AnswerContext, match: Match): MatchStrength {
  if (match.similarity >= 0.999 && match.coverage >= 0.999) return 'exact';
  return match.confidence >= ctx.config.strongMatch ? 'strong' : 'likely';
}

function fromCheck(ctx: AnswerContext, question: string, checked: Checked, asOf: string, nearest: () => PassageView | undefined, suggestions: EntryRef[]): AnswerResult {
  const views = checked.cite.map((hit) => viewOf(ctx, hit));
  if (checked.closest && views[0]) {
    return { kind: 'passage', answered: false, question, passage: views[0], passages: [views[0]], confidence: 0, suggestions, asOf, check: checked.check };
  }
  if (views.length === 0) {
    const reason: DeclineReason = checked.check.speaker ? 'no-words-of' : 'not-verbatim';
    const near = nearest();
    return { kind: 'decline', answered: false, question, reason, subject: checked.check.speaker ?? undefined, confidence: 0, suggestions, ...(near ? { nearest: near } : {}), asOf };
  }
  const first = checked.cite[0]!;
  const statement = ctx.index.quotes.statementsAt(first)[0]?.statement;
  // Words the reviewed list does not hold are checked by paragraph: one vote per person each.
  const id = statement?.id ?? quoteCheckId(first.sentence.paragraph);
  return {
    kind: 'answer',
    answered: true,
    question,
    answer: checked.text,
    citations: views,
    confidence: 1,
    strength: 'exact',
    entry: { id, question: `Quote check: ${first.wording.length > 80 ? `${first.wording.slice(0, 79)}…` : first.wording}` },
    related: relatedByParagraph(ctx, first.sentence.source, first.sentence.paragraph),
    check: checked.check,
    asOf,
  };
}

/**
 * The closest passages, or the curated answer they lead to: the entries quoting the first
 * passage come first among the picks, and one of them answers when it alone gives the form
 * of answer asked for (see passage-picks.ts), unless a guard objected to answering at all.
 */
function fromPassages(ctx: AnswerContext, question: string, outcome: SearchOutcome, shown: readonly FoundPassage[], suggestions: EntryRef[], asOf: string, mayAnswer: boolean): AnswerResult {
  const first = shown[0]!;
  const quoting = entriesQuoting(ctx.index, first.view);
  const entry = mayAnswer && shown.length === 1 ? entryForForm(question, outcome, quoting, ctx.config.suggestionFloor) : undefined;
  if (entry) return answerFrom(ctx, question, entry, outcome.matches.find((m) => m.entry === entry)!.confidence, 'likely');
  const picks = uniqueRefs([...quoting.map((e) => refOf(e.entry)), ...suggestions]).slice(0, ctx.config.maxSuggestions);
  return passageReply(question, shown, picks, asOf);
}

function passageReply(question: string, shown: readonly FoundPassage[], suggestions: EntryRef[], asOf: string): PassageReply {
  const passages = shown.map((p) => p.view);
  return { kind: 'passage', answered: false, question, passage: passages[0]!, passages, confidence: shown[0]!.confidence, suggestions, asOf };
}

function uniqueRefs(refs: readonly EntryRef[]): EntryRef[] {
  return [...new Map(refs.map((r) => [r.id, r] as const)).values()];
}

/** The nearest passage for a decline, when the question is about the story at all. */
function nearestOf(ctx: AnswerContext, outcome: SearchOutcome): PassageView | undefined {
  const passage = findPassage(ctx.knowledge, ctx.index, outcome, ctx.config.calibration);
  return passage && passage.onTopic >= ctx.config.calibration.topicThreshold ? passage.view : undefined;
}

function viewOf(ctx: AnswerContext, hit: PhraseHit): PassageView {
  const { sentence } = hit;
  const highlights: [number, number][] = hit.end - hit.start < sentence.text.length ? [[hit.start, hit.end]] : [];
  return { source: sentence.source, paragraph: sentence.paragraph, quote: sentence.text, published: publishedOf(ctx.knowledge, sentence.source), highlights };
}

function suggestionsOf(ctx: AnswerContext, outcome: SearchOutcome): EntryRef[] {
  return outcome.matches
    .filter((m) => m.score >= ctx.config.suggestionFloor)
    .slice(0, ctx.config.maxSuggestions)
    .map((m) => refOf(m.entry));
}

function relatedOf(ctx: AnswerContext, entry: Entry): EntryRef[] {
  return entry.related.flatMap((id) => {
    const other = ctx.index.entry(id);
    return other ? [refOf(other)] : [];
  });
}

/** For a quote check: the curated questions about the same paragraph. */
function relatedByParagraph(ctx: AnswerContext, source: string, paragraph: number): EntryRef[] {
  const first = (e: { entry: Entry }) => e.entry.citations[0];
  return ctx.index.entries
    .filter((e) => first(e)?.source === source && first(e)?.paragraph === paragraph)
    .slice(0, 3)
    .map((e) => refOf(e.entry));
}

/** At most `max` UTF-16 units, never ending in half of a surrogate pair (an emoji cut in two). */
function cutWhole(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function refOf(entry: Entry): EntryRef {
  return { id: entry.id, question: entry.question };
}

function publishedOf(knowledge: Knowledge, source: string): string {
  return knowledge.sources.get(source)?.published ?? '';
}

function latestPublished(knowledge: Knowledge): string {
  return [...knowledge.sources.values()].map((s) => s.published).sort().at(-1) ?? '';
}

/**
 * How sure the topic model must be that a question is about the story before its passages
 * are shown. The model reads the share of a question's words the story knows; a long,
 * formal question that paraphrases the story ("the junior minister responsible for
 * protecting vulnerable people") dilutes that share with words of its own, although it
 * still reaches the story's sentences with several words. Such a question gets a lower bar;
 * short chit-chat and one-line requests never do, and the passages are still labelled as
 * the closest passages, not an answer.
 */
function topicBar(config: EngineConfig, question: string, passage: FoundPassage): number {
  const { words, topicFloor } = config.longQuestion;
  const long = question.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= words;
  const sharesTwoWords = passage.features.matched >= 0.5;
  return long && sharesTwoWords ? Math.min(topicFloor, config.calibration.topicThreshold) : config.calibration.topicThreshold;
}

