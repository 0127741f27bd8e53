/**
 * Issue 16's before → after figures, printed by every `npm run bench`: frames painted without the button,
 * the watcher's cost per 1,000 unrelated nodes, and the warm click's p95.
 *
 * "Before" is a measurement, not a remembered number: this same bench run on the build of the commit before
 * issue 16's work (BENCH_EXTENSION_DIR pointing at that build, BENCH_WRITE_BASELINE naming its commit), its
 * figures kept in `before-issue-16.json` beside this file so a clone without that build still prints them.
 * See README "Performance" for the commands.
 */
import { alignedTable, signed, type BenchResult } from './report';

export interface Baseline {
  /** The commit whose build was measured, and what it is. */
  commit: string;
  about: string;
  measuredOn: string;
  chromium: string;
  cores: number;
  warm: { n: number; median: number; p95: number };
  framesWithout: { n: number; composesWithAFrameWithout: number };
  /** The watcher's parts, ms per 1,000 unrelated nodes (median of paired differences, 90% interval). */
  cssRule: { median: number; ci90: [number, number] };
  /** null: that build had no MutationObserver (its watcher was the CSS rule alone). */
  observer: { median: number; ci90: [number, number] } | null;
}

/** The watcher parts a build has: its content script either runs a MutationObserver or does not. */
export function baselineFrom(r: BenchResult, commit: string, about: string, hasObserver: boolean): Baseline {
  if (!r.firstFrame) throw new Error('a baseline needs the frames-without-button figure');
  if (hasObserver && !r.observerCallback) throw new Error('a baseline with an observer needs its cost');
  return {
    commit,
    about,
    measuredOn: r.date.slice(0, 10),
    chromium: r.chromium,
    cores: r.machine.cores,
    warm: { n: r.insert.warm.n, median: r.insert.warm.median, p95: r.insert.warm.p95 },
    framesWithout: { n: r.firstFrame.n, composesWithAFrameWithout: r.firstFrame.composesWithAFrameWithout },
    cssRule: r.detectorRule.perRule,
    observer: hasObserver ? r.observerCallback!.perObserver : null,
  };
}

const part = (p: { median: number; ci90: [number, number] }) =>
  `${signed(p.median, 3)} ms (90% CI ${signed(p.ci90[0], 3)}…${signed(p.ci90[1], 3)})`;

function watcher(b: Pick<Baseline, 'cssRule' | 'observer'>): string {
  const total = b.cssRule.median + (b.observer?.median ?? 0);
  return b.observer
    ? `${signed(total, 3)} ms: CSS rule ${part(b.cssRule)} + MutationObserver ${part(b.observer)}`
    : `${signed(total, 3)} ms: CSS rule ${part(b.cssRule)}, no MutationObserver`;
}

/** The three issue-16 rows, before and after; `after` is this run, read as a baseline of itself. */
type Cells = [string, string, string, string];
export function comparisonRows(before: Baseline, after: Baseline): [Cells, Cells, Cells] {
  const frames = (b: Baseline) => `${b.framesWithout.composesWithAFrameWithout} of ${b.framesWithout.n} composes`;
  const warm = (b: Baseline) => `p95 ${b.warm.p95.toFixed(1)} ms (median ${b.warm.median.toFixed(1)}, n=${b.warm.n})`;
  return [
    ['Frames painted without the button', frames(before), frames(after), `0 of ${after.framesWithout.n}`],
    ['Watcher cost per 1,000 unrelated nodes', watcher(before), watcher(after), '≤ +0.5 ms'],
    ['Warm click → first link', warm(before), warm(after), 'p95 ≤ 16 ms'],
  ];
}

export function comparisonHeading(before: Baseline): string {
  return (
    `Issue 16, before → after. Before: the build of ${before.commit} (${before.about}), measured with this bench on ` +
    `${before.measuredOn}, Chromium ${before.chromium}, ${before.cores} cores. After: this run.`
  );
}

export function comparisonText(before: Baseline, after: Baseline): string {
  return [comparisonHeading(before), '', alignedTable(['Measure', 'Before', 'After', 'Target'], comparisonRows(before, after))].join('\n');
}

export function comparisonMarkdown(before: Baseline, after: Baseline): string {
  return [
    comparisonHeading(before),
    '',
    '| Measure | Before | After | Target |',
    '|---|---|---|---|',
    ...comparisonRows(before, after).map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
