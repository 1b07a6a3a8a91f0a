// Every question, whichever platform and path it came by (/ask, a mention, a chosen
// suggestion), passes through the Recorder port. Wrapping the recorder here gives one place
// for its log line and its metrics, instead of one per adapter. The log line carries no
// user id and not the question itself: the question log keeps those, hashed and pruned.
import type { Recorder } from '../core/answering/recorder.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export function observeQuestions(recorder: Recorder, metrics: Metrics, logger: Logger): Recorder {
  return {
    recordQuestion(record) {
      const outcome = record.answered ? 'answered' : 'declined';
      metrics.question(record.platform, outcome, record.ms);
      logger.info(
        { platform: record.platform, entry: record.entryId, confidence: Math.round(record.confidence * 1000) / 1000, ms: Math.round(record.ms * 100) / 100, outcome },
        record.answered ? 'question answered' : 'question declined',
      );
      recorder.recordQuestion(record);
    },
    recordVote: (vote) => recorder.recordVote(vote),
  };
}
