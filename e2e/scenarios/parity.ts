/**
 * One set of user scenarios, run in Chromium (e2e/parity-chromium.e2e.ts) and Firefox (e2e/firefox.e2e.ts)
 * through the driver interface (e2e/support/driver): the same built extension for each browser, the same
 * stand-ins (fake Calendly, Gmail pages), the same steps and assertions. One browser per file; the
 * scenarios run in order and share it, as one user's session would.
 *
 * Screenshots: test-output/<browser>-{options,compose,picker,popup}-{light,dark}.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../lib/calendly/errors';
import { SECRETS_DB } from '../../lib/secrets';
import { EVENT_30, futureSlots, OUTPUT_DIR } from '../support/app';
import { launchChromiumDriver } from '../support/driver/chromium';
import { launchFirefoxDriver } from '../support/driver/firefox';
import type { Driver, UiPage } from '../support/driver/types';
import { createFakeCalendly, type FakeCalendly } from '../support/fake-calendly';
import { gmailPages, GMAIL_PATHS } from '../support/gmail/pages';
import { startStandIns, type StandIns } from '../support/server';
import { standInFetch } from '../support/stand-in-fetch';

const TOKEN = 'pat-parity-7d1e0c9b4a';
const INSERT = 'Insert open slots';
const CHOOSE = 'Choose slots to insert';
const BOOKING_30 = 'https://calendly.com/avery-quinn/30min';
const AVAILABLE_TIMES = '/event_type_available_times';
const DRAFT = '<div>Hi Sam, here are some times:</div><div><br></div><div>See you soon</div>';

/** Polls `fn` until truthy; throws after `timeoutMs`. */
async function until<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A compose on a Gmail stand-in page: its CSS scope and what the user sees of it. */
function composeOn(page: UiPage, id: string) {
  const root = `.M9:has(input[name="composeid"][value="${id}"])`;
  const body = `${root} [g_editable="true"]`;
  return {
    id,
    root,
    body,
    html: () => page.evaluate((sel) => document.querySelector(sel)!.innerHTML, body),
    text: () => page.evaluate((sel) => (document.querySelector(sel) as HTMLElement).innerText, body),
    links: () =>
      page.evaluate(
        (sel) => [...document.querySelectorAll(`${sel} a`)].map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
        body,
      ),
    /** Text of the first element matching `css` in the compose's shadow roots (the button's popovers). */
    shadowText: (css: string) =>
      page.evaluate(
        ([r, c]) => {
          for (const host of document.querySelector(r)!.querySelectorAll('open-slots-button')) {
            const el = host.shadowRoot?.querySelector(c) as HTMLElement | null;
            if (el) return el.innerText;
          }
          return null;
        },
        [root, css] as const,
      ),
    /** Links in the first element matching `css` in the compose's shadow roots. */
    shadowLinks: (css: string) =>
      page.evaluate(
        ([r, c]) => {
          for (const host of document.querySelector(r)!.querySelectorAll('open-slots-button')) {
            const el = host.shadowRoot?.querySelector(c);
            if (el) return [...el.querySelectorAll('a')].map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' }));
          }
          return [];
        },
        [root, css] as const,
      ),
  };
}
type Compose = ReturnType<typeof composeOn>;

const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

export function paritySuite(browserName: 'chromium' | 'firefox') {
  describe(`${browserName}: connect, compose, picker, popup, faults, the token out of content scripts' reach`, () => {
    let fake: FakeCalendly;
    let standIns: StandIns;
    let driver: Driver;
    let gmail: UiPage;
    /** An extension page kept open to look at the extension's own state (as its pages see it). */
    let ext: UiPage;
    const slots = futureSlots([26, 27, 50, 51, 52, 75, 99]);
    let offered: string[] = [];
    const shot = (page: UiPage, name: string) => page.screenshot(`${browserName}-${name}`);

    /** Opens a compose with DRAFT, waits for our button, and puts the caret on the empty line. */
    async function newCompose(opts: { kind?: 'mole' | 'plaintext'; body?: string } = {}): Promise<Compose> {
      await gmail.bringToFront();
      const id = await gmail.evaluate((o) => window.__gmail.openCompose(o), { kind: opts.kind ?? 'mole', body: opts.body ?? DRAFT });
      const c = composeOn(gmail, id);
      await gmail.waitFor({ role: 'button', name: INSERT, within: c.root });
      await gmail.click({ css: `${c.body} > div:nth-child(2)` });
      return c;
    }
    const closeAll = () => gmail.evaluate(() => window.__gmail.ids().forEach((id) => window.__gmail.close(id)));
    /** Keys of the background's short-lived cache (session storage), as an extension page sees them. */
    const cacheKeys = () => ext.evaluate(async () => Object.keys(await (globalThis as any).chrome.storage.session.get(null)));
    /** A compose whose click is the request under test: the prefetch on open settled, caches and the log emptied. */
    async function freshCompose(): Promise<Compose> {
      fake.clearFaults();
      const c = await newCompose();
      await until(async () => (await cacheKeys()).some((k: string) => k.includes('slots')), 'the prefetch to fill the cache');
      await ext.evaluate(() => (globalThis as any).chrome.storage.session.clear());
      fake.resetLog();
      await gmail.click({ css: `${c.body} > div:nth-child(2)` });
      return c;
    }
    const bookingLinks = async (c: Compose) => (await c.links()).filter((l) => l.href === BOOKING_30).length;
    /** The extension's secrets (IndexedDB in the extension's origin) and storage areas, read from an extension page. */
    const extensionState = () =>
      ext.evaluate(async (dbName) => {
        const api = (globalThis as any).chrome;
        const req = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, ko) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => ko(r.error))));
        const db = await req(indexedDB.open(dbName));
        const secrets: Record<string, unknown> = {};
        if (db.objectStoreNames.contains('secrets')) {
          const store = db.transaction('secrets').objectStore('secrets');
          const keys = await req(store.getAllKeys());
          for (const k of keys) secrets[String(k)] = await req(store.get(k));
        }
        db.close();
        return {
          secrets,
          local: JSON.stringify(await api.storage.local.get(null)),
          sync: JSON.stringify(await api.storage.sync.get(null)),
          session: JSON.stringify(await api.storage.session.get(null)),
        };
      }, SECRETS_DB);

    beforeAll(async () => {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      fake = createFakeCalendly({ token: TOKEN });
      fake.setAvailability(EVENT_30, slots);
      standIns = await startStandIns({ fakeCalendly: fake, gmailPages: gmailPages() });
      const launch = { port: standIns.port, tz: 'America/New_York', outputDir: OUTPUT_DIR };
      driver = browserName === 'chromium' ? await launchChromiumDriver(launch) : await launchFirefoxDriver(launch);
      // Firefox's dark twin is a second browser: start it now, while the first runs the scenarios.
      void driver.darkTwin().catch(() => undefined);
      // What Calendly offers, asked from here: the links the extension must insert, in order.
      const start = new Date(Date.now() + 120_000);
      const q = new URLSearchParams({ event_type: EVENT_30, start_time: start.toISOString(), end_time: new Date(start.getTime() + 30 * 86_400_000).toISOString() });
      const res = await standInFetch(standIns.port)(`https://api.calendly.com${AVAILABLE_TIMES}?${q}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      offered = ((await res.json()).collection as { scheduling_url: string }[]).map((s) => s.scheduling_url);
      fake.resetLog();
    }, 120_000); // a browser launch (and Firefox's add-on install) on a loaded machine can take a while
    afterAll(async () => {
      await driver?.close();
      await standIns?.close();
    });

    it('connect on the options page: "Connected as"; the token is gone from the page and kept only in the extension’s IndexedDB', async () => {
      ext = await driver.openExtensionPage('options.html');
      await ext.setViewport(1120, 860);
      await ext.fill({ name: 'Personal access token' }, TOKEN);
      await ext.click({ role: 'button', name: 'Connect' });
      await until(() => ext.evaluate(() => document.body.innerText.includes('Connected as Avery Quinn')), '"Connected as Avery Quinn"');
      expect(await ext.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join())).not.toContain(TOKEN);
      await until(async () => (await ext.evaluate(() => document.querySelectorAll('a[href*="/30min/"]').length)) > 0, 'the options preview');
      await shot(ext, 'options-light');

      const state = await extensionState();
      expect(state.secrets).toEqual({ calendlyToken: TOKEN }); // the pending copy was moved, not left behind
      for (const area of [state.local, state.sync, state.session]) expect(area).not.toContain(TOKEN);
      expect(state.local).toContain('Avery Quinn'); // the account card (no secret) is in storage.local
    });

    it('the token is not readable from the content script: every storage area, IndexedDB (by name) and web storage', async () => {
      gmail = await driver.openPage(`https://mail.google.com${GMAIL_PATHS.inbox}`);
      await gmail.evaluate(() => window.__gmail.ready);
      await newCompose(); // our content script is running in this page
      const probe = await driver.probeContentScript(gmail);
      expect(probe.origin).toBe('https://mail.google.com');
      expect(JSON.stringify(probe)).not.toContain(TOKEN);
      // Opening the secrets database by name from the content script opens the page origin's (empty) one.
      expect(probe.indexedDB.secretsDb).toBe('stores: 0 ');
      expect(probe.indexedDB.databases).not.toContain(SECRETS_DB);
      if (browserName === 'chromium') {
        // Chrome also closes storage.local and .session to content scripts (setAccessLevel).
        expect(probe.areas.local).toEqual({ refused: expect.stringMatching(/access|allowed/i) });
      } else {
        // Firefox cannot close storage.local to content scripts: the probe does read it (the account card
        // is there), which is why the token is not kept in it.
        expect(probe.areas.local).toEqual({ json: expect.stringContaining('Avery Quinn') });
      }
      await closeAll();
    });

    it('new message: the compose button inserts the first 5 times at the caret; one Ctrl+Z removes them', async () => {
      const c = await newCompose();
      const before = await c.html();
      await gmail.click({ role: 'button', name: INSERT, within: c.root });
      await until(async () => (await c.links()).length > 5, 'the insertion');
      const links = await c.links();
      expect(links.filter((l) => /\/30min\/\d{4}-/.test(l.href)).map((l) => l.href)).toEqual(offered.slice(0, 5));
      expect(links.every((l) => l.href.startsWith('https://calendly.com/'))).toBe(true);
      const nyTimes = slots.slice(0, 5).map((d) =>
        new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' }).format(d),
      );
      expect(links.slice(0, 5).map((l) => norm(l.text))).toEqual(nyTimes.map(norm));
      const text = await c.text();
      expect(text.indexOf('Hi Sam')).toBeLessThan(text.indexOf('Times shown in'));
      expect(text.indexOf('Times shown in')).toBeLessThan(text.indexOf('See you soon'));
      expect(text.indexOf('See you soon')).toBeLessThan(text.indexOf('Ann Example')); // the signature
      await shot(gmail, 'compose-light');
      // Focus is back in the draft; one undo restores it exactly.
      expect(await gmail.evaluate((sel) => document.activeElement === document.querySelector(sel), c.body)).toBe(true);
      await gmail.press('Control+z');
      await until(async () => (await c.html()) === before, 'the draft as it was before');
      await closeAll();
    });

    it('the picker: 3 slots in Asia/Tokyo; Insert inserts exactly what the preview shows', async () => {
      const c = await newCompose();
      await gmail.click({ role: 'button', name: CHOOSE, within: c.root });
      await gmail.waitFor({ role: 'dialog', name: CHOOSE, within: c.root });
      await until(async () => (await c.shadowLinks('.os-preview')).length > 0, 'the first preview');
      await gmail.fill({ name: 'How many slots', within: c.root }, '3');
      await gmail.fill({ name: 'Time zone', within: c.root }, 'Asia/Tokyo');
      await gmail.press('Enter');
      await until(async () => (await c.shadowText('.os-preview'))?.includes('Japan'), 'the Tokyo preview');
      await until(async () => (await c.shadowLinks('.os-preview')).length === 4, '3 slot links and the booking link');
      const shown = await c.shadowLinks('.os-preview');
      const tokyo = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', hour: 'numeric', minute: '2-digit' });
      expect(shown.slice(0, 3).map((l) => norm(l.text))).toEqual(slots.slice(0, 3).map((d) => norm(tokyo.format(d))));
      await shot(gmail, 'picker-light');
      await gmail.click({ role: 'button', name: 'Insert', within: c.root });
      await until(async () => (await c.links()).length === 4, 'the insertion');
      expect(await c.links()).toEqual(shown);
      expect(await c.text()).toContain('Japan Standard Time');
      expect(await gmail.has({ role: 'dialog', name: CHOOSE, within: c.root })).toBe(false);
      await closeAll();
    });

    it('Gmail in its dark theme: dark button and picker', async () => {
      await gmail.evaluate(() => window.__gmail.setTheme('dark'));
      try {
        const c = await newCompose();
        await gmail.click({ role: 'button', name: INSERT, within: c.root });
        await until(async () => (await bookingLinks(c)) === 1, 'the insertion');
        const theme = await gmail.evaluate(
          (r) => document.querySelector(r)!.querySelector('open-slots-button')!.shadowRoot!.querySelector('.os-root')!.getAttribute('data-theme'),
          c.root,
        );
        expect(theme).toBe('dark');
        await shot(gmail, 'compose-dark');
        await gmail.click({ role: 'button', name: CHOOSE, within: c.root });
        await until(async () => (await c.shadowLinks('.os-preview')).length > 0, 'the preview');
        await shot(gmail, 'picker-dark');
        await gmail.press('Escape');
        await until(async () => !(await gmail.has({ role: 'dialog', name: CHOOSE, within: c.root })), 'the picker to close');
      } finally {
        await gmail.evaluate(() => window.__gmail.setTheme('light'));
        await closeAll();
      }
    });

    it('inline reply in a conversation: inserted above the signature and the quote', async () => {
      const thread = await driver.openPage(`https://mail.google.com${GMAIL_PATHS.thread}`);
      await thread.evaluate(() => window.__gmail.ready);
      const c = composeOn(thread, (await thread.evaluate(() => window.__gmail.ids()))[0]!);
      await thread.click({ role: 'button', name: INSERT, within: c.root });
      await until(async () => (await c.links()).length > 0, 'the insertion');
      const text = await c.text();
      expect(text.indexOf('Times shown in')).toBeLessThan(text.indexOf('Ann Example'));
      expect(text.indexOf('Ann Example')).toBeLessThan(text.indexOf('Are you free for lunch'));
      await thread.close();
    });

    it('plain-text mode: plain text with the URLs written out, no links', async () => {
      const c = await newCompose({ kind: 'plaintext', body: '<div>Hi</div><div><br></div>' });
      await gmail.click({ role: 'button', name: INSERT, within: c.root });
      await until(async () => (await c.text()).includes(BOOKING_30), 'the insertion');
      expect(await c.links()).toEqual([]);
      const text = await c.text();
      for (const url of offered.slice(0, 5)) expect(text).toContain(url);
      await closeAll();
    });

    it('the popup: the next open times as booking links', async () => {
      {
        const popup = await driver.openExtensionPage('popup.html');
        await popup.setViewport(360, 600);
        await popup.waitFor({ role: 'region', name: 'Next open times' });
        const hrefs = await until(async () => {
          const h = await popup.evaluate(() => [...document.querySelectorAll('.email a')].map((a) => a.getAttribute('href') ?? ''));
          return h.length > 1 ? h : null;
        }, 'the times');
        const slotHrefs = hrefs.filter((h) => h !== BOOKING_30);
        expect(slotHrefs.length).toBeGreaterThan(0);
        expect(slotHrefs).toEqual(offered.slice(0, slotHrefs.length));
        expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
        await shot(popup, 'popup-light');
        await popup.close();
      }
    });

    it('dark mode: the options page and the popup follow the system', async () => {
      const dark = await driver.darkTwin();
      const options = await dark.openExtensionPage('options.html');
      await options.setViewport(1120, 860);
      expect(await options.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      // Firefox's twin is a fresh profile: connect there as well (Chromium's is already connected).
      if (await options.has({ name: 'Personal access token' })) {
        await options.fill({ name: 'Personal access token' }, TOKEN);
        await options.click({ role: 'button', name: 'Connect' });
      }
      await until(() => options.evaluate(() => document.body.innerText.includes('Connected as Avery Quinn')), 'the dark options page');
      await until(async () => (await options.evaluate(() => document.querySelectorAll('a[href*="/30min/"]').length)) > 0, 'the options preview');
      await shot(options, 'options-dark');
      const popup = await dark.openExtensionPage('popup.html');
      await popup.setViewport(360, 600);
      await until(async () => (await popup.evaluate(() => document.querySelectorAll('.email a').length)) > 1, 'the times');
      await shot(popup, 'popup-dark');
      await popup.close();
      await options.close();
    }, 120_000); // in Firefox this may still be waiting for its second browser

    it('429 with a 1 s reset, then success: inserted; the retry waited for the reset', async () => {
      const c = await freshCompose();
      fake.fault({ path: AVAILABLE_TIMES, status: 429, resetSeconds: 1, times: 1 });
      await gmail.click({ role: 'button', name: INSERT, within: c.root });
      await until(async () => (await bookingLinks(c)) === 1, 'the insertion after the 429');
      expect(await c.shadowText('[role="alert"]')).toBeNull();
      const calls = fake.requests.filter((r) => r.path === AVAILABLE_TIMES);
      expect(calls.map((r) => r.status)).toEqual([429, 200]);
      expect(calls[1]!.at.getTime() - calls[0]!.at.getTime()).toBeGreaterThanOrEqual(1000);
      await closeAll();
    });

    it('a token revoked in Calendly: one sentence to reconnect, Try again and Open options; the draft unchanged', async () => {
      const c = await freshCompose();
      const before = await c.html();
      fake.revokeToken(TOKEN);
      await gmail.click({ role: 'button', name: INSERT, within: c.root });
      await until(async () => (await c.shadowText('[role="alert"] p')) !== null, 'the alert');
      expect((await c.shadowText('[role="alert"] p'))!.trim()).toBe(MESSAGES.unauthenticated);
      await gmail.waitFor({ role: 'button', name: 'Try again', within: c.root });
      await gmail.waitFor({ role: 'button', name: 'Open options', within: c.root });
      // Refused, and not retried: every request since the click got a 401, one per endpoint.
      const seen = fake.requests.map((r) => `${r.status} ${r.path}`);
      expect(seen.length, seen.join(', ')).toBeGreaterThan(0);
      expect(new Set(seen).size, seen.join(', ')).toBe(seen.length);
      expect(seen.every((r) => r.startsWith('401 ')), seen.join(', ')).toBe(true);
      expect(await c.html()).toBe(before);
      await closeAll();
    });

    it('disconnect on the options page: the token is deleted; the popup asks to connect again', async () => {
      await ext.bringToFront();
      await ext.click({ role: 'button', name: 'Disconnect' });
      await ext.waitFor({ name: 'Personal access token' });
      const state = await extensionState();
      expect(state.secrets).toEqual({});
      expect(state.local + state.sync + state.session).not.toContain(TOKEN);
      const popup = await driver.openExtensionPage('popup.html');
      await popup.waitFor({ role: 'button', name: 'Open options' });
      await popup.close();
    });
  });
}
