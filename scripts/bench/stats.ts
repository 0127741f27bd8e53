/** Small statistics for the benchmark: nearest-rank percentiles over a sample. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Deterministic PRNG (mulberry32), so the bootstrap gives the same interval for the same samples. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percentile-bootstrap interval of median(a) − median(b): resamples each side with replacement.
 * Tells whether a small difference is resolved by the runs at all.
 */
export function bootstrapMedianDiff(a: readonly number[], b: readonly number[], level = 0.9, iterations = 4000): [number, number] {
  const random = rng(0x5eed);
  const draw = (xs: readonly number[]) => median(Array.from({ length: xs.length }, () => xs[Math.floor(random() * xs.length)]!));
  const diffs = Array.from({ length: iterations }, () => draw(a) - draw(b));
  const tail = ((1 - level) / 2) * 100;
  return [percentile(diffs, tail), percentile(diffs, 100 - tail)];
}

/** Percentile-bootstrap interval of median(xs), e.g. of paired differences. */
export function bootstrapMedian(xs: readonly number[], level = 0.9, iterations = 4000): [number, number] {
  const random = rng(0x5eed);
  const meds = Array.from({ length: iterations }, () => median(Array.from({ length: xs.length }, () => xs[Math.floor(random() * xs.length)]!)));
  const tail = ((1 - level) / 2) * 100;
  return [percentile(meds, tail), percentile(meds, 100 - tail)];
}
