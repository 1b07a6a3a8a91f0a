// "Why this answer?" in sentences, one per line, the same on every platform and in
// `npm run eval -- --verbose`; each adapter only marks them up.
import type { Explanation } from '../answering/why.js';
import { MESSAGES } from './messages.js';
import { declineSentence } from './reply-words.js';

export function whyLines(why: Explanation): string[] {
  const lines: string[] = [];
  if (why.readAs) lines.push(MESSAGES.whyReadAs(why.readAs));
  const hidden = why.wordsHidden ? [MESSAGES.whyWordsHidden] : [];
  if (why.via === 'quote-check') return [...lines, MESSAGES.whyQuoteCheck, ...hidden];
  if (why.via === 'picked') return [...lines, MESSAGES.whyPicked, ...hidden];
  if (!why.entry || why.phrasing === undefined) return [...lines, MESSAGES.whyNoEntry, ...hidden];
  lines.push(why.via === 'entry' ? MESSAGES.whyMatched(why.phrasing) : MESSAGES.whyClosest(why.phrasing, why.entry.question));
  if (why.matched.length > 0) lines.push(MESSAGES.whyShared(why.matched));
  if (why.elsewhere.length > 0) lines.push(MESSAGES.whyElsewhere(why.elsewhere));
  if (why.unmatched.length > 0) lines.push(MESSAGES.whyUnmatched(why.unmatched));
  if (why.corrected.length > 0) lines.push(MESSAGES.whyCorrected(why.corrected));
  lines.push(MESSAGES.whyConfidence(why.confidence, why.threshold));
  if (why.lowered.length > 0) lines.push(MESSAGES.whyLowered(why.lowered.map((l) => MESSAGES.whyFeature[l.feature])));
  if (why.blocked) lines.push(MESSAGES.whyBlocked(declineSentence(why.blocked)));
  if (why.runnersUp.length > 0) lines.push(MESSAGES.whyRunnersUp(why.runnersUp.map((r) => ({ question: r.entry.question, confidence: r.confidence }))));
  return [...lines, ...hidden];
}
