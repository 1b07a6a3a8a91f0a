// The words people read, in one place, so adapters stay thin and tests can assert on them.
import { count, listOf, paragraphLabel } from './format.js';

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

export const MESSAGES = Object.freeze({
  declineNotInStory: 'The story does not answer that.',
  declineEmpty: 'Ask a question about the story, for example "Who is Tommy Robinson?"',
  declineTooLong: (max: number) => `That question is longer than ${max} characters. Please ask it more briefly.`,
  declineNotSupplied: (field: string) => `The story was published without ${NOT_SUPPLIED_FIELD[field] ?? `its ${field}`}, so StoryBot cannot say.`,
  declineNoWordsOf: (name: string) => `The story quotes no words of ${name}.`,
  declineNotVerbatim: 'The story does not use those words.',
  declineUnresolved: 'Who do you mean? Without an earlier question, "he", "she" or "it" could be anyone: ask again with the name.',
  suggestionsIntro: 'Closest questions it does answer:',
  nearestIntro: "The story's nearest passage:",
  passageLabel: "No curated answer matches, but this is the story's closest passage:",
  closestWordingLabel: 'The story does not use those words. Its closest wording:',
  asOf: (date: string) => `as of ${date}`,
  confidence: (value: number) => `confidence ${Math.round(value * 100)}%`,
  strength: (strength: 'exact' | 'strong' | 'likely' | 'picked', value: number) =>
    strength === 'exact' ? 'exact match' : strength === 'picked' ? 'picked from the list' : `${strength} match, ${Math.round(value * 100)}%`,
  consoleBanner: (published: number) => `StoryBot: ask about the story (${questions(published)}). /help for commands.`,
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
  sharedBy: 'Shared by',
  unknownAction: 'That button or menu no longer works. Ask again with /ask.',
  unknownCommand: (name: string) => `/${name} is not a command this bot knows. Try /ask.`,

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
  aboutEntries: (published: number, draftCount: number, loaded: string) => `${questions(published)}${drafts(draftCount)}, loaded ${loaded}.`,
  aboutCounts: (published: number, draftCount: number) => `${questions(published)}${drafts(draftCount)}.`,
  aboutLoaded: (loaded: string, started: string) => `Knowledge loaded ${loaded}; running since ${started}.`,
  gapsTitle: 'Gaps in the knowledge base',
  gapsDeclined: 'Declined questions',
  gapsUnhelpful: 'Answers voted unhelpful',
  gapsNeverMatched: 'Entries never matched',
  gapsNone: 'none',
});
