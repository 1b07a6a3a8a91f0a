// The words people read, in one place, so adapters stay thin and tests can assert on them.

export const MESSAGES = Object.freeze({
  declineNotInStory: 'The story does not answer that.',
  declineEmpty: 'Ask a question about the story, for example "Who is Tommy Robinson?"',
  declineTooLong: (max: number) => `That question is longer than ${max} characters. Please ask it more briefly.`,
  suggestionsIntro: 'Closest questions it does answer:',
  hintIntro: (paragraph: number) => `The nearest passage is paragraph ${paragraph}.`,
  asOf: (date: string) => `as of ${date}`,
  confidence: (value: number) => `confidence ${Math.round(value * 100)}%`,
  somethingWentWrong: 'Something went wrong while answering. Please try again.',
  notAdmin: 'Sorry, only admins can do that.',
  rateLimited: (seconds: number) => `You're asking quickly; please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
  voteThanks: 'Thanks for the feedback.',
  voteAlready: 'You have already rated this answer.',
  voteNotRecorded: 'Thanks. Feedback is not being recorded at the moment.',
  entryGone: 'That question is no longer in the knowledge base.',
  gapsUnavailable: 'The question log is off (QUESTION_LOG=off), so there is no gap report.',
  reloadRunning: 'A reload is already running; this one will start when it ends.',

  // Under an answer: its parts and its buttons.
  questionLabel: 'Question',
  paragraph: (n: number) => `paragraph ${n}`,
  moreQuotes: (n: number) => `…and ${n} more quote${n === 1 ? '' : 's'} from the story.`,
  relatedIntro: 'Related questions:',
  helpfulButton: 'Helpful',
  notHelpfulButton: 'Not helpful',
  shareButton: 'Share in channel',
  sharedBy: 'Shared by',
  unknownAction: 'That button is no longer valid; please ask again.',
  unknownCommand: (name: string) => `StoryBot has no command /${name}.`,

  // What /reload, /about and /gaps report.
  reloaded: (entries: number, drafts: number, sources: number, ms: number) =>
    `Reloaded: ${entries} entries (${drafts} drafts), ${sources} source(s) in ${Math.round(ms)} ms.`,
  reloadChanges: (what: 'added' | 'removed' | 'changed', ids: readonly string[]) => `${what}: ${ids.join(', ')}`,
  reloadNoChanges: 'No entries changed.',
  reloadFailed: (entries: number) => `Reload failed; still serving the previous knowledge base (${entries} entries).`,
  aboutStory: (id: string, published: string) => `Story ${id}, dated ${published}.`,
  aboutUnknown: (fields: readonly string[]) => `Its ${fields.join(', ')} were not supplied.`,
  aboutEntries: (entries: number, drafts: number, loadedAt: string) => `${entries} curated questions (${drafts} drafts), last loaded ${loadedAt}.`,
  gapsDeclined: 'Declined questions:',
  gapsUnhelpful: 'Answers voted unhelpful:',
  gapsNeverMatched: 'Entries never matched:',
  gapsNone: 'none',
});
