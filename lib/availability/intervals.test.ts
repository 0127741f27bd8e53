import { describe, expect, it } from 'vitest';
import { intersectIntervals, mergeIntervals, subtractIntervals, totalMs, type Interval } from './intervals';

const iv = (...pairs: [number, number][]): Interval[] => pairs.map(([start, end]) => ({ start, end }));

describe('mergeIntervals', () => {
  it.each([
    { name: 'empty', xs: iv(), out: iv() },
    { name: 'unsorted disjoint', xs: iv([5, 6], [1, 2]), out: iv([1, 2], [5, 6]) },
    { name: 'overlapping', xs: iv([1, 4], [3, 6]), out: iv([1, 6]) },
    { name: 'touching', xs: iv([1, 3], [3, 5]), out: iv([1, 5]) },
    { name: 'contained', xs: iv([1, 10], [2, 3]), out: iv([1, 10]) },
    { name: 'drops empty and inverted', xs: iv([2, 2], [5, 4], [7, 8]), out: iv([7, 8]) },
  ])('$name', ({ xs, out }) => {
    expect(mergeIntervals(xs)).toEqual(out);
  });

  it('does not mutate its input', () => {
    const xs = iv([3, 6], [1, 4]);
    mergeIntervals(xs);
    expect(xs).toEqual(iv([3, 6], [1, 4]));
  });
});

describe('subtractIntervals', () => {
  it.each([
    { name: 'nothing to subtract', a: iv([0, 10]), b: iv(), out: iv([0, 10]) },
    { name: 'hole in the middle', a: iv([0, 10]), b: iv([3, 5]), out: iv([0, 3], [5, 10]) },
    { name: 'covers the start', a: iv([0, 10]), b: iv([-5, 2]), out: iv([2, 10]) },
    { name: 'covers the end', a: iv([0, 10]), b: iv([8, 20]), out: iv([0, 8]) },
    { name: 'covers everything', a: iv([0, 10]), b: iv([0, 10]), out: iv() },
    { name: 'one cut across two', a: iv([0, 4], [6, 10]), b: iv([3, 7]), out: iv([0, 3], [7, 10]) },
    { name: 'several holes', a: iv([0, 10]), b: iv([1, 2], [4, 5], [9, 12]), out: iv([0, 1], [2, 4], [5, 9]) },
    { name: 'disjoint', a: iv([0, 2]), b: iv([5, 6]), out: iv([0, 2]) },
  ])('$name', ({ a, b, out }) => {
    expect(subtractIntervals(a, b)).toEqual(out);
  });
});

describe('intersectIntervals', () => {
  it.each([
    { name: 'disjoint', a: iv([0, 2]), b: iv([3, 4]), out: iv() },
    { name: 'touching only', a: iv([0, 2]), b: iv([2, 4]), out: iv() },
    { name: 'overlap', a: iv([0, 5]), b: iv([3, 8]), out: iv([3, 5]) },
    { name: 'many against one', a: iv([0, 2], [4, 6], [8, 10]), b: iv([1, 9]), out: iv([1, 2], [4, 6], [8, 9]) },
    { name: 'unmerged inputs', a: iv([0, 3], [2, 6]), b: iv([1, 2], [1, 4]), out: iv([1, 4]) },
  ])('$name', ({ a, b, out }) => {
    expect(intersectIntervals(a, b)).toEqual(out);
    expect(intersectIntervals(b, a)).toEqual(out);
  });
});

describe('totalMs', () => {
  it.each([
    { xs: iv(), out: 0 },
    { xs: iv([0, 10], [20, 25]), out: 15 },
    { xs: iv([0, 10], [5, 15]), out: 15 },
  ])('$xs.length intervals -> $out', ({ xs, out }) => {
    expect(totalMs(xs)).toBe(out);
  });
});
