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
});
