/**
 * Half-open time intervals in epoch milliseconds and the set operations the figures are built from.
 * Every function returns a sorted, merged list and never mutates its inputs.
 */

/** A half-open interval `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** Sorts and merges overlapping or touching intervals; drops empty or inverted ones. */
export function mergeIntervals(xs: readonly Interval[]): Interval[] {
  const sorted = xs
    .filter((x) => Number.isFinite(x.start) && Number.isFinite(x.end) && x.end > x.start)
    .map((x) => ({ start: x.start, end: x.end }))
    .sort((p, q) => p.start - q.start || p.end - q.end);
  const out: Interval[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push(x);
  }
  return out;
}

/** The parts of `a` not covered by `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cuts = mergeIntervals(b);
  const out: Interval[] = [];
  let j = 0;
  for (const x of mergeIntervals(a)) {
    let cursor = x.start;
    // Cuts ending before this interval can never matter again: `a` is sorted too.
    while (j < cuts.length && cuts[j]!.end <= cursor) j++;
    for (let k = j; k < cuts.length && cuts[k]!.start < x.end; k++) {
      const cut = cuts[k]!;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= x.end) break;
    }
    if (cursor < x.end) out.push({ start: cursor, end: x.end });
  }
  return out;
}

/** The parts covered by both `a` and `b`. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const p = mergeIntervals(a);
  const q = mergeIntervals(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < p.length && j < q.length) {
    const x = p[i]!;
    const y = q[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Total length in milliseconds, counting overlapping parts once. */
export function totalMs(xs: readonly Interval[]): number {
  return mergeIntervals(xs).reduce((sum, x) => sum + (x.end - x.start), 0);
}
