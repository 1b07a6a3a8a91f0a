// The engine's tuning, in one frozen object. The two models' weights and thresholds come
// from `npm run calibrate`, which measures them on the knowledge base and its labelled
// questions and writes them to knowledge/calibration/model.json; these defaults are what
// the engine uses when that file is absent (see docs/how-it-answers.md, "Confidence").
import type { LogisticModel } from './model.js';

/** What the answer model knows about the best curated match. */
export const ANSWER_FEATURES = ['similarity', 'coverage', 'answerCoverage', 'knownShare', 'margin', 'agreement', 'formMismatch', 'nameMismatch'] as const;
export type AnswerFeature = (typeof ANSWER_FEATURES)[number];
export type AnswerFeatures = Record<AnswerFeature, number>;

/** What the passage model knows about a sentence of the story, to rank the sentences. */
export const PASSAGE_FEATURES = ['coverage', 'knownCoverage', 'entrySupport', 'matched', 'named', 'bm25'] as const;
export type PassageFeature = (typeof PASSAGE_FEATURES)[number];
export type PassageFeatures = Record<PassageFeature, number>;

/**
 * What the topic model knows, to tell a question about the story from one that is not.
 * The counts of known and unknown words go in as steps, not lines: two words the story
 * knows beside one it does not ("is X down? my feed won't load") is a different question
 * from two known words alone, and a linear weight cannot say so.
 */
export const TOPIC_FEATURES = ['entryScore', 'similarity', 'knownShare', 'coverage', 'matched', 'twoKnown', 'threeKnown', 'oneUnknown', 'twoUnknown', 'twoKnownOneUnknown', 'person', 'storyBm25'] as const;
export type TopicFeature = (typeof TOPIC_FEATURES)[number];
export type TopicFeatures = Record<TopicFeature, number>;

export interface Calibration {
  answer: LogisticModel<AnswerFeature>;
  /** At or above this confidence, the best entry is given as the answer. */
  answerThreshold: number;
  /** The probability that a sentence's paragraph answers the question. */
  passage: LogisticModel<PassageFeature>;
  /** At or above this, the best sentence is offered as a passage; below, a decline shows it as the nearest. */
  passageThreshold: number;
  /** The probability that a question is about the story at all. */
  topic: LogisticModel<TopicFeature>;
  /** Below this, the question has nothing to do with the story: a plain decline, no passage. */
  topicThreshold: number;
}

export interface EngineConfig {
  /** Weight of a term by the field of the entry it was found in. */
  fieldWeights: Readonly<{ phrasing: number; tag: number; answer: number; quote: number; paragraph: number }>;
  /** Share of the score from the best-matching phrasing; the rest is coverage of the question. */
  phrasingShare: number;
  /** Question words (who, when, where, why, how) count this much of their idf. */
  questionWordWeight: number;
  /** A word the knowledge base has never seen counts this much of the rarest known word. */
  unknownWordWeight: number;
  /** The same, for a word the knowledge base lacks but the English dictionary has. */
  everydayWordWeight: number;
  /** Score kept by an entry that cannot give the kind of answer asked for (a time, a number). */
  answerFormPenalty: number;
  /** Lost per edit when a typo is corrected. */
  typoPenalty: number;
  calibration: Readonly<Calibration>;
  /** Suggestions offered on a decline must at least reach this raw score. */
  suggestionFloor: number;
  maxSuggestions: number;
  /** A passage after the first is shown while its confidence is at least this share of the first's. */
  passageLeadShare: number;
  /**
   * A question of at least `words` words is taken as about the story from this topic reading
   * on, when its closest sentence shares at least two words with it (see answer.ts).
   */
  longQuestion: Readonly<{ words: number; topicFloor: number }>;
  /** At or above this confidence an answer reads as a strong match; below, a likely one. */
  strongMatch: number;
}

export const DEFAULT_CALIBRATION: Calibration = Object.freeze({
  answer: Object.freeze({
    intercept: -3.479,
    weights: Object.freeze({ similarity: 4.103, coverage: 0.949, answerCoverage: 0, knownShare: 0, margin: 0, agreement: 0, formMismatch: -1.839, nameMismatch: -3.503 }),
  }),
  answerThreshold: 0.5,
  passage: Object.freeze({ intercept: -3, weights: Object.freeze({ coverage: 3, knownCoverage: 1, entrySupport: 3, matched: 0, named: 0, bm25: 1 }) }),
  passageThreshold: 0.5,
  topic: Object.freeze({ intercept: -3, weights: Object.freeze({ entryScore: 3, similarity: 0, knownShare: 1, coverage: 1, matched: 0, twoKnown: 1, threeKnown: 2, oneUnknown: -1, twoUnknown: -1, twoKnownOneUnknown: -1, person: 1, storyBm25: 0 }) }),
  topicThreshold: 0.5,
});

export const DEFAULT_ENGINE_CONFIG: EngineConfig = Object.freeze({
  fieldWeights: Object.freeze({ phrasing: 1, tag: 1, answer: 0.8, quote: 0.8, paragraph: 0.5 }),
  phrasingShare: 0.55,
  questionWordWeight: 0.5,
  unknownWordWeight: 1,
  everydayWordWeight: 0.5,
  answerFormPenalty: 0.7,
  typoPenalty: 0.1,
  calibration: DEFAULT_CALIBRATION,
  suggestionFloor: 0.15,
  maxSuggestions: 3,
  passageLeadShare: 0.5,
  longQuestion: Object.freeze({ words: 10, topicFloor: 0.25 }),
  strongMatch: 0.8,
});
