import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFrom, comparisonMarkdown, comparisonRows, type Baseline } from './compare';
import type { BenchResult } from './report';

function result(over: { p95: number; framesWith: number; rule: number; observer?: number }): BenchResult {
  const summary = { n: 25, median: over.p95 - 1, p95: over.p95, min: 1, max: over.p95 };
  return {
    date: '2026-12-06T12:00:00.000Z',
    chromium: '156',
    machine: { cores: 2, cpu: 'x', memoryGB: 8, platform: 'linux x64', node: 'v20' },
    insert: { warm: { ...summary, samples: [] } },
    detectorRule: { perRule: { median: over.rule, ci90: [over.rule - 0.01, over.rule + 0.01] } },
    ...(over.observer === undefined ? {} : { observerCallback: { perObserver: { median: over.observer, ci90: [0.1, 0.3] } } }),
    firstFrame: { n: 40, kinds: ['mole'], framesWithout: [], composesWithAFrameWithout: over.framesWith, maxFrames: 3 },
  } as unknown as BenchResult;
}

describe('issue 16 before → after', () => {
  it('a build without a MutationObserver is charged its CSS rule only, even though the bench measured one', () => {
    const before = baselineFrom(result({ p95: 15.3, framesWith: 40, rule: 0.001, observer: 0.25 }), 'abc1234', 'before', false);
    expect(before.observer).toBeNull();
    const after = baselineFrom(result({ p95: 5.8, framesWith: 0, rule: 0.003, observer: 0.203 }), 'this build', 'this run', true);
    const [frames, watcher, warm] = comparisonRows(before, after);
    expect(frames).toEqual(['Frames painted without the button', '40 of 40 composes', '0 of 40 composes', '0 of 40']);
    expect(watcher[1]).toMatch(/^\+0\.001 ms: CSS rule .*no MutationObserver$/);
    expect(watcher[2]).toMatch(/^\+0\.206 ms: CSS rule \+0\.003 ms .* \+ MutationObserver \+0\.203 ms/);
    expect(warm[1]).toBe('p95 15.3 ms (median 14.3, n=25)');
    expect(warm[2]).toBe('p95 5.8 ms (median 4.8, n=25)');
    expect(comparisonMarkdown(before, after)).toContain('build of abc1234');
  });

  it('refuses a baseline without the frames figure or the observer it claims', () => {
    const noFrames = { ...result({ p95: 5, framesWith: 0, rule: 0 }), firstFrame: undefined } as BenchResult;
    expect(() => baselineFrom(noFrames, 'x', 'y', false)).toThrow(/frames/);
    expect(() => baselineFrom(result({ p95: 5, framesWith: 0, rule: 0 }), 'x', 'y', true)).toThrow(/observer/);
  });

  it('the committed "before" is a whole baseline (npm run bench prints it in every clone)', () => {
    const before = JSON.parse(readFileSync(join(__dirname, 'before-issue-16.json'), 'utf8')) as Baseline;
    expect(before.commit).toMatch(/^[0-9a-f]{7,40}$/);
    for (const x of [before.warm.p95, before.warm.median, before.cssRule.median, ...before.cssRule.ci90]) expect(Number.isFinite(x)).toBe(true);
    expect(before.framesWithout.composesWithAFrameWithout).toBeLessThanOrEqual(before.framesWithout.n);
    expect(() => comparisonRows(before, before)).not.toThrow();
  });
});
