/**
 * Page objects for Open Slots' own UI in the built extension: one `startApp()` per test file gives the
 * fake Calendly, the Gmail stand-in and Chromium with `.output/chrome-mv3`, plus the steps a user takes
 * (connect on the options page, open Gmail, open a compose, click the button). Tests find things by
 * accessible names and labels, as a user would.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser, type LaunchOptions } from './browser';
import { createFakeCalendly, type FakeCalendly, type FakeCalendlyOptions } from './fake-calendly';
import { gmailPages, GMAIL_PATHS } from './gmail/pages';
import { gmailVariantPages } from './gmail/variants';
import { startStandIns, type StandInOptions, type StandIns } from './server';
import { standInFetch } from './stand-in-fetch';

export const OUTPUT_DIR = join(process.cwd(), 'test-output');
export const EVENT_30 = 'https://api.calendly.com/event_types/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c01';
export const EVENT_INTRO = 'https://api.calendly.com/event_types/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c02';

export interface App {
  fake: FakeCalendly;
  standIns: StandIns;
  browser: ExtensionBrowser;
  /** Opens the options page and connects `token` through the "Personal access token" field. */
  connect(token?: string): Promise<Page>;
  /** Opens a Gmail stand-in page (default: the inbox). */
  gmail(path?: string): Promise<Page>;
  /** Console errors a Gmail page (from `gmail()`) logged so far, from any world: the page's and our content script's. */
  consoleErrors(page: Page): string[];
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApp(
  opts: {
    tz?: string;
    fake?: FakeCalendlyOptions;
    colorScheme?: 'light' | 'dark';
    /** More launch options (extra extensions, flags). */
    launch?: Omit<LaunchOptions, 'port' | 'tz'>;
    /** Seen first by the stand-in server for every request (see `StandInOptions.routes`). */
    routes?: StandInOptions['routes'];
  } = {},
): Promise<App> {
  const fake = createFakeCalendly(opts.fake);
  const pages = gmailPages();
  const standIns = await startStandIns({ fakeCalendly: fake, gmailPages: { ...pages, ...gmailVariantPages(pages) }, routes: opts.routes });
  const browser = await launchExtension({ ...opts.launch, port: standIns.port, tz: opts.tz ?? 'America/New_York' });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const origin = `https://mail.google.com`;
  const consoleErrors = new WeakMap<Page, string[]>();
  return {
    fake,
    standIns,
    browser,
    async connect(token = 'demo-token') {
      const page = await browser.openExtensionPage('options.html');
      await page.getByLabel('Personal access token').fill(token);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByText(/^Connected as /).waitFor();
      return page;
    },
    async gmail(path = GMAIL_PATHS.inbox) {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      consoleErrors.set(page, errors);
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(String(e)));
      await page.goto(origin + path);
      return page;
    },
    consoleErrors: (page) => [...(consoleErrors.get(page) ?? [])],
    async screenshot(page, name) {
      const file = join(OUTPUT_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await standIns.close();
    },
  };
}

/** The compose window with id `id` on a Gmail stand-in page. */
export function compose(page: Page, id: string): Locator {
  return page.locator('.M9').filter({ has: page.locator(`input[name="composeid"][value="${id}"]`) });
}

/** Opens a compose of `kind` through the stand-in's API; resolves to its id. */
export function openCompose(page: Page, kind: 'mole' | 'fullscreen' | 'inline' | 'plaintext' = 'mole', body?: string) {
  return page.evaluate(([k, b]) => (window as any).__gmail.openCompose({ kind: k, body: b }), [kind, body] as const) as Promise<string>;
}

/** The `<a>` elements inside a compose body, as { text, href }. */
export function bodyLinks(body: Locator) {
  return body.locator('a').evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
}

/** Future slot instants on the hour, `hoursFromNow` ahead, rounded to the next hour. */
export function futureSlots(hoursFromNow: number[]): Date[] {
  const base = new Date();
  base.setUTCMinutes(0, 0, 0);
  return hoursFromNow.map((h) => new Date(base.getTime() + h * 3_600_000));
}

/** GET on the fake Calendly API straight from the test (what Calendly itself answers), with `token`. */
export async function calendlyGet(app: App, pathAndQuery: string, token = 'demo-token'): Promise<any> {
  const res = await standInFetch(app.standIns.port)(`https://api.calendly.com${pathAndQuery}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.json();
}

/** The scheduling URLs Calendly offers for `eventType` in the next `days` days, in order. */
export async function offeredSlotUrls(app: App, eventType: string, days = 30): Promise<string[]> {
  const start = new Date(Date.now() + 120_000);
  const end = new Date(start.getTime() + days * 86_400_000);
  const q = new URLSearchParams({ event_type: eventType, start_time: start.toISOString(), end_time: end.toISOString() });
  const r = await calendlyGet(app, `/event_type_available_times?${q}`);
  return r.collection.map((s: { scheduling_url: string }) => s.scheduling_url);
}
