/**
 * `npm run bench`: measured speed of the BUILT extension (.output/chrome-mv3) in headless Chromium against
 * the local Calendly and Gmail stand-ins. Prints a table and a Markdown snippet for the README, and writes
 * bench-output/bench.json. Targets are printed beside the figures; nothing here fails on them.
 *
 *   click-to-insert (warm, stale, cold)  scripts/bench/inserts.ts
 *   API requests per insert ............ fake Calendly request log, between click and insertion
 *   entrypoint sizes ................... scripts/bench/sizes.ts
 *   compose observer cost .............. scripts/bench/observer.ts (A/B, its CSS rule and its MutationObserver amplified)
 *   frames painted without the button .. scripts/bench/first-frame.ts
 *   service worker heap ................ scripts/bench/worker-cdp.ts
 *
 * Env: BENCH_RUNS (inserts per mode, default 25), BENCH_NOISE_REPS (default 7), BENCH_NOISE_BURST (default 250),
 * BENCH_MEMORY_INSERTS (default 100), BENCH_FIRST_FRAME_N (composes, default 40), BENCH_EXTENSION_DIR (an unpacked
 * build to measure instead of .output/chrome-mv3, e.g. an older one for before/after figures), BENCH_WRITE_BASELINE
 * (with BENCH_EXTENSION_DIR: the commit of that build; its figures become issue 16's "before", see bench/compare.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { launchExtension } from '../e2e/support/browser';
import { createFakeCalendly } from '../e2e/support/fake-calendly';
import { GMAIL_PATHS, gmailPages } from '../e2e/support/gmail/pages';
import { startStandIns } from '../e2e/support/server';
import { insertOnce, installProbe, type InsertEnv, type InsertSample } from './bench/inserts';
import { GMAIL } from '../lib/gmail/selectors';
import { addedBodyScanner } from '../lib/gmail/observe';
import { firstFrame } from './bench/first-frame';
import { detectorRuleCost, observerCallbackCost, observerCost } from './bench/observer';
import { baselineFrom, comparisonMarkdown, comparisonText, type Baseline } from './bench/compare';
import { markdown, table, type BenchResult } from './bench/report';
import { entrypointSizes } from './bench/sizes';
import { summarize } from './bench/stats';
import { attachToExtensionWorker, heapAfterGc } from './bench/worker-cdp';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const NOISE_REPS = Number(process.env.BENCH_NOISE_REPS ?? 7);
const RULE_COPIES = 200;
const MEMORY_INSERTS = Number(process.env.BENCH_MEMORY_INSERTS ?? 100);
const NOISE_NODES = 10_000;
const NOISE_BURST = Number(process.env.BENCH_NOISE_BURST ?? 250);
const FIRST_FRAME_N = Number(process.env.BENCH_FIRST_FRAME_N ?? 40);
const OBSERVER_COPIES = 200;

const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

// Work on a copy of the build: a rebuild during the run must not change what is measured.
const built = resolve(process.env.BENCH_EXTENSION_DIR ?? '.output/chrome-mv3');
const work = mkdtempSync(join(tmpdir(), 'open-slots-bench-'));
const extensionDir = join(work, 'chrome-mv3');
cpSync(built, extensionDir, { recursive: true });
// The "without" browser loads an empty MV3 extension, so both browsers start the same way.
const emptyDir = join(work, 'empty');
mkdirSync(emptyDir);
writeFileSync(join(emptyDir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '0.0.0', background: { service_worker: 'sw.js' } }));
writeFileSync(join(emptyDir, 'sw.js'), '');

const sizes = entrypointSizes(extensionDir);
log(`sizes read from ${built}`);

const fake = createFakeCalendly();
const standIns = await startStandIns({ fakeCalendly: fake, gmailPages: gmailPages() });
const tz = 'America/New_York';
const app = await launchExtension({ port: standIns.port, extensionDir, tz });
const bare = await launchExtension({ port: standIns.port, extensionDir: emptyDir, tz });

try {
  const chromiumVersion = app.context.browser()?.version() ?? 'unknown';
  log(`Chromium ${chromiumVersion}, ${cpus().length} cores`);

  const options = await app.openExtensionPage('options.html');
  await options.getByLabel('Personal access token').fill('demo-token');
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByText(/^Connected as /).waitFor();
  await options.close();
  await app.installPage?.close().catch(() => undefined);

  const page = await app.context.newPage();
  await page.goto(`https://mail.google.com${GMAIL_PATHS.inbox}`);
  await page.evaluate(() => (window as unknown as { __gmail: { ready: Promise<void> } }).__gmail.ready);
  await installProbe(page);
  const env: InsertEnv = {
    page,
    context: app.context,
    extensionId: app.extensionId,
    fake,
    worker: () => app.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${app.extensionId}/`)) ?? app.serviceWorker,
  };

  // Warm-up (untimed): first paint of the button, JIT, the first fetch into the cache.
  for (let i = 0; i < 3; i++) await insertOnce(env, 'warm');
  log('warm inserts…');
  const warm: InsertSample[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await insertOnce(env, 'warm'));
  log('stale inserts (slots entry expired, worker stopped)…');
  const stale: InsertSample[] = [];
  for (let i = 0; i < RUNS; i++) stale.push(await insertOnce(env, 'stale'));
  log('cold inserts (session cache cleared, worker stopped)…');
  const cold: InsertSample[] = [];
  for (let i = 0; i < RUNS; i++) cold.push(await insertOnce(env, 'cold'));

  // The last cold insert started a fresh worker: measure its heap, then again after MEMORY_INSERTS warm inserts.
  log(`service worker heap over ${MEMORY_INSERTS} inserts…`);
  let worker = await attachToExtensionWorker(app.context, app.extensionId);
  const heapSeries: { inserts: number; usedSize: number; totalSize: number }[] = [];
  let restarted = false;
  const sampleHeap = async (inserts: number) => {
    const heap = await heapAfterGc(worker).catch(async () => {
      // The worker was replaced during the inserts (it should not be): measure the new one and say so.
      restarted = true;
      await worker.detach();
      worker = await attachToExtensionWorker(app.context, app.extensionId);
      return heapAfterGc(worker);
    });
    heapSeries.push({ inserts, usedSize: heap.usedSize, totalSize: heap.totalSize });
    return heap;
  };
  const heapStart = await sampleHeap(0);
  const memoryRequestsBefore = fake.requests.length;
  const memoryInserts: InsertSample[] = [];
  for (let i = 1; i <= MEMORY_INSERTS; i++) {
    memoryInserts.push(await insertOnce(env, 'warm'));
    if (i % 25 === 0 && i < MEMORY_INSERTS) await sampleHeap(i);
  }
  const heapEnd = await sampleHeap(MEMORY_INSERTS);
  await worker.detach();
  const memoryRequests = fake.requests.length - memoryRequestsBefore;

  log(`compose observer cost: ${NOISE_REPS} × addNoise(${NOISE_NODES}) with and without the extension…`);
  await page.close();
  const observer = await observerCost(app.context, bare.context, { nodes: NOISE_NODES, burst: NOISE_BURST, reps: NOISE_REPS });
  log(`detector rule cost, amplified ×${RULE_COPIES}, same page…`);
  const rule = await detectorRuleCost(app.context, { copies: RULE_COPIES, pairs: 5, batch: 1000, burst: NOISE_BURST });
  log(`first-frame MutationObserver callback cost, amplified ×${OBSERVER_COPIES}, same page…`);
  const callback = await observerCallbackCost(app.context, {
    copies: OBSERVER_COPIES,
    pairs: 5,
    batch: 1000,
    burst: NOISE_BURST,
    source: addedBodyScanner.toString(),
    bodySelector: GMAIL.body[0],
  });
  log(`frames painted without the button, ${FIRST_FRAME_N} composes…`);
  const frames = await firstFrame(app.context, { n: FIRST_FRAME_N });

  const result: BenchResult = {
    date: new Date().toISOString(),
    chromium: chromiumVersion,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), platform: `${process.platform} ${process.arch}`, node: process.version },
    build: built,
    insert: {
      warm: { ...summarize(warm.map((s) => s.ms)), samples: warm },
      stale: { ...summarize(stale.map((s) => s.ms)), samples: stale },
      cold: { ...summarize(cold.map((s) => s.ms)), samples: cold },
    },
    requestsPerInsert: {
      warm: summarize(warm.map((s) => s.requests.length)),
      stale: summarize(stale.map((s) => s.requests.length)),
      cold: summarize(cold.map((s) => s.requests.length)),
      warmPaths: [...new Set(warm.flatMap((s) => s.requests))],
      stalePaths: [...new Set(stale.flatMap((s) => s.requests))],
      coldPaths: [...new Set(cold.flatMap((s) => s.requests))],
    },
    sizes,
    observer,
    detectorRule: rule,
    observerCallback: callback,
    firstFrame: frames,
    serviceWorker: {
      method: 'Runtime.getHeapUsage after HeapProfiler.collectGarbage, on the worker target via a browser CDP session (Target.attachToTarget flatten:false + Target.sendMessageToTarget)',
      inserts: MEMORY_INSERTS,
      start: heapStart,
      end: heapEnd,
      series: heapSeries,
      restarted,
      requestsDuring: memoryRequests,
      insertMedianMs: summarize(memoryInserts.map((s) => s.ms)).median,
    },
    durationS: Math.round((Date.now() - started) / 1000),
  };

  mkdirSync('bench-output', { recursive: true });
  writeFileSync('bench-output/bench.json', JSON.stringify(result, null, 2) + '\n');
  console.log('\n' + table(result));

  // Issue 16's before -> after. The watcher of a build is its CSS rule, plus the first-frame observer when its
  // content script has one (builds before issue 16 did not).
  const hasObserver = readFileSync(join(extensionDir, 'content-scripts', 'gmail.js'), 'utf8').includes('MutationObserver');
  const baselineFile = 'scripts/bench/before-issue-16.json';
  const writeBaseline = process.env.BENCH_WRITE_BASELINE;
  let comparison = '';
  if (writeBaseline) {
    const baseline = baselineFrom(result, writeBaseline, 'the commit before issue 16', hasObserver);
    writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
    log(`wrote ${baselineFile} (the "before" of issue 16) from the build of ${writeBaseline}`);
  } else if (existsSync(baselineFile)) {
    const before = JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline;
    const after = baselineFrom(result, 'this build', 'this run', hasObserver);
    console.log('\n' + comparisonText(before, after));
    comparison = '\n\n' + comparisonMarkdown(before, after);
  }

  console.log('\nMarkdown for the README "Performance" section:\n');
  console.log(markdown(result) + comparison);
  log('wrote bench-output/bench.json');
} finally {
  await app.close();
  await bare.close();
  await standIns.close();
  rmSync(work, { recursive: true, force: true });
}
