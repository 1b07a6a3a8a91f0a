// The words people read, in one place, so adapters stay thin and tests can assert on them.
import type { AnswerFeature } from '../search/config.js';
import { count, listOf, paragraphLabel, quotation } from './format.js';

const percent = (n: number) => `${Math.round(n * 100)}%`;
const entries = (n: number) => count(n, 'entry', 'entries');
const questions = (n: number) => count(n, 'curated question');
const sources = (n: number) => count(n, 'source');
/** "(1 draft)", or nothing when there are none. */
const drafts = (n: number) => (n > 0 ? ` (${count(n, 'draft')})` : '');

/** How a decline names what the story was published without. */
const NOT_SUPPLIED_FIELD: Readonly<Record<string, string>> = Object.freeze({
  author: "its author's name",
  headline: 'its headline',
  outlet: 'the name of the outlet that published it',
  url: 'a link',
});

/** What a decline says the story does not give, by the form of answer asked for. */
const FORM_NOT_GIVEN: Readonly<Record<string, string>> = Object.freeze({
  person: 'The story does not say who.',
  time: 'The story does not give that date or time.',
  count: 'The story does not give that number.',
  place: 'The story does not say where.',
  age: "The story does not give anyone's age.",
  reason: 'The story does not give the reason.',
});

export const MESSAGES = Object.freeze({
  declineNotInStory: 'The story does not answer that.',
  declineEmpty: 'Ask a question about the story, for example “Who is Tommy Robinson?”',
  declineTooLong: (max: number) => `That question is longer than ${max} characters. Please ask it more briefly.`,
  declineNotSupplied: (field: string) => `The story was published without ${NOT_SUPPLIED_FIELD[field] ?? `its ${field}`}, so StoryBot cannot say.`,
  declineNoWordsOf: (name: string) => `The story quotes no words of ${name}.`,
  declineNotVerbatim: 'The story does not use those words.',
  declineFormNotGiven: (form: string) => FORM_NOT_GIVEN[form] ?? 'The story does not answer that.',
  declineMisattributed: (name: string, notBy?: string) =>
    notBy ? `The story reports that of ${name}, not of ${notBy}: it does not say ${notBy} did so.` : `The story reports that of ${name}, not of the person the question names first.`,
  declineUnresolved: 'Who or what do you mean? There is no recent answer here to follow up, so “he”, “she”, “it” or “and when?” could mean anything: ask again with the name or the whole question.',
  declineOtherLanguage: (language: string) => `StoryBot answers in English, and this question in ${language} does not match any of its questions closely enough: ask it in English, or pick one of these.`,
  otherLanguageNote: (language: string) => `StoryBot answers in English: this is its answer to your question in ${language}.`,
  /** Names the earlier answer by its curated question; without one, says only that there was one. */
  followingUp: (question: string) => (question ? `Following up on ${quotation(question)}` : 'Following up on an earlier answer'),
  suggestionsIntro: 'Closest questions it does answer:',
  nearestIntro: "The story's nearest passage:",
  passageLabel: "No curated answer matches, but this is the story's closest passage:",
  passagesLabel: "No curated answer matches, but these are the story's closest passages, closest first:",
  closestWordingLabel: 'The story does not use those words. Its closest wording:',
  asOf: (date: string) => `as of ${date}`,
  confidence: (value: number) => `confidence ${Math.round(value * 100)}%`,
  strength: (strength: 'exact' | 'strong' | 'likely' | 'picked', value: number) =>
    strength === 'exact' ? 'exact match' : strength === 'picked' ? 'picked from the list' : `${strength} match, ${Math.round(value * 100)}%`,
  consoleBanner: (published: number) => `StoryBot: ask about the story (${questions(published)}). /help for commands.`,
  consoleDidYouMean: (name: string) => `There is no such command; did you mean /${name}? /help lists them all.`,
  consoleUnknownCommand: 'There is no such command; /help lists them all. A question needs no slash.',
  consoleCtrlCAgain: '(Press Ctrl-C again to leave, or type /quit.)',
  workingOnIt: 'Working on it…',
  somethingWentWrong: 'Something went wrong while answering. Please try again.',
  notAdmin: 'Sorry, only admins can do that.',
  rateLimited: (seconds: number) => `You're asking quickly; please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
  shuttingDown: 'StoryBot is shutting down and is not taking new questions. Please ask again in a minute.',
  voteThanks: 'Thanks for the feedback.',
  voteAlready: 'You have already rated this answer.',
  voteNotRecorded: 'Thanks. Feedback is not being recorded at the moment.',
  entryGone: 'That question is no longer in the knowledge base.',
  gapsUnavailable: 'The question log is off (QUESTION_LOG=off), so there is no gap report.',
  gapsNotOpen: "The question log could not be opened yet (the bot's log says why), so there is no gap report for now. StoryBot keeps trying, and holds new questions meanwhile.",
  reloadRunning: 'A reload is already running; this one will start when it ends.',

  // Under an answer: its parts and its buttons.
  questionLabel: 'Question',
  youAsked: (question: string) => `You asked: ${question}`,
  paragraph: paragraphLabel,
  moreQuotes: (n: number) => `…and ${n} more quote${n === 1 ? '' : 's'} from the story.`,
  relatedIntro: 'Related questions:',
  relatedPlaceholder: 'Related questions',
  helpfulButton: 'Helpful',
  notHelpfulButton: 'Not helpful',
  shareButton: 'Share in channel',
  whyButton: 'Why this answer?',
  followUpButton: 'Ask a follow-up',
  followUpTitle: 'Ask a follow-up',
  followUpLabel: 'Your follow-up question',
  followUpPlaceholder: 'and when? / what did he say about her?',
  replyGone: 'That answer is no longer kept (answers are kept for a day, follow-ups for a shorter while): ask the question again.',
  sharedBy: 'Shared by',
  unknownAction: 'That button or menu no longer works. Ask again with /ask.',
  optionNotText: (name: string) => `The ${name} option must be text: type your question in it and send the command again.`,
  unknownCommand: (name: string) => `/${name} is not a command this bot knows. Try /ask.`,

  // "Why this answer?": what the engine saw.
  whyTitle: 'Why this answer',
  whyReadAs: (text: string) => `Searched as ${quotation(text)}.`,
  whyMatched: (phrasing: string) => `It matched the curated wording ${quotation(phrasing)}.`,
  whyClosest: (phrasing: string, question: string) =>
    phrasing === question ? `The closest curated question was ${quotation(question)}.` : `The closest curated wording was ${quotation(phrasing)}, of ${quotation(question)}.`,
  whyShared: (words: readonly string[]) => `Words it shares with your question: ${listOf(words)}.`,
  whyElsewhere: (words: readonly string[]) => `In the entry's answer, quotes or paragraphs, not its wording: ${listOf(words)}.`,
  whyUnmatched: (words: readonly string[]) => `Not in this entry at all: ${listOf(words)}.`,
  whyCorrected: (pairs: readonly { typed: string; corrected: string }[]) => `Read as typos: ${listOf(pairs.map((p) => `${quotation(p.typed)} as ${quotation(p.corrected)}`))}.`,
  whyConfidence: (confidence: number, threshold: number) => `Confidence ${percent(confidence)}; an entry is given as the answer from ${percent(threshold)}.`,
  whyLowered: (reasons: readonly string[]) => `What lowered it: ${reasons.join('; ')}.`,
  whyFeature: Object.freeze({
    similarity: 'your wording differs from the curated one',
    coverage: 'the entry speaks to only part of the question',
    answerCoverage: 'its answer and quotes leave part of the question out',
    knownShare: 'the question has words the knowledge base does not know',
    margin: 'another entry matched almost as well',
    agreement: "the story's sentences in the cited paragraphs share few of the question's words",
    formMismatch: 'the question asks for a time or a number the entry does not give',
    nameMismatch: 'the question names someone this entry is not about',
  } satisfies Record<AnswerFeature, string>),
  whyBlocked: (reason: string) => `It matched, but was not given as the answer: ${reason}`,
  whyRunnersUp: (items: readonly { question: string; confidence: number }[]) => `Next closest: ${items.map((i) => `${quotation(i.question)} (${percent(i.confidence)})`).join('; ')}.`,
  whyQuoteCheck: "A quote check: the question's phrase was looked up word for word in the story itself, not matched to a curated entry.",
  whyPicked: 'Picked from a list of questions, so it was answered as that question.',
  whyNoEntry: 'No curated entry shares a word with the question.',
  whyWordsHidden: 'The words of the question itself are shown only to the person who asked it.',
  whyNothingYet: 'Nothing to explain yet: /why explains the last answer, once there is one.',

  // Slack's App Home: what StoryBot does and how to ask.
  homeTitle: 'StoryBot',
  homeIntro: "StoryBot answers questions about one news story in the story's own words: every answer quotes the story and says which paragraph each quote is from. When the story does not answer something, it says so instead of guessing.",
  homeHowTitle: 'How to ask',
  homeHow: [
    '/ask and your question, anywhere: only you see the answer, with a button to share it.',
    'Mention @StoryBot in a channel it is in: it answers in a thread, and a follow-up mention there (“and when?”, “what did he say about her?”) is read in the light of its last answer.',
    'Or write to StoryBot here, under Messages.',
    'Under each answer: Why this answer? (what it matched, and how sure it is), and Helpful / Not helpful.',
  ],
  homeExamplesTitle: 'Questions to try',
  homeAdminTitle: 'For admins',
  homeLoaded: (when: string) => `Knowledge loaded ${when}. /reload reads the files again.`,
  homeGaps: (declined: number, unhelpful: number, neverMatched: number) =>
    `The question log holds ${count(declined, 'group of declined questions', 'groups of declined questions')}, ${count(unhelpful, 'answer voted unhelpful', 'answers voted unhelpful')} and ${count(neverMatched, 'entry never matched', 'entries never matched')}. /gaps lists them.`,
  homeGapsUnavailable: 'The question log is off or cannot be read, so there are no gap counts.',

  // What /reload, /about and /gaps report.
  reloaded: (published: number, draftCount: number, sourceCount: number, ms: number) =>
    `Reloaded: ${entries(published)}${drafts(draftCount)} from ${sources(sourceCount)} in ${Math.round(ms)} ms.`,
  reloadedTitle: 'Knowledge base reloaded',
  reloadFailedTitle: 'Reload failed: still serving the previous knowledge base',
  reloadCounts: (published: number, draftCount: number, sourceCount: number, ms: number) =>
    `${entries(published)}${drafts(draftCount)} from ${sources(sourceCount)}, loaded in ${Math.round(ms)} ms.`,
  reloadKept: (published: number, loaded: string) => `Still serving the ${entries(published)} loaded ${loaded}.`,
  reloadChanges: (what: 'added' | 'removed' | 'changed', ids: readonly string[]) => `${what[0]!.toUpperCase()}${what.slice(1)}: ${ids.join(', ')}`,
  reloadNoChanges: 'No entries changed.',
  reloadReplicasAll: (replicas: number) => (replicas === 1 ? 'The one replica reloaded.' : `All ${count(replicas, 'replica')} reloaded.`),
  reloadReplicasSome: (reloaded: number, replicas: number) => `${reloaded} of ${replicas} replicas reloaded`,
  reloadReplicasRefused: (refused: number) => `${refused} refused the files and kept serving what ${refused === 1 ? 'it' : 'they'} had`,
  reloadReplicasSilent: (silent: number) => `${silent} did not answer in time`,
  reloadReplicasUnreached: 'Only this replica reloaded: the others could not be reached (Redis is unavailable) and still serve what they had.',
  reloadFailed: (published: number) => `Reload failed; still serving the previous knowledge base (${entries(published)}).`,
  reloadProblemsIntro: 'Problems found:',
  reloadWarningsIntro: 'Warnings:',
  andMore: (count: number) => `…and ${count} more`,
  aboutTitle: 'What this bot knows',
  aboutStory: (id: string, published: string) => `Story ${id}, dated ${published}.`,
  aboutUnknown: (fields: readonly string[]) => `Its ${listOf(fields)} ${fields.length === 1 ? 'was' : 'were'} not supplied.`,
  aboutCounts: (published: number, draftCount: number) => `${questions(published)}${drafts(draftCount)}.`,
  aboutLoaded: (loaded: string, started: string) => `Knowledge loaded ${loaded}; running since ${started}.`,
  gapsTitle: 'Gaps in the knowledge base',
  gapsDeclined: 'Declined questions',
  gapsUnhelpful: 'Answers voted unhelpful',
  gapsNeverMatched: 'Entries never matched',
  gapsNone: 'none',
  gapsDeclinedItem: (n: number, question: string, first: string, last: string) => `${n}× ${question} (first ${first}, last ${last})`,
  gapsUnhelpfulItem: (entryId: string, unhelpful: number, helpful: number, question: string) => `${entryId}: ${unhelpful} unhelpful, ${helpful} helpful (${question})`,
  gapsNeverMatchedItem: (entryId: string, question: string) => `${entryId}: ${question}`,
});
