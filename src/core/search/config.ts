// The engine's tuning, in one frozen object. The values come from `npm run calibrate`,
// which measures them on the knowledge base itself (see the README, "Confidence").

export interface CalibrationWeights {
  intercept: number;
  similarity: number;
  coverage: number;
  formMismatch: number;
  nameMismatch: number;
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
  /**
   * Logistic model turning a match's features into the probability that its answer is
   * right. Fitted by `npm run calibrate`.
   */
  calibration: Readonly<CalibrationWeights>;
  /** Below this confidence the bot declines. */
  threshold: number;
  /** Suggestions offered on a decline must at least reach this raw score. */
  suggestionFloor: number;
  maxSuggestions: number;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = Object.freeze({
  fieldWeights: Object.freeze({ phrasing: 1, tag: 1, answer: 0.8, quote: 0.8, paragraph: 0.5 }),
  phrasingShare: 0.55,
  questionWordWeight: 0.5,
  unknownWordWeight: 1,
  answerFormPenalty: 0.7,
  typoPenalty: 0.1,
  calibration: Object.freeze({ intercept: -3.479, similarity: 4.103, coverage: 0.949, formMismatch: -1.839, nameMismatch: -3.503 }),
  threshold: 0.5,
  suggestionFloor: 0.15,
  maxSuggestions: 3,
});
