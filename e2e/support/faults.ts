/**
 * Helpers for fault tests: a fresh compose whose click is the request under test (the prefetch a compose
 * sends on open has settled and the background's caches are empty), and what the user sees when it fails.
 *
 * Why the caches are cleared: the background keeps event types 5 min and slots 60 s in session storage and
 * fills them when a compose opens. A fault armed after that prefetch would never be hit by the click. So the
 * helper waits for the prefetch to finish, then empties session storage (what 60 s passing would do).
 */
import type { Locator, Page, Worker } from 'playwright-core';
import type { App } from './app';
import { compose, openCompose } from './app';

/** `chrome` inside the service worker (this file is type-checked without Chrome's typings). */
declare const chrome: {
  storage: {
    session: { get(k: string | null): Promise<Record<string, unknown>>; clear(): Promise<void>; remove(keys: string[]): Promise<void> };
    onChanged: { addListener(l: (c: unknown, area: string) => void): void; removeListener(l: (c: unknown, area: string) => void): void };
  };
  tabs: { sendMessage(tabId: number, message: unknown, ...rest: unknown[]): unknown };
};

export const DRAFT = '<div>Hi Sam, here are some times:</div><div><br></div>';

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Keys in the background's session-storage cache. */
export function cacheKeys(app: App): Promise<string[]> {
  return app.browser.serviceWorker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
}

/** Empties the background's caches (as if their TTL had passed). */
export async function clearCaches(app: App): Promise<void> {
  await clearSessionCache(app.browser.serviceWorker);
}

/**
 * Empties the background's session storage and waits until the Gmail tabs have dropped their warm copy of
 * the answer: when cached slots leave session storage the background sends each tab that asked for slots a
 * `dropWarmAnswer` message (issue 16); this waits for their replies (a tab has dropped it when it replies),
 * watched in the worker, not guessed with a sleep. Nothing to wait for when no slots were cached.
 * `slotsOnly`: remove only the cached answers (`slots:…`), as their 60 s TTL would, keeping event types.
 */
export async function clearSessionCache(worker: Worker, slotsOnly = false): Promise<void> {
  await worker.evaluate(async (onlySlots) => {
    const slotKeys = Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('slots:'));
    const hadSlots = slotKeys.length > 0;
    const replies: Promise<void>[] = [];
    const send = chrome.tabs.sendMessage;
    chrome.tabs.sendMessage = function (tabId, message, ...rest) {
      const callback = rest.findIndex((r) => typeof r === 'function');
      if ((message as { type?: unknown } | null)?.type === 'dropWarmAnswer' && callback >= 0) {
        const done = rest[callback] as (response: unknown) => void;
        replies.push(new Promise<void>((resolve) => (rest[callback] = (response: unknown) => (resolve(), done(response)))));
      }
      return send.call(this, tabId, message, ...rest);
    };
    // Listeners run in the order they were added: when this one runs, the background's own (added at
    // start-up) has seen the change and asked for the tabs it tells; one more storage read (answered after
    // that one) and a task later, every dropWarmAnswer has been sent.
    const changed = new Promise<void>((resolve) => {
      const listener = (_: unknown, area: string) => {
        if (area !== 'session') return;
        chrome.storage.onChanged.removeListener(listener);
        resolve();
      };
      chrome.storage.onChanged.addListener(listener);
    });
    try {
      await (onlySlots ? chrome.storage.session.remove(slotKeys) : chrome.storage.session.clear());
      if (!hadSlots) return;
      await changed;
      await chrome.storage.session.get(null);
      await new Promise((r) => setTimeout(r, 0));
      await Promise.all(replies);
    } finally {
      chrome.tabs.sendMessage = send;
    }
  }, slotsOnly);
}

/** Requests the fake received for `path` (exact), oldest first. */
export function requestsTo(app: App, path: string) {
  return app.fake.requests.filter((r) => r.path === path);
}

export const AVAILABLE_TIMES = '/event_type_available_times';

export interface FreshCompose {
  id: string;
  root: Locator;
  body: Locator;
  button: Locator;
  alert: Locator;
  /** The body's innerHTML now. */
  html(): Promise<string>;
  /** Number of insertions so far (each ends with exactly one booking-page link). */
  bookingLinks(url?: string): Promise<number>;
  close(): Promise<void>;
}

export interface FreshComposeOptions {
  /**
   * What "the prefetch has settled" means: default, a cached slots answer in session storage.
   * Pass a predicate on the fake's request log when the prefetch is expected to fail.
   */
  prefetchDone?: () => boolean;
  /** Keep the caches the prefetch filled (default false: clear them so the click fetches). */
  keepCache?: boolean;
}

/**
 * Opens a new compose with a greeting and an empty line, waits for the button and the prefetch, clears
 * faults, caches and the request log, and puts the caret on the empty line.
 */
export async function freshCompose(app: App, gmail: Page, opts: FreshComposeOptions = {}): Promise<FreshCompose> {
  app.fake.clearFaults();
  app.fake.resetLog();
  // The pointer away from where the new button will be: Chrome sends pointerenter to a button that appears
  // under a resting pointer, and the hover prefetch it starts could land its answer after the clear below.
  await gmail.mouse.move(0, 0);
  await clearCaches(app);
  // A background tab gets few animation frames: compose detection (animationstart) and clicks crawl.
  await gmail.bringToFront();
  const id = await openCompose(gmail, 'mole', DRAFT);
  const root = compose(gmail, id);
  const body = root.getByRole('textbox', { name: 'Message Body' });
  const button = root.getByRole('button', { name: 'Insert open slots' });
  await button.waitFor();
  if (opts.prefetchDone) await until(opts.prefetchDone, 'the prefetch to fail');
  else await until(async () => (await cacheKeys(app)).some((k) => k.startsWith('slots:')), 'the prefetch to fill the cache');
  if (!opts.keepCache) await clearCaches(app);
  app.fake.resetLog();
  await body.locator('div').nth(1).click();
  return {
    id,
    root,
    body,
    button,
    alert: root.getByRole('alert'),
    html: () => body.evaluate((b) => b.innerHTML),
    bookingLinks: (url = 'https://calendly.com/avery-quinn/30min') =>
      body.locator(`a[href="${url}"]`).count(),
    close: () => gmail.evaluate((i) => (window as any).__gmail.close(i), id),
  };
}

/** The visible alert's sentence and its buttons' names. */
export async function alertContent(c: FreshCompose): Promise<{ text: string; buttons: string[] }> {
  await c.alert.waitFor();
  const text = (await c.alert.locator('p').innerText()).trim();
  const buttons = await c.alert.getByRole('button').evaluateAll((bs) => bs.map((b) => (b.textContent ?? '').trim()));
  return { text, buttons };
}
