/**
 * Click-to-insert timing, measured inside the Gmail stand-in page (main world): a capturing `click`
 * listener on `document` stamps `performance.now()` when the click reaches our button (the click inside
 * its shadow root bubbles out retargeted to the `<open-slots-button>` host), and a MutationObserver on
 * the compose body stamps the first moment an `a[href^="https://calendly.com/"]` is in it. Each run uses
 * a fresh compose (older ones closed) and counts the fake Calendly's requests between click and insertion.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { compose, openCompose } from '../../e2e/support/app';
import { stopServiceWorker } from '../../e2e/support/browser';
import { clearSessionCache } from '../../e2e/support/faults';
import type { FakeCalendly } from '../../e2e/support/fake-calendly';

/** `chrome.storage.session` as seen inside the worker (the evaluated functions run there, not here). */
declare const chrome: {
  storage: { session: { get(keys: null): Promise<Record<string, unknown>>; clear(): Promise<void> } };
};

export interface InsertSample {
  ms: number;
  requests: string[];
  links: number;
}

export interface InsertEnv {
  page: Page;
  context: BrowserContext;
  extensionId: string;
  fake: FakeCalendly;
  /** The extension's worker handle (Playwright keeps it across stop/restart). */
  worker(): Worker;
}

/**
 * The in-page probe, as plain JavaScript: a function passed to `page.evaluate` would be compiled by tsx,
 * whose helpers (`__name`) do not exist in the page.
 */
const PROBE = String.raw`(() => {
  if (window.__bench) return;
  const LINK = 'a[href^="https://calendly.com/"]';
  const state = { clickAt: null, result: null };
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest('open-slots-button') && state.clickAt === null) state.clickAt = performance.now();
  }, true);
  window.__bench = {
    // Puts the caret on the body's first line, then waits for our links to land in the body.
    arm(id) {
      state.clickAt = null;
      const body = window.__gmail.root(id)?.querySelector('[g_editable="true"]');
      if (!body) throw new Error('no body in compose ' + id);
      if (body.querySelector(LINK)) throw new Error('body already holds a calendly link');
      const range = document.createRange();
      range.setStart(body.firstElementChild ?? body, 0);
      range.collapse(true);
      body.focus();
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      state.result = new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
          const insertedAt = performance.now();
          if (!body.querySelector(LINK)) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve({ clickAt: state.clickAt, insertedAt, links: body.querySelectorAll(LINK).length });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error('no calendly link inserted within 15 s (click seen: ' + (state.clickAt !== null) + ')'));
        }, 15000);
        observer.observe(body, { childList: true, subtree: true });
      });
    },
    result: () => state.result,
  };
})()`;

/** Installs `window.__bench` in the page's main world (idempotent). */
export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the prefetch sent when the compose opened has done its work: no request to the fake is
 * pending and the session cache holds a slots entry valid for at least `marginMs` more. Reads the cache
 * as lib/background/service.ts and cache.ts write it: keys `slots:…`, values `{ value, expiresAt }`.
 */
async function waitForWarmCache(env: InsertEnv, marginMs: number, timeoutMs = 8_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const pending = env.fake.requests.some((r) => r.status === undefined);
    if (!pending) {
      const freshest = await env
        .worker()
        .evaluate(async () => {
          const all = (await chrome.storage.session.get(null)) as Record<string, { expiresAt?: number }>;
          return Math.max(0, ...Object.entries(all).filter(([k]) => k.startsWith('slots:')).map(([, v]) => v.expiresAt ?? 0));
        })
        .catch(() => 0);
      if (freshest - Date.now() > marginMs) return true;
    }
    await sleep(25);
  }
  return false;
}

/**
 * What the background holds when the button is clicked:
 * - `warm`: the answer the compose's prefetch put in the session cache, worker running;
 * - `stale`: the slots entry gone (its TTL is 60 s) but event types still cached (5 min), worker stopped:
 *   a click 1 to 5 minutes after the compose opened;
 * - `cold`: session cache cleared and worker stopped: first click after the browser (or cache) started.
 */
export type InsertMode = 'warm' | 'stale' | 'cold';

/** One insert into a fresh compose, with the background in `mode`. */
export async function insertOnce(env: InsertEnv, mode: InsertMode): Promise<InsertSample> {
  const { page } = env;
  for (let attempt = 0; ; attempt++) {
    await page.evaluate(() => {
      const gmail = (window as unknown as { __gmail: { ids(): string[]; close(id: string): void } }).__gmail;
      for (const id of gmail.ids()) gmail.close(id);
    });
    // Stale and cold: empty the cache first, so that the entry awaited below is the one this compose's
    // prefetch wrote; a prefetch still on its way would otherwise refill the cache after we empty it.
    if (mode !== 'warm') await env.worker().evaluate(() => chrome.storage.session.clear());
    // The pointer away from where the new compose's button appears: a pointer resting on the button makes the
    // content script refresh its answer (the intent prefetch, lib/gmail/mount.ts), which would refill the
    // cache this mode has just emptied. (Found 2026-12-06: stale and cold rows had 0 requests because of it.)
    await page.mouse.move(0, 0);
    const id = await openCompose(page, 'mole');
    const button = compose(page, id).getByRole('button', { name: 'Insert open slots' });
    await button.waitFor();
    // The click must find the prefetched answer (2 s of TTL left is plenty for one click).
    if (!(await waitForWarmCache(env, 2_000))) {
      if (attempt < 2) continue; // the entry expired just as this compose's prefetch read it: open another
      throw new Error('the prefetch never filled the cache');
    }
    // Empty what the mode says and wait until the Gmail tab has dropped its warm copy of the answer (the
    // background tells it when cached slots leave session storage; e2e/support/faults.ts waits for its reply).
    if (mode !== 'warm') {
      const beforeClear = env.fake.requests.length;
      // tsx compiles the e2e helper's evaluated function with esbuild's `__name` helper: give the worker one.
      await env.worker().evaluate('globalThis.__name ??= (f) => f');
      await clearSessionCache(env.worker(), mode === 'stale');
      await stopServiceWorker(env.context, env.extensionId);
      // The state the row claims, checked: no request to Calendly since the cache was emptied (one would mean
      // something refilled it, e.g. the prefetch of a pointer resting on the button), or the click is not stale
      // or cold. Read from the fake's log: asking the stopped worker would start it.
      if (env.fake.requests.length > beforeClear) {
        if (attempt < 2) continue;
        throw new Error(`a ${mode} insert found the cache refilled before its click`);
      }
    }
    await page.evaluate((composeId) => (window as unknown as { __bench: { arm(id: string): void } }).__bench.arm(composeId), id);
    const before = env.fake.requests.length;
    await button.click();
    const r = (await page.evaluate(() => (window as unknown as { __bench: { result(): Promise<unknown> } }).__bench.result())) as {
      clickAt: number | null;
      insertedAt: number;
      links: number;
    };
    if (r.clickAt === null) throw new Error('the click never reached the document listener');
    const requests = env.fake.requests.slice(before).map((q) => `${q.method} ${q.path}`);
    return { ms: r.insertedAt - r.clickAt, requests, links: r.links };
  }
}
