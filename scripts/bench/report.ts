/** The benchmark's printed table and README snippet, from one result object (also bench.json). */
import type { InsertSample } from './inserts';
import type { FirstFrameResult } from './first-frame';
import type { DetectorRuleCost, ObserverCallbackCost, ObserverCost } from './observer';
import type { EntrySize } from './sizes';
import type { Summary } from './stats';
import type { HeapUsage } from './worker-cdp';

type Timed = Summary & { samples: InsertSample[] };

export interface BenchResult {
  date: string;
  chromium: string;
  machine: { cores: number; cpu: string; memoryGB: number; platform: string; node: string };
  build: string;
  insert: { warm: Timed; stale: Timed; cold: Timed };
  requestsPerInsert: { warm: Summary; stale: Summary; cold: Summary; warmPaths: string[]; stalePaths: string[]; coldPaths: string[] };
  sizes: EntrySize[];
  observer: ObserverCost;
  detectorRule: DetectorRuleCost;
  /** The first-frame MutationObserver's callback (absent in results from before issue 16). */
  observerCallback?: ObserverCallbackCost;
  firstFrame?: FirstFrameResult;
  serviceWorker: {
    method: string;
    inserts: number;
    start: HeapUsage;
    end: HeapUsage;
    series: { inserts: number; usedSize: number; totalSize: number }[];
    restarted: boolean;
    requestsDuring: number;
    insertMedianMs: number;
  };
  durationS: number;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
export const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
const check = (ok: boolean) => (ok ? 'yes' : 'NO');

interface Row {
  measure: string;
  result: string;
  target: string;
  met: string;
}

function requestsText(s: Summary, paths: string[]): string {
  const counts = s.min === s.max ? `${s.max}` : `median ${s.median}, max ${s.max}`;
  return `${counts}${paths.length ? ` (${paths.join(', ')})` : ''}`;
}

export function rows(r: BenchResult): Row[] {
  const { warm, stale, cold } = r.insert;
  const req = r.requestsPerInsert;
  const o = r.observer;
  const task = o.perThousand.taskMs;
  const ss = o.perThousand.scriptStyleMs;
  const sw = r.serviceWorker;
  const rule = r.detectorRule.perRule;
  // Met only when the whole interval is under the target; "unresolved" when the runs cannot tell.
  const met = (ci: [number, number]) => (ci[1] < 1 ? 'yes' : ci[0] >= 1 ? 'NO' : 'unresolved');
  const out: Row[] = [
    { measure: `Click to insert, warm (n=${warm.n})`, result: `median ${ms(warm.median)}, p95 ${ms(warm.p95)}`, target: 'p95 ≤ 16 ms (one frame)', met: check(warm.p95 <= 16) },
    { measure: `Click to insert, stale (n=${stale.n})`, result: `median ${ms(stale.median)}, p95 ${ms(stale.p95)}`, target: '', met: '' },
    { measure: `Click to insert, cold (n=${cold.n})`, result: `median ${ms(cold.median)}, p95 ${ms(cold.p95)}`, target: '', met: '' },
    { measure: 'API requests per insert, warm', result: requestsText(req.warm, req.warmPaths), target: '0', met: check(req.warm.max === 0) },
    { measure: 'API requests per insert, stale', result: requestsText(req.stale, req.stalePaths), target: '', met: '' },
    { measure: 'API requests per insert, cold', result: requestsText(req.cold, req.coldPaths), target: '', met: '' },
  ];
  for (const s of r.sizes) {
    const isContent = s.name.startsWith('content script');
    out.push({
      measure: `Size: ${s.name}`,
      result: `${kb(s.raw)} raw, ${kb(s.gzip)} gzip`,
      target: isContent ? '< 25 KB gzip' : '',
      met: isContent ? check(s.gzip < 25 * 1024) : '',
    });
  }
  out.push(
    {
      measure: `Observer cost per 1,000 added nodes, A/B (${o.reps} runs each)`,
      result: `${signed(task.cost)} ms main thread, 90% CI ${signed(task.ci90[0])}…${signed(task.ci90[1])} (with ${ms(task.with)}, without ${ms(task.without)})`,
      target: '< 1 ms',
      met: met(task.ci90),
    },
    {
      measure: '  … script + style recalc only',
      result: `${signed(ss.cost)} ms, 90% CI ${signed(ss.ci90[0])}…${signed(ss.ci90[1])} (with ${ms(ss.with)}, without ${ms(ss.without)})`,
      target: '',
      met: '',
    },
    {
      measure: `  … its CSS rule alone (×${r.detectorRule.copies} amplified, ${r.detectorRule.pairs} pairs)`,
      result: `${signed(rule.median, 3)} ms style recalc, 90% CI ${signed(rule.ci90[0], 3)}…${signed(rule.ci90[1], 3)}`,
      target: '< 1 ms',
      met: met(rule.ci90),
    },
    ...(r.observerCallback
      ? [
          {
            measure: `  … its MutationObserver alone (×${r.observerCallback.copies} amplified, ${r.observerCallback.pairs} pairs)`,
            result: `${signed(r.observerCallback.perObserver.median, 3)} ms main thread, 90% CI ${signed(r.observerCallback.perObserver.ci90[0], 3)}…${signed(r.observerCallback.perObserver.ci90[1], 3)}`,
            target: '≤ +0.5 ms',
            met: r.observerCallback.perObserver.ci90[1] <= 0.5 ? 'yes' : r.observerCallback.perObserver.ci90[0] > 0.5 ? 'NO' : 'unresolved',
          },
        ]
      : []),
    {
      measure: `  … detector animationstart events`,
      result: `${o.detectorEventsDuringNoise} during the ${o.nodes.toLocaleString('en-US')} nodes (${o.detectorEventsAtOpen} when the compose opened)`,
      target: '',
      met: '',
    },
    ...(r.firstFrame
      ? [
          {
            measure: `Frames painted without the button (${r.firstFrame.n} composes: ${r.firstFrame.kinds.join(', ')})`,
            result: `${r.firstFrame.composesWithAFrameWithout} of ${r.firstFrame.n} composes had one (frames per compose: ${[...new Set(r.firstFrame.framesWithout)].sort().join('/')})`,
            target: `0 of ${r.firstFrame.n}`,
            met: check(r.firstFrame.composesWithAFrameWithout === 0),
          },
        ]
      : []),
    {
      measure: `Service worker JS heap after ${sw.inserts} inserts`,
      result:
        `${mb(sw.end.usedSize)} used after GC (${sw.series.map((p) => (p.usedSize / 2 ** 20).toFixed(2)).join(' / ')} MB after ` +
        `${sw.series.map((p) => p.inserts).join(' / ')} inserts)` +
        (sw.restarted ? ', worker restarted' : ''),
      target: '',
      met: '',
    },
  );
  return out;
}

/** Rows of cells as a plain-text table: a header, a rule, columns padded to their widest cell. */
export function alignedTable(head: readonly string[], body: readonly (readonly string[])[]): string {
  const width = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(width[i]!)).join(' | ').trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n');
}

export function table(r: BenchResult): string {
  return [
    `Open Slots benchmark, ${r.date}`,
    `Chromium ${r.chromium}, ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.platform}, Node ${r.machine.node}`,
    '',
    alignedTable(['Measure', 'Result', 'Target', 'Met'], rows(r).map((x) => [x.measure, x.result, x.target, x.met])),
  ].join('\n');
}

export function markdown(r: BenchResult): string {
  const day = r.date.slice(0, 10);
  const md = rows(r).map((x) => `| ${x.measure.replace(/^ +/, '')} | ${x.result} | ${x.target || '—'} | ${x.met} |`);
  return [
    `Measured on ${day} with \`npm run bench\`: the built extension in headless Chromium ${r.chromium} on ${r.machine.cores} CPU cores, against the local Calendly and Gmail stand-ins (Calendly answers over loopback HTTPS here; real network time comes on top of the stale and cold figures).`,
    '',
    '| Measure | Result | Target | Met |',
    '|---|---|---|---|',
    ...md,
    '',
    '- **Click to insert**: measured in the page, from the click event on the button to the first slot link in the draft (MutationObserver), one fresh compose per run. *Warm*: the answer prefetched when the compose opened is cached. *Stale*: the cached slots have expired (60 s TTL) and the service worker has stopped (30 s idle), as when you click a few minutes after opening the compose; event types are still cached. *Cold*: session cache cleared and service worker stopped.',
    '- **API requests**: requests Calendly (the stand-in) received between the click and the insertion.',
    '- **Sizes**: files in `.output/chrome-mv3`, gzip per file (zlib default level) and summed per entrypoint; a page includes its shared chunks and CSS. 1 KB = 1024 bytes.',
    `- **Observer cost**: main-thread time (CDP \`Performance.getMetrics\` TaskDuration, thread time) while the Gmail stand-in adds ${r.observer.nodes.toLocaleString('en-US')} unrelated elements in bursts of ${r.observer.burst}; median with the extension minus median with an empty extension, per 1,000 nodes. The interval (bootstrap) shows what ${r.observer.reps} runs can resolve: the page's own cost varies more between runs than the observer adds.`,
    `- **Frames painted without the button**: the stand-in inserts a compose (mole or inline reply, alternately) in one task; a probe in the page checks at every \`requestAnimationFrame\` (after tasks, microtasks and animation events, before paint) whether our \`open-slots-button\` host is in it, and counts the frames until it is.`,
    `- **Its MutationObserver alone**: copies of the first-frame observer's callback (its own source) observing the page, switched on and off between batches of 1,000 unrelated nodes in one page (paired), the difference in main-thread time divided by the number of copies.`,
    `- **Its CSS rule alone**: the animation safety net runs no JavaScript for unrelated nodes (0 animationstart events), so its per-node cost is the browser matching its one CSS rule. Measured amplified: ${r.detectorRule.copies} copies of the rule switched on and off between batches of ${r.detectorRule.batch.toLocaleString('en-US')} nodes in one page (paired), the difference in style-recalc time divided by ${r.detectorRule.copies}.`,
    `- **Service worker heap**: \`Runtime.getHeapUsage\` on the worker (a browser CDP session attached to its target) after a forced GC, every 25 of ${r.serviceWorker.inserts} warm inserts, starting from a freshly started worker.`,
  ].join('\n');
}
