// A logistic model over named features: the engine's way of turning what it measured about
// a match into a probability that the reply is right. Named, so that `npm run calibrate`
// can write the weights to a data file, and "why this answer?" can say which feature
// raised or lowered a confidence.

export interface LogisticModel<F extends string> {
  intercept: number;
  weights: Readonly<Record<F, number>>;
}

export type Features<F extends string> = Readonly<Record<F, number>>;

export function probability<F extends string>(model: LogisticModel<F>, features: Features<F>): number {
  let z = model.intercept;
  for (const name in model.weights) z += model.weights[name] * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** Each feature's push on the log-odds, largest first in size: what raised or lowered it. */
export function contributions<F extends string>(model: LogisticModel<F>, features: Features<F>): { feature: F; value: number; effect: number }[] {
  return (Object.keys(model.weights) as F[])
    .map((feature) => ({ feature, value: features[feature] ?? 0, effect: model.weights[feature] * (features[feature] ?? 0) }))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
}

export interface Example<F extends string> {
  features: Features<F>;
  right: boolean;
  /** How much this example counts; defaults to 1 within its class. */
  weight?: number;
}

export interface FitOptions {
  iterations?: number;
  rate?: number;
  l2?: number;
  /** Called now and then with the share done, for progress on a terminal. */
  onProgress?: (done: number) => void;
}

/**
 * Fits by gradient descent, each class weighted to half the total, so that many examples
 * of one kind do not drown the fewer of the other.
 */
export function fitLogistic<F extends string>(names: readonly F[], examples: readonly Example<F>[], options: FitOptions = {}): LogisticModel<F> {
  const { iterations = 20_000, rate = 0.5, l2 = 1e-3, onProgress } = options;
  const rightTotal = examples.reduce((s, e) => s + (e.right ? (e.weight ?? 1) : 0), 0);
  const wrongTotal = examples.reduce((s, e) => s + (e.right ? 0 : (e.weight ?? 1)), 0);
  if (rightTotal === 0 || wrongTotal === 0) throw new Error('calibration needs both right replies and questions to decline');
  const xs = examples.map((e) => [1, ...names.map((n) => e.features[n] ?? 0)]);
  const ys = examples.map((e) => (e.right ? 1 : 0));
  const ws = examples.map((e) => (e.weight ?? 1) * (e.right ? 0.5 / rightTotal : 0.5 / wrongTotal));
  let w = new Array<number>(names.length + 1).fill(0);
  for (let step = 0; step < iterations; step++) {
    const grad = w.map((wi, j) => (j === 0 ? 0 : l2 * wi));
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j < x.length; j++) z += x[j]! * w[j]!;
      const error = (1 / (1 + Math.exp(-z)) - ys[i]!) * ws[i]!;
      for (let j = 0; j < x.length; j++) grad[j]! += error * x[j]!;
    }
    w = w.map((wi, j) => wi - rate * grad[j]!);
    if (onProgress && step % 2_000 === 0) onProgress(step / iterations);
  }
  onProgress?.(1);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const weights = Object.fromEntries(names.map((n, j) => [n, round(w[j + 1]!)])) as Record<F, number>;
  return { intercept: round(w[0]!), weights };
}
