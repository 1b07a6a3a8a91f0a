// The engine's tuning, in one frozen object. The two models' weights and thresholds come
// from `npm run calibrate`, which measures them on the knowledge base and its labelled
// questions and writes them to knowledge/calibration/model.json; these defaults are what
// the engine uses when that file is absent (see the README, "Confidence").
import type { LogisticModel } from './model.js';

/** What the answer model knows about the best curated match. */
export const ANSWER_FEATURES = ['similarity', 'coverage', 'knownShare', 'margin', 'agreement', 'formMismatch', 'nameMismatch'] as const;
export type AnswerFeature = (typeof ANSWER_FEATURES)[number];
export type AnswerFeatures = Record<AnswerFeature, number>;

/** What the passage model knows about the best sentence of the story. */
export const PASSAGE_FEATURES = ['coverage', 'paragraphCoverage', 'entrySupport', 'knownShare'] as const;
export type PassageFeature = (typeof PASSAGE_FEATURES)[number];
export type PassageFeatures = Record<PassageFeature, number>;
export type PassageWeights = LogisticModel<PassageFeature>;

export interface Calibration {
  answer: LogisticModel<AnswerFeature>;
  /** At or above this confidence, the best entry is given as the answer. */
  answerThreshold: number;
  passage: PassageWeights;
  /** At or above this, the story's closest sentence is offered when no entry answers. */
  passageThreshold: number;
  /** At or above this, a decline still shows the nearest passage; below, the question is off-topic. */
  hintThreshold: number;
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
  /** Score kept by an entry that cannot give the kind of answer asked for (a time, a number). */
  answerFormPenalty: number;
  /** Lost per edit when a typo is corrected. */
  typoPenalty: number;
  calibration: Readonly<Calibration>;
  /** Suggestions offered on a decline must at least reach this raw score. */
  suggestionFloor: number;
  maxSuggestions: number;
  /** At or above this confidence an answer reads as a strong match; below, a likely one. */
  strongMatch: number;
}

export const DEFAULT_CALIBRATION: Calibration = Object.freeze({
  answer: Object.freeze({
    intercept: -3.479,
    weights: Object.freeze({ similarity: 4.103, coverage: 0.949, knownShare: 0, margin: 0, agreement: 0, formMismatch: -1.839, nameMismatch: -3.503 }),
  }),
  answerThreshold: 0.5,
  passage: Object.freeze({ intercept: -3, weights: Object.freeze({ coverage: 3, paragraphCoverage: 1, entrySupport: 3, knownShare: 1 }) }),
  passageThreshold: 0.5,
  hintThreshold: 0.2,
});

export const DEFAULT_ENGINE_CONFIG: EngineConfig = Object.freeze({
  fieldWeights: Object.freeze({ phrasing: 1, tag: 1, answer: 0.8, quote: 0.8, paragraph: 0.5 }),
  phrasingShare: 0.55,
  questionWordWeight: 0.5,
  unknownWordWeight: 1,
  answerFormPenalty: 0.7,
  typoPenalty: 0.1,
  calibration: DEFAULT_CALIBRATION,
  suggestionFloor: 0.15,
  maxSuggestions: 3,
  strongMatch: 0.8,
});
