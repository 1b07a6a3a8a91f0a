// An answer as Block Kit: the question, the answer, each quote with its paragraph, the date
// and confidence, then buttons. A decline says so and offers questions it can answer.
import type { Answered, AnswerResult, Declined, EntryRef, PassageReply, PassageView } from '../../core/answering/answer.js';
import { paragraphLabel, quotation, quotationMarks } from '../../core/wording/format.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { declineSentence, passageLabel, passageSegments, replyNotes, strengthText } from '../../core/wording/reply-words.js';
import { actions, BLOCK_KIT_LIMITS, button, context, message, section, type Block, type Button, type SlackMessage } from './blocks.js';
import { clip, escapeMrkdwn } from './markup.js';

// The one mention this adapter writes itself; anything else shaped like markup is escaped.
const SLACK_USER_ID = /^[UW][A-Z0-9]{1,20}$/;

export interface AnswerOptions {
  /** Only the asker sees it, so offer to post it for everyone; only then may it echo their words. */
  shareable: boolean;
  /** The Slack user id of whoever shared it, for the credit line. */
  sharedBy?: string;
  /** The answer's reply id, for its "Why this answer?" and Share buttons; without one, neither. */
  replyId?: string;
}

export function renderAnswer(result: AnswerResult, options: AnswerOptions): SlackMessage {
  const rendered = result.kind === 'answer' ? renderAnswered(result, options) : result.kind === 'passage' ? renderPassage(result, options) : renderDeclined(result, options);
  const notes = replyNotes(result);
  if (notes.length === 0) return rendered;
  // Above the question line, and after the credit line of a shared answer.
  const at = options.sharedBy && result.kind === 'answer' ? 1 : 0;
  return { ...rendered, blocks: [...rendered.blocks.slice(0, at), context(...notes.map(escapeMrkdwn)), ...rendered.blocks.slice(at)] };
}

/** The story's words with the matched ones in bold, escaped piece by piece. */
function markedPassage(passage: PassageView): string {
  return passageSegments({ ...passage, quote: passage.quote.replace(/\s/g, ' ') })
    .map((s) => (s.matched ? `*${escapeMrkdwn(s.text)}*` : escapeMrkdwn(s.text)))
    .join('');
}

/** A passage as a blockquote, its matched words in bold, with its paragraph (kept when a long passage is clipped). */
function passageQuote(passage: PassageView): string {
  const [open, close] = quotationMarks(passage.quote);
  const label = `\n>— _${escapeMrkdwn(paragraphLabel(passage.paragraph))}_`;
  return `>${open}${clip(markedPassage(passage), BLOCK_KIT_LIMITS.text - label.length - open.length - close.length - 1)}${close}${label}`;
}

/** Not an answer: the story's closest sentences, a section each, labelled as such. */
function renderPassage(result: PassageReply, options: AnswerOptions): SlackMessage {
  const label = escapeMrkdwn(passageLabel(result));
  // The asker's own words only in a reply only they see (a passage can be posted in a
  // channel, after a mention or with SLACK_ANSWER_VISIBILITY=in_channel).
  const blocks: Block[] = [...(result.question && options.shareable ? [questionLine(result.question)] : []), section(label), ...result.passages.map((passage) => section(passageQuote(passage)))];
  blocks.push(...suggestionBlocks(result.suggestions), context(escapeMrkdwn(MESSAGES.asOf(result.asOf))));
  return message(label, blocks);
}

function renderAnswered(result: Answered, options: AnswerOptions): SlackMessage {
  const head: Block[] = [
    ...(options.sharedBy && SLACK_USER_ID.test(options.sharedBy) ? [context(`${escapeMrkdwn(MESSAGES.sharedBy)} <@${options.sharedBy}>`)] : []),
    // What someone typed could carry anything under the bot's name: their words only in a
    // reply only they see; anywhere else, the curated question answered.
    questionLine(options.shareable ? result.question : result.entry.question),
    section(escapeMrkdwn(result.answer)),
  ];
  const entryId = result.entry.id;
  const { replyId } = options;
  const feedback = [
    button(MESSAGES.helpfulButton, { type: 'vote', helpful: true, entryId }),
    button(MESSAGES.notHelpfulButton, { type: 'vote', helpful: false, entryId }),
    ...(replyId ? [button(MESSAGES.whyButton, { type: 'why', replyId })] : []),
    ...(options.shareable && replyId ? [button(MESSAGES.shareButton, { type: 'share', replyId }, 'primary')] : []),
  ];
  const related = uniqueRelated(result).map((r) => button(r.question, { type: 'pick', entryId: r.id }));
  const tail: Block[] = [
    context(escapeMrkdwn(`${MESSAGES.asOf(result.asOf)} · ${strengthText(result)}`)),
    ...(related.length > 0 ? [context(escapeMrkdwn(MESSAGES.relatedIntro)), actions(related)] : []),
    actions(feedback),
  ];
  const quotes = result.citations.map((c) => quoteBlock(c.quote, c.paragraph));
  return message(escapeMrkdwn(result.answer), [...head, ...fitQuotes(quotes, BLOCK_KIT_LIMITS.blocks - head.length - tail.length), ...tail]);
}

function renderDeclined(result: Declined, options: AnswerOptions): SlackMessage {
  const text = escapeMrkdwn(declineSentence(result));
  const blocks: Block[] = [];
  // The asker's own words only in a reply only they see.
  if (result.question && options.shareable) blocks.push(questionLine(result.question));
  blocks.push(section(text));
  if (result.nearest) {
    blocks.push(section(`${escapeMrkdwn(MESSAGES.nearestIntro)}\n${passageQuote(result.nearest)}`));
  }
  blocks.push(...suggestionBlocks(result.suggestions));
  if (result.asOf) blocks.push(context(escapeMrkdwn(MESSAGES.asOf(result.asOf))));
  return message(text, blocks);
}

function suggestionBlocks(refs: readonly EntryRef[]): Block[] {
  // Button ids must be unique within a message, as in uniqueRelated below.
  const unique = [...new Map(refs.map((s) => [s.id, s] as const)).values()];
  const suggestions: Button[] = unique.slice(0, 3).map((s) => button(s.question, { type: 'pick', entryId: s.id }));
  return suggestions.length > 0 ? [section(escapeMrkdwn(MESSAGES.suggestionsIntro)), actions(suggestions)] : [];
}

function questionLine(question: string) {
  return context(`*${escapeMrkdwn(MESSAGES.questionLabel)}:* ${escapeMrkdwn(question)}`);
}

// A blockquote is one line in mrkdwn, so line breaks inside a quote are folded.
function quoteBlock(quote: string, paragraph: number) {
  return section(`>${escapeMrkdwn(quotation(quote.replace(/\s+/g, ' ').trim()))}\n>— _${escapeMrkdwn(paragraphLabel(paragraph))}_`);
}

/** Keeps as many quotes as fit in `room` blocks, saying how many were left out. */
function fitQuotes(quotes: Block[], room: number): Block[] {
  if (quotes.length <= room) return quotes;
  const kept = quotes.slice(0, Math.max(0, room - 1));
  return [...kept, context(escapeMrkdwn(MESSAGES.moreQuotes(quotes.length - kept.length)))];
}

// Button ids must be unique within a message, and an entry is never related to itself.
function uniqueRelated(result: Answered) {
  const seen = new Set([result.entry.id]);
  return result.related.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, 5);
}
