/**
 * Main-thread cost of the compose observer while a Gmail-like page adds unrelated nodes in bursts.
 * The same stand-in page (one compose open) runs in two browsers started the same way: one with Open Slots,
 * one with an empty MV3 extension. Around `__gmail.addNoise(n, { burst })` (bursts appended from
 * setTimeout tasks, then two animation frames so style, layout and any animationstart events are done),
 * CDP `Performance.getMetrics` in thread time gives TaskDuration (all main-thread tasks) and its Script,
 * RecalcStyle and Layout parts. Each repetition is a fresh page in each browser; the order alternates.
 * The cost is median(with) − median(without), with a bootstrap interval saying what the runs can resolve.
 *
 * Between two page loads the page's own cost varies by more than the target (1 ms per 1,000 nodes), so
 * `detectorRuleCost` and `observerCallbackCost` also estimate, amplified, the two per-node costs the
 * observer has: the browser matching its CSS rule (the animation safety net) against each new element, and
 * the first-frame MutationObserver's callback (issue 16). Nothing else of the content script runs per DOM
 * change (its other listeners are selectionchange, focusin and the animationstart one, whose events are
 * counted here).
 */
import type { BrowserContext, CDPSession } from 'playwright-core';
import { compose, openCompose } from '../../e2e/support/app';
import { GMAIL_PATHS } from '../../e2e/support/gmail/pages';
import { bootstrapMedian, bootstrapMedianDiff, median } from './stats';

export interface NoiseSample {
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** Our detector's animationstart events while the compose opened (proves the counter sees them). */
  detectorEventsAtOpen: number;
  /** ... and while the noise was added (0: no extension JS ran for the unrelated nodes). */
  detectorEventsDuringNoise: number;
}

type Metric = 'taskMs' | 'scriptMs' | 'styleMs' | 'layoutMs' | 'scriptStyleMs';
const METRICS: Metric[] = ['taskMs', 'scriptMs', 'styleMs', 'layoutMs', 'scriptStyleMs'];

async function metrics(cdp: CDPSession) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (list.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { taskMs: get('TaskDuration'), scriptMs: get('ScriptDuration'), styleMs: get('RecalcStyleDuration'), layoutMs: get('LayoutDuration') };
}

// Plain JavaScript strings: functions given to page.evaluate would carry tsx's `__name` helper.
const COUNT_DETECTOR_EVENTS = `(() => {
  window.__detectorEvents = 0;
  document.addEventListener('animationstart', (e) => {
    if (e.animationName.startsWith('open-slots-detect-')) window.__detectorEvents++;
  }, true);
})()`;
const ADD_NOISE = (n: number, burst: number) => `(async () => {
  await window.__gmail.addNoise(${n}, { burst: ${burst} });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
})()`;

export async function noiseOnce(context: BrowserContext, withExtension: boolean, nodes: number, burst: number): Promise<NoiseSample> {
  const page = await context.newPage();
  try {
    await page.goto(`https://mail.google.com${GMAIL_PATHS.inbox}`);
    await page.evaluate('window.__gmail.ready');
    await page.evaluate(COUNT_DETECTOR_EVENTS);
    const id = await openCompose(page, 'mole');
    if (withExtension) await compose(page, id).getByRole('button', { name: 'Insert open slots' }).waitFor();
    await page.waitForTimeout(300); // let the compose's prefetch and first paint settle
    const detectorEventsAtOpen = (await page.evaluate('window.__detectorEvents')) as number;
    const cdp = await context.newCDPSession(page);
    // Thread time: what the main thread itself spent, not time it waited for a core (2 browsers, few cores).
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const before = await metrics(cdp);
    await page.evaluate(ADD_NOISE(nodes, burst));
    const after = await metrics(cdp);
    const detectorEventsDuringNoise = ((await page.evaluate('window.__detectorEvents')) as number) - detectorEventsAtOpen;
    await cdp.detach();
    return {
      taskMs: after.taskMs - before.taskMs,
      scriptMs: after.scriptMs - before.scriptMs,
      styleMs: after.styleMs - before.styleMs,
      layoutMs: after.layoutMs - before.layoutMs,
      detectorEventsAtOpen,
      detectorEventsDuringNoise,
    };
  } finally {
    await page.close();
  }
}

export interface ObserverCost {
  nodes: number;
  burst: number;
  reps: number;
  without: NoiseSample[];
  with: NoiseSample[];
  /** Medians per 1,000 added nodes (ms of main-thread time), and the difference with its 90% interval. */
  perThousand: Record<Metric, { with: number; without: number; cost: number; ci90: [number, number] }>;
  detectorEventsAtOpen: number;
  detectorEventsDuringNoise: number;
}

const value = (s: NoiseSample, m: Metric) => (m === 'scriptStyleMs' ? s.scriptMs + s.styleMs : s[m]);

export async function observerCost(
  ext: BrowserContext,
  bare: BrowserContext,
  opts: { nodes: number; burst: number; reps: number },
): Promise<ObserverCost> {
  const without: NoiseSample[] = [];
  const withExt: NoiseSample[] = [];
  // One untimed round each, so the HTTP, code and font caches are warm in both browsers.
  await noiseOnce(bare, false, opts.nodes, opts.burst);
  await noiseOnce(ext, true, opts.nodes, opts.burst);
  for (let i = 0; i < opts.reps; i++) {
    const runBare = async () => without.push(await noiseOnce(bare, false, opts.nodes, opts.burst));
    const runExt = async () => withExt.push(await noiseOnce(ext, true, opts.nodes, opts.burst));
    if (i % 2 === 0) await runBare().then(runExt);
    else await runExt().then(runBare);
  }
  const k = 1000 / opts.nodes;
  const perThousand = Object.fromEntries(
    METRICS.map((m) => {
      const w = withExt.map((s) => value(s, m) * k);
      const wo = without.map((s) => value(s, m) * k);
      return [m, { with: median(w), without: median(wo), cost: median(w) - median(wo), ci90: bootstrapMedianDiff(w, wo) }];
    }),
  ) as ObserverCost['perThousand'];
  return {
    ...opts,
    without,
    with: withExt,
    perThousand,
    detectorEventsAtOpen: Math.min(...withExt.map((s) => s.detectorEventsAtOpen)),
    detectorEventsDuringNoise: Math.max(...withExt.map((s) => s.detectorEventsDuringNoise)),
  };
}

export interface DetectorRuleCost {
  copies: number;
  pairs: number;
  batch: number;
  burst: number;
  /** Per pair: RecalcStyleDuration with the extra copies and without, ms per 1,000 nodes. */
  style: [number, number][];
  /** Median paired difference divided by `copies`: one detector rule, ms per 1,000 nodes (90% interval). */
  perRule: { median: number; ci90: [number, number] };
}

/** Adds `copies` copies of the page's detector stylesheet (new animation names, disabled), or toggles them. */
const AMPLIFY = (copies: number) => `(() => {
  const real = document.querySelector('style[data-open-slots-observer]');
  if (!real) throw new Error('no detector stylesheet in the page');
  const name = real.getAttribute('data-open-slots-observer');
  const style = document.createElement('style');
  style.id = 'bench-amplified';
  let text = '';
  for (let i = 0; i < ${copies}; i++) text += real.textContent.split(name).join('bench-amp-' + i);
  style.textContent = text;
  document.head.append(style);
  style.disabled = true;
  document.body.getBoundingClientRect();
})()`;
const SET_AMPLIFIED = (on: boolean) => `(() => {
  document.getElementById('bench-amplified').disabled = ${!on};
  document.body.getBoundingClientRect(); // flush the restyle the toggle itself causes
})()`;

/**
 * One amplified, paired measurement in ONE page with the extension (its compose open, button mounted): `setup`
 * (page script) adds `copies` copies of the thing measured, `toggle(on)` switches them on or off, and between
 * toggles a batch of unrelated nodes is added; the `metric` per batch is recorded on/off in ABBA order (on/off,
 * then off/on, so the growing page weighs on both sides alike), and the median paired difference, divided by
 * `copies`, is the cost of one copy per 1,000 nodes, with its bootstrap 90% interval.
 */
async function pairedAmplified(
  ext: BrowserContext,
  opts: { copies: number; pairs: number; batch: number; burst: number },
  subject: { setup: string; toggle: (on: boolean) => string; metric: 'styleMs' | 'taskMs' },
): Promise<{ pairs: [number, number][]; perCopy: { median: number; ci90: [number, number] } }> {
  const page = await ext.newPage();
  try {
    await page.goto(`https://mail.google.com${GMAIL_PATHS.inbox}`);
    await page.evaluate('window.__gmail.ready');
    const id = await openCompose(page, 'mole');
    await compose(page, id).getByRole('button', { name: 'Insert open slots' }).waitFor();
    await page.evaluate(subject.setup);
    await page.waitForTimeout(300);
    const cdp = await ext.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const k = 1000 / opts.batch;
    const batch = async (on: boolean) => {
      await page.evaluate(subject.toggle(on));
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      const before = await metrics(cdp);
      await page.evaluate(ADD_NOISE(opts.batch, opts.burst));
      const after = await metrics(cdp);
      return (after[subject.metric] - before[subject.metric]) * k;
    };
    await batch(true); // untimed
    const pairs: [number, number][] = [];
    for (let i = 0; i < opts.pairs; i++) {
      const first = i % 2 === 0;
      const a = await batch(first);
      const b = await batch(!first);
      pairs.push(first ? [a, b] : [b, a]);
    }
    await cdp.detach();
    const diffs = pairs.map(([on, off]) => (on - off) / opts.copies);
    return { pairs, perCopy: { median: median(diffs), ci90: bootstrapMedian(diffs) } };
  } finally {
    await page.close();
  }
}

/**
 * The per-node cost of the detector's CSS rule, amplified: the page's own cost varies between runs by
 * more than one rule costs, so `copies` copies of the rule (same selectors) are switched on and off
 * between batches of nodes (`pairedAmplified`), and the difference in style-recalc time is divided by
 * `copies`. Assumes matching cost is linear in the number of rules.
 */
export async function detectorRuleCost(
  ext: BrowserContext,
  opts: { copies: number; pairs: number; batch: number; burst: number },
): Promise<DetectorRuleCost> {
  const { pairs, perCopy } = await pairedAmplified(ext, opts, { setup: AMPLIFY(opts.copies), toggle: SET_AMPLIFIED, metric: 'styleMs' });
  return { ...opts, style: pairs, perRule: perCopy };
}

export interface ObserverCallbackCost {
  copies: number;
  pairs: number;
  batch: number;
  burst: number;
  /** Per pair: main-thread TaskDuration with the copies observing and without, ms per 1,000 nodes. */
  task: [number, number][];
  /** Median paired difference divided by `copies`: one observer, ms per 1,000 nodes (90% interval). */
  perObserver: { median: number; ci90: [number, number] };
}

/** `copies` MutationObservers running our first-frame callback (its own source), switched on and off. */
const INSTALL_CALLBACK_COPIES = (source: string, bodySelector: string, copies: number) => `(() => {
  var __name = (f) => f; // in case the bench's TypeScript runner named a function in the source
  const make = (${source});
  const list = [];
  for (let i = 0; i < ${copies}; i++) list.push(new MutationObserver(make(${JSON.stringify(bodySelector)}, () => {}, () => {})));
  window.__benchObservers = {
    on() { for (const o of list) o.observe(document, { childList: true, subtree: true }); },
    off() { for (const o of list) o.disconnect(); },
  };
})()`;

/**
 * The per-node cost of the first-frame MutationObserver, amplified like `detectorRuleCost`: the page's own
 * cost varies between loads by more than one observer costs, so `copies` observers running the SAME
 * callback (lib/gmail/observe.ts `addedBodyScanner`, its source passed in) are switched on and off between
 * batches of unrelated nodes (`pairedAmplified`), and the difference in main-thread time is divided by
 * `copies`. The extension's own observer runs in both halves, so only the copies differ.
 */
export async function observerCallbackCost(
  ext: BrowserContext,
  opts: { copies: number; pairs: number; batch: number; burst: number; source: string; bodySelector: string },
): Promise<ObserverCallbackCost> {
  const { copies, pairs: n, batch, burst } = opts;
  const { pairs, perCopy } = await pairedAmplified(ext, { copies, pairs: n, batch, burst }, {
    setup: INSTALL_CALLBACK_COPIES(opts.source, opts.bodySelector, copies),
    toggle: (on) => (on ? 'window.__benchObservers.on()' : 'window.__benchObservers.off()'),
    metric: 'taskMs',
  });
  return { copies, pairs: n, batch, burst, task: pairs, perObserver: perCopy };
}
