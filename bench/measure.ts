// Timing helpers: each call timed on its own after a warm-up pass, reported as median and
// 99th percentile in milliseconds. The warm-up uses other inputs than the measured ones, so
// caches filled during warm-up do not flatter the figures.

export interface Timing {
  median: number;
  /** Over every call: includes the machine's own stalls (this VM shows a few ms at random). */
  p99: number;
  /** Over each input's fastest round: the code's own cost, with the stalls filtered out. */
  p99Best: number;
  calls: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Calls each warm-up input in turn until at least `minWarmUpCalls` calls have been made:
 * V8 keeps compiling and re-optimising hot code for the first thousand or so calls, and
 * those pauses (several ms each) are start-up cost, not answer time.
 */
export function timeEach<T>(warmUp: readonly T[], inputs: readonly T[], fn: (input: T) => unknown, rounds = 5, minWarmUpCalls = 3000): Timing {
  for (let calls = 0; warmUp.length > 0 && (calls === 0 || calls < minWarmUpCalls); ) for (const input of warmUp) (fn(input), calls++);
  const samples: number[] = [];
  const best = inputs.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    inputs.forEach((input, i) => {
      const start = process.hrtime.bigint();
      fn(input);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      samples.push(ms);
      best[i] = Math.min(best[i]!, ms);
    });
  }
  samples.sort((a, b) => a - b);
  best.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p99: percentile(samples, 99), p99Best: percentile(best, 99), calls: samples.length };
}

export function timeOnce(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const ms = (n: number) => (n < 1 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(0));
