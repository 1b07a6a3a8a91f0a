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
  /** At most this many Newton steps; it usually settles in under ten. */
  iterations?: number;
  l2?: number;
  /** Called now and then with the share done, for progress on a terminal. */
  onProgress?: (done: number) => void;
}

/**
 * Fits by Newton's method (iteratively reweighted least squares), each class weighted to
 * half the total, so that many examples of one kind do not drown the fewer of the other. A
 * dozen features need a dozen-by-dozen system per step and converge in a few steps, where
 * plain gradient descent took tens of thousands of passes over every example.
 */
export function fitLogistic<F extends string>(names: readonly F[], examples: readonly Example<F>[], options: FitOptions = {}): LogisticModel<F> {
  const { iterations = 50, l2 = 1e-3, onProgress } = options;
  const rightTotal = examples.reduce((s, e) => s + (e.right ? (e.weight ?? 1) : 0), 0);
  const wrongTotal = examples.reduce((s, e) => s + (e.right ? 0 : (e.weight ?? 1)), 0);
  if (rightTotal === 0 || wrongTotal === 0) throw new Error('calibration needs both right replies and questions to decline');
  const xs = examples.map((e) => [1, ...names.map((n) => e.features[n] ?? 0)]);
  const ys = examples.map((e) => (e.right ? 1 : 0));
  const ws = examples.map((e) => (e.weight ?? 1) * (e.right ? 0.5 / rightTotal : 0.5 / wrongTotal));
  const size = names.length + 1;
  let w = new Array<number>(size).fill(0);
  for (let step = 0; step < iterations; step++) {
    // Gradient and Hessian of the weighted log-loss plus the L2 penalty (not on the intercept).
    const grad = w.map((wi, j) => (j === 0 ? 0 : l2 * wi));
    const hess = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j && i > 0 ? l2 : 0)));
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j < size; j++) z += x[j]! * w[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ys[i]!) * ws[i]!;
      const h = p * (1 - p) * ws[i]!;
      for (let j = 0; j < size; j++) {
        grad[j]! += g * x[j]!;
        for (let k = 0; k <= j; k++) hess[j]![k]! += h * x[j]! * x[k]!;
      }
    }
    for (let j = 0; j < size; j++) for (let k = j + 1; k < size; k++) hess[j]![k] = hess[k]![j]!;
    const delta = solve(hess, grad);
    w = w.map((wi, j) => wi - delta[j]!);
    onProgress?.((step + 1) / iterations);
    if (Math.max(...delta.map(Math.abs)) < 1e-7) break;
  }
  onProgress?.(1);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const weights = Object.fromEntries(names.map((n, j) => [n, round(w[j + 1]!)])) as Record<F, number>;
  return { intercept: round(w[0]!), weights };
}

/** Solves a x = b by Gaussian elimination with partial pivoting; a feature that never varies gets 0. */
function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const lead = m[col]![col]!;
    if (Math.abs(lead) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / lead;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}
