// An answer as Block Kit: the question, the answer, each quote with its paragraph, the date
// and confidence, then buttons. A decline says so and offers questions it can answer.
import { MAX_QUESTION_LENGTH, type Answered, type AnswerResult, type Declined } from '../../core/answering/answer.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { actions, BLOCK_KIT_LIMITS, button, context, message, section, type Block, type Button, type SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './markup.js';

// The one mention this adapter writes itself; anything else shaped like markup is escaped.
const SLACK_USER_ID = /^[UW][A-Z0-9]{1,20}$/;

export interface AnswerOptions {
  /** Only the asker sees it, so offer to post it for everyone; only then may it echo their words. */
  shareable: boolean;
  /** The Slack user id of whoever shared it, for the credit line. */
  sharedBy?: string;
}

export function renderAnswer(result: AnswerResult, options: AnswerOptions): SlackMessage {
  return result.answered ? renderAnswered(result, options) : renderDeclined(result, options);
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
  const feedback = [
    button(MESSAGES.helpfulButton, { type: 'vote', helpful: true, entryId }),
    button(MESSAGES.notHelpfulButton, { type: 'vote', helpful: false, entryId }),
    ...(options.shareable ? [button(MESSAGES.shareButton, { type: 'share', entryId }, 'primary')] : []),
  ];
  const related = uniqueRelated(result).map((r) => button(r.question, { type: 'pick', entryId: r.id }));
  const tail: Block[] = [
    context(escapeMrkdwn(`${MESSAGES.asOf(result.asOf)} · ${MESSAGES.confidence(result.confidence)}`)),
    ...(related.length > 0 ? [context(escapeMrkdwn(MESSAGES.relatedIntro)), actions(related)] : []),
    actions(feedback),
  ];
  const quotes = result.citations.map((c) => quoteBlock(c.quote, c.paragraph));
  return message(escapeMrkdwn(result.answer), [...head, ...fitQuotes(quotes, BLOCK_KIT_LIMITS.blocks - head.length - tail.length), ...tail]);
}

function renderDeclined(result: Declined, options: AnswerOptions): SlackMessage {
  const text = escapeMrkdwn(declineText(result));
  const blocks: Block[] = [];
  // The asker's own words only in a reply only they see.
  if (result.question && options.shareable) blocks.push(questionLine(result.question));
  blocks.push(section(text));
  if (result.reason === 'not-in-story' && result.closestPassage) blocks.push(context(escapeMrkdwn(MESSAGES.hintIntro(result.closestPassage.paragraph))));
  const suggestions: Button[] = result.suggestions.slice(0, 3).map((s) => button(s.question, { type: 'pick', entryId: s.id }));
  if (suggestions.length > 0) blocks.push(section(escapeMrkdwn(MESSAGES.suggestionsIntro)), actions(suggestions));
  if (result.asOf) blocks.push(context(escapeMrkdwn(MESSAGES.asOf(result.asOf))));
  return message(text, blocks);
}

export function declineText(result: Pick<Declined, 'reason'>): string {
  if (result.reason === 'too-long') return MESSAGES.declineTooLong(MAX_QUESTION_LENGTH);
  if (result.reason === 'empty') return MESSAGES.declineEmpty;
  return MESSAGES.declineNotInStory;
}

function questionLine(question: string) {
  return context(`*${escapeMrkdwn(MESSAGES.questionLabel)}:* ${escapeMrkdwn(question)}`);
}

// A blockquote is one line in mrkdwn, so line breaks inside a quote are folded.
function quoteBlock(quote: string, paragraph: number) {
  return section(`>“${escapeMrkdwn(quote.replace(/\s+/g, ' ').trim())}”\n>— _${escapeMrkdwn(MESSAGES.paragraph(paragraph))}_`);
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
