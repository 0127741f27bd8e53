/**
 * Security, in the built extension: the Calendly token stays in the background (never in a page, a message,
 * a log or a request to another host), nobody but Open Slots' own contexts can ask the background for
 * anything, and hostile Calendly data can neither run script in Gmail nor put a non-Calendly link in a draft.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, ConsoleMessage, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_30, futureSlots, startApp, type App } from './support/app';
import { unpackedExtensionId } from './support/browser';
import { tokenFingerprint } from './support/fake-calendly';
import { alertContent, AVAILABLE_TIMES, freshCompose, until } from './support/faults';
import { readSecrets, writeSecret } from './support/secrets';

const TOKEN = 'osk-test-7f3a9c1e5b2d4a6f8e0c-SECRET';
const HOSTILE = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const HOSTILE_URLS = [
  'javascript:window.__pwned=1',
  'https://evil.example/x',
  'https://calendly.com.evil.example/',
  'https://calendly.com/avery-quinn/30min/x" onmouseover="window.__pwned=1',
];
const GOOD_SLOT = 'https://calendly.com/avery-quinn/30min/good';

/** `chrome` in extension contexts (this file is type-checked without Chrome's typings). */
declare const chrome: any;

// ---------------------------------------------------------------------------------------------------------
// Another extension, installed beside Open Slots, that tries to use it.

const OTHER_MANIFEST = {
  manifest_version: 3,
  name: 'Another extension',
  version: '0.0.1',
  background: { service_worker: 'other-sw.js' },
  content_scripts: [{ matches: ['https://mail.google.com/*'], js: ['other-content.js'] }],
};

/** Sends every Open Slots message type, in @webext-core/messaging's wire format, to `id`. */
const TRY_ALL = `
async function tryOpenSlots(id) {
  const out = {};
  for (const type of ['getSlots', 'getStatus', 'listEventTypes', 'listMembers', 'prefetch', 'connect']) {
    out[type] = await new Promise((resolve) => {
      try {
        chrome.runtime.sendMessage(id, { id: 1, type, data: {}, timestamp: Date.now() }, (response) => {
          resolve(chrome.runtime.lastError ? { error: chrome.runtime.lastError.message } : { response });
        });
      } catch (e) {
        resolve({ thrown: String(e) });
      }
    });
  }
  return out;
}`;

function buildOtherExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'other-ext-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(OTHER_MANIFEST));
  writeFileSync(join(dir, 'other-sw.js'), `${TRY_ALL}\nself.tryOpenSlots = tryOpenSlots;`);
  // The content script acts on a request from the page and reports in a data attribute.
  writeFileSync(
    join(dir, 'other-content.js'),
    `${TRY_ALL}
document.addEventListener('other-extension:try', async () => {
  const id = document.documentElement.dataset.openSlotsId;
  document.documentElement.dataset.otherResult = JSON.stringify(await tryOpenSlots(id));
});`,
  );
  return dir;
}

// ---------------------------------------------------------------------------------------------------------
// What a page shows or keeps: every frame's DOM, open shadow roots, form values, web storage, cookies, title.

async function pageText(page: Page): Promise<string> {
  const parts: string[] = [page.url()];
  for (const frame of page.frames()) {
    parts.push(
      await frame.evaluate(() => {
        // Sandboxed or opaque-origin frames refuse cookie and web storage access: nothing to read there.
        const safe = (read: () => string) => {
          try {
            return read();
          } catch {
            return '';
          }
        };
        const out: string[] = [document.documentElement.outerHTML, document.title, safe(() => document.cookie), location.href];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of Array.from(root.querySelectorAll('*'))) {
            if (el.shadowRoot) {
              out.push(el.shadowRoot.innerHTML);
              walk(el.shadowRoot);
            }
            if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) out.push(el.value);
          }
        };
        walk(document);
        for (const area of ['localStorage', 'sessionStorage'] as const) {
          out.push(
            safe(() => {
              const store = window[area];
              const items: string[] = [];
              for (let i = 0; i < store.length; i++) items.push(store.key(i)!, store.getItem(store.key(i)!) ?? '');
              return items.join('\n');
            }),
          );
        }
        return out.join('\n');
      }),
    );
  }
  return parts.join('\n');
}

/** Evaluates `expression` in Open Slots' content-script world (an isolated world) of `page`, via CDP. */
async function inContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: any) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const ctx = await until(
      () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`),
      "Open Slots' content-script world",
    );
    const r: any = await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  } finally {
    await cdp.detach();
  }
}

describe('security', () => {
  let app: App;
  let gmail: Page;
  let otherDir: string;
  const consoleLines: string[] = [];
  /** Every request the stand-in server got (API, OAuth, Gmail, booking pages), as the server saw it. */
  const served: { host: string; url: string; headers: string }[] = [];
  /** The alert shown for an error whose body echoed the token. */
  let echoedAlert = '';

  async function record(where: string, msg: ConsoleMessage) {
    const args = await Promise.all(msg.args().map((a) => a.jsonValue().then((v) => JSON.stringify(v), () => '')));
    consoleLines.push(`${where} ${msg.type()}: ${msg.text()} ${args.join(' ')}`);
  }
  const watchWorker = (w: Worker) => w.on('console', (m) => void record(`worker ${w.url()}`, m));

  beforeAll(async () => {
    otherDir = buildOtherExtension();
    app = await startApp({
      tz: 'America/New_York',
      fake: { token: TOKEN },
      launch: { extraExtensions: [otherDir] },
      routes: (req) => {
        served.push({ host: (req.headers.host ?? '').replace(/:\d+$/, ''), url: req.url ?? '', headers: JSON.stringify(req.headers) });
        return false;
      },
    });
    const { context } = app.browser;
    context.on('console', (m) => void record(`page ${m.page()?.url() ?? '?'}`, m));
    context.on('weberror', (e) => consoleLines.push(`pageerror ${e.error().message}`));
    context.serviceWorkers().forEach(watchWorker);
    context.on('serviceworker', watchWorker);

    // Hostile data from the start: user name and event type name; slots below.
    app.fake.defaultUser.name = `Avery ${HOSTILE}`;
    app.fake.eventType(EVENT_30).name = HOSTILE;
    app.fake.setAvailability(EVENT_30, futureSlots([26, 27, 50, 51, 52]));

    // The user's flow: a wrong token first, then the right one; Gmail; an insertion; an error whose body
    // echoes the token back (a proxy or API bug); the popup.
    const options = await app.browser.openExtensionPage('options.html');
    await options.getByLabel('Personal access token').fill('wrong-token');
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByRole('alert').first().waitFor(); // the token was not accepted
    await options.getByLabel('Personal access token').fill(TOKEN);
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText(/^Connected as /).waitFor();
    gmail = await app.gmail();
    const c = await freshCompose(app, gmail);
    await c.button.click();
    await until(async () => (await c.body.locator('a').count()) > 0, 'an insertion');
    await c.close();
    const d = await freshCompose(app, gmail);
    app.fake.fault({
      path: AVAILABLE_TIMES,
      status: 400,
      body: { title: 'Invalid Argument', message: `Bad token ${TOKEN}`, details: [{ parameter: 'authorization', message: `Bearer ${TOKEN} is not allowed here` }] },
    });
    await d.button.click();
    echoedAlert = (await alertContent(d)).text;
    await d.close();
    app.fake.clearFaults();
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.waitForLoadState('networkidle');
  });
  afterAll(async () => {
    await app?.close();
    if (otherDir) rmSync(otherDir, { recursive: true, force: true });
  });

  describe('the token stays in the background', () => {
    it('is not in any page: Gmail (every frame, shadow roots, form values, web storage) and the extension pages', async () => {
      const pages = app.browser.context.pages();
      expect(pages.some((p) => p.url().startsWith('https://mail.google.com/'))).toBe(true);
      expect(pages.some((p) => p.url().endsWith('/options.html'))).toBe(true);
      expect(pages.some((p) => p.url().endsWith('/popup.html'))).toBe(true);
      for (const page of pages) expect(await pageText(page), page.url()).not.toContain(TOKEN);
      // No options page keeps it in the field (the one open since install still shows the empty form).
      for (const p of pages.filter((x) => x.url().endsWith('/options.html'))) {
        for (const field of await p.getByLabel('Personal access token').all()) expect(await field.inputValue()).toBe('');
      }
    });

    it('is redacted from an error message whose body echoed it', () => {
      expect(echoedAlert).toContain('[redacted]');
      expect(echoedAlert).not.toContain(TOKEN);
    });

    it("is in the extension origin's IndexedDB only (calendlyToken), in no storage area, and the pending copy is gone", async () => {
      const areas = await app.browser.serviceWorker.evaluate(async () => ({
        local: await chrome.storage.local.get(null),
        sync: await chrome.storage.sync.get(null),
        session: await chrome.storage.session.get(null),
      }));
      expect(await readSecrets(app.browser.serviceWorker)).toEqual({ calendlyToken: TOKEN });
      expect(JSON.stringify(areas.local)).not.toContain(TOKEN); // content scripts can read storage.local in Firefox
      expect(JSON.stringify(areas.sync)).not.toContain(TOKEN); // sync storage leaves the machine
      expect(JSON.stringify(areas.session)).not.toContain(TOKEN);
    });

    it("storage is refused to the content script's world, and the Gmail page has no extension API", async () => {
      const fromContentScript = await inContentScript(
        gmail,
        app.browser.extensionId,
        `Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]).then(
           (v) => ({ read: JSON.stringify(v) }), (e) => ({ refused: String(e && e.message || e) }))`,
      );
      expect(fromContentScript).toEqual({ refused: expect.stringMatching(/not allowed|access/i) });
      const mainWorld = await gmail.evaluate(() => ({
        storage: typeof (window as any).chrome?.storage,
        runtime: typeof (window as any).chrome?.runtime?.sendMessage,
      }));
      expect(mainWorld).toEqual({ storage: 'undefined', runtime: 'undefined' });
    });

    it('is in no message: not in what contexts send, nor in any answer the background gives', async () => {
      // Everything the background receives from now on.
      await app.browser.serviceWorker.evaluate(() => {
        (self as any).__seen = [];
        chrome.runtime.onMessage.addListener((m: unknown, s: { url?: string }) => {
          (self as any).__seen.push(JSON.stringify({ m, url: s.url }));
        });
      });
      // The user's messages: the options page (connect, preview) and a compose (prefetch, getSlots).
      const options = await app.browser.openExtensionPage('options.html');
      await options.getByRole('button', { name: 'Disconnect' }).click();
      await options.getByLabel('Personal access token').fill(TOKEN);
      await options.getByRole('button', { name: 'Connect' }).click();
      await options.getByText(/^Connected as /).waitFor();
      const c = await freshCompose(app, gmail);
      await c.button.click();
      await until(async () => (await c.body.locator('a').count()) > 0, 'an insertion');
      await c.close();
      // Every answer the background gives to its own pages, connect included (token left as the pending one).
      await writeSecret(options, 'pendingToken', TOKEN);
      const answers = await options.evaluate(async () => {
        const ask = (type: string, data: unknown = {}) =>
          new Promise((resolve) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }, resolve));
        const out: Record<string, unknown> = { connect: await ask('connect') };
        for (const type of ['getStatus', 'listEventTypes', 'getSlots', 'prefetch', 'listMembers']) out[type] = await ask(type);
        return out;
      });
      expect((answers.connect as any).res.ok).toBe(true);
      expect((answers.getSlots as any).res.ok).toBe(true);
      expect(JSON.stringify(answers)).not.toContain(TOKEN);
      const seen: string[] = await app.browser.serviceWorker.evaluate(() => (self as any).__seen);
      expect(seen.some((m) => m.includes('"type":"connect"'))).toBe(true);
      expect(seen.some((m) => m.includes('"type":"getSlots"') && m.includes('mail.google.com'))).toBe(true);
      for (const m of seen) expect(m).not.toContain(TOKEN);
      await options.close();
    });

    it('is in no console message of any page, the content script or the service worker', async () => {
      // The collection works in every kind of context (else this test would pass vacuously).
      await app.browser.serviceWorker.evaluate(() => console.log('marker: service worker'));
      await gmail.evaluate(() => console.log('marker: Gmail page'));
      await inContentScript(gmail, app.browser.extensionId, "console.log('marker: content script')");
      await until(() => ['service worker', 'Gmail page', 'content script'].every((m) => consoleLines.some((l) => l.includes(`marker: ${m}`))), 'the markers');
      expect(consoleLines.join('\n')).not.toContain(TOKEN);
    });

    it('is sent only to api.calendly.com', () => {
      // Every request of the whole run that carried it, anywhere (URL or any header), went to the API host.
      const carrying = served.filter((r) => (r.url + r.headers).includes(TOKEN));
      expect(carrying.length).toBeGreaterThan(0);
      expect(new Set(carrying.map((r) => r.host))).toEqual(new Set(['api.calendly.com']));
      // Gmail and the booking pages got no Authorization header at all.
      const others = served.filter((r) => r.host !== 'api.calendly.com' && r.host !== 'auth.calendly.com');
      expect(others.some((r) => r.host === 'mail.google.com')).toBe(true);
      for (const r of others) expect(r.headers).not.toMatch(/"authorization"/i);
      // The fake's own log agrees (it keeps fingerprints only): the token's requests all went to api.calendly.com.
      const logged = app.fake.requests.filter((r) => r.tokenFingerprint === tokenFingerprint(TOKEN));
      expect(logged.every((r) => r.host === 'api.calendly.com')).toBe(true);
    });
  });

  describe('nobody else can ask the background', () => {
    it('a web page: the Gmail page cannot message Open Slots (no externally_connectable)', async () => {
      const r = await gmail.evaluate((id) => {
        try {
          (window as any).chrome.runtime.sendMessage(id, { id: 1, type: 'getSlots', data: {}, timestamp: Date.now() });
          return 'sent';
        } catch (e) {
          return `refused: ${String(e)}`;
        }
      }, app.browser.extensionId);
      expect(r).toMatch(/^refused/);
    });

    it("Open Slots' own content script may not change the account or start long work: disconnect is refused, the account stays connected", async () => {
      const ask = (type: string, data: unknown = {}) => `new Promise((resolve) =>
        chrome.runtime.sendMessage({ id: 1, type: ${JSON.stringify(type)}, data: ${JSON.stringify(data)}, timestamp: Date.now() }, (r) =>
          resolve(chrome.runtime.lastError ? { lastError: chrome.runtime.lastError.message } : r)))`;
      const week = { start: futureSlots([0])[0]!.toISOString(), end: futureSlots([24 * 7])[0]!.toISOString() };
      const refused = {
        disconnect: {},
        connect: {},
        signIn: {},
        listMembers: {},
        getAvailability: { userUri: app.fake.defaultUser.uri, ...week, viewerTimeZone: 'America/New_York' },
        startTeamSummary: week,
        cancelTeamSummary: {},
      };
      app.fake.resetLog();
      const answers = (await inContentScript(
        gmail,
        app.browser.extensionId,
        `(async () => {
          const out = {};
          ${Object.entries(refused)
            .map(([type, data]) => `out[${JSON.stringify(type)}] = await ${ask(type, data)};`)
            .join('\n')}
          out.getStatus = await ${ask('getStatus')};
          return out;
        })()`,
      )) as Record<string, any>;
      for (const type of Object.keys(refused)) {
        expect(answers[type], type).toEqual({ err: expect.objectContaining({ message: 'This request did not come from Open Slots.' }) });
      }
      expect(app.fake.requests).toHaveLength(0); // nothing refused reached Calendly
      // The same channel answers what the content script may ask, and the account is still connected.
      expect(answers.getStatus.res).toMatchObject({ connected: true, user: { email: app.fake.defaultUser.email } });
      const stored = await app.browser.serviceWorker.evaluate(async () => chrome.storage.local.get(['account']));
      expect(await readSecrets(app.browser.serviceWorker)).toEqual({ calendlyToken: TOKEN });
      expect(stored.account?.email).toBe(app.fake.defaultUser.email);
      const options = await app.browser.openExtensionPage('options.html');
      await options.getByText(/^Connected as /).waitFor();
      await options.close();
    });

    it('another extension (service worker and content script) gets no answer, and no request reaches Calendly', async () => {
      const otherId = unpackedExtensionId(otherDir);
      const other =
        app.browser.context.serviceWorkers().find((w) => w.url().includes(otherId)) ??
        (await app.browser.context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(otherId) }));
      app.fake.resetLog();
      const fromWorker: Record<string, any> = await other.evaluate((id) => (self as any).tryOpenSlots(id), app.browser.extensionId);
      await gmail.evaluate((id) => {
        document.documentElement.dataset.openSlotsId = id;
        document.dispatchEvent(new Event('other-extension:try'));
      }, app.browser.extensionId);
      const fromContent: Record<string, any> = JSON.parse(await until(() => gmail.evaluate(() => document.documentElement.dataset.otherResult), 'the other content script'));
      for (const results of [fromWorker, fromContent]) {
        expect(Object.keys(results)).toHaveLength(6);
        for (const [type, r] of Object.entries(results)) {
          expect(r.response, type).toBeUndefined();
          expect(r.error ?? r.thrown, type).toMatch(/Receiving end does not exist|Could not establish connection/);
        }
      }
      expect(app.fake.requests).toHaveLength(0);
    });
  });

  describe('hostile Calendly data', () => {
    it('names and links from the API neither run script in Gmail nor put a non-Calendly link in the draft', async () => {
      // The extension keeps an event type's booking page with the account and refreshes it whenever it reads the
      // event type list: make it read the list (empty cache, then the options page) so the insert uses this one.
      const rereadEventTypes = async () => {
        await app.browser.serviceWorker.evaluate(() => (globalThis as any).chrome.storage.session.clear());
        const options = await app.browser.openExtensionPage('options.html');
        await expect.poll(() => options.getByLabel('Event type').locator('option').count()).toBeGreaterThan(0);
        await options.close();
      };
      app.fake.eventType(EVENT_30).scheduling_url = 'https://calendly.com.evil.example/avery';
      await rereadEventTypes();
      try {
        // The hostile booking page is what the account now remembers for the insert.
        const remembered = await app.browser.serviceWorker.evaluate(async () => JSON.stringify((await chrome.storage.local.get('account')).account));
        expect(remembered).toContain('calendly.com.evil.example');
        const c = await freshCompose(app, gmail);
        const starts = futureSlots([26, 27, 28, 29, 30]);
        const urls = [GOOD_SLOT, ...HOSTILE_URLS];
        app.fake.fault({
          path: AVAILABLE_TIMES,
          status: 200,
          body: {
            collection: starts.map((d, i) => ({ status: 'available', invitees_remaining: 1, start_time: d.toISOString(), scheduling_url: urls[i] })),
          },
        });
        await c.button.click();
        await until(async () => (await c.body.innerText()).includes('Times shown in'), 'the insertion');
        const body = await c.body.evaluate((b) => ({
          html: b.innerHTML,
          text: (b as HTMLElement).innerText,
          dangerous: b.querySelectorAll('img, script, iframe, object, embed, svg, style').length,
          handlers: Array.from(b.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))),
          hrefs: Array.from(b.querySelectorAll('a')).map((a) => a.getAttribute('href')),
        }));
        expect(body.dangerous).toBe(0);
        expect(body.handlers).toEqual([]);
        expect(body.hrefs).toEqual([GOOD_SLOT]); // the hostile slots and booking page stay unlinked text
        for (const href of body.hrefs) expect(href).toMatch(/^https:\/\/calendly\.com\//);
        expect(body.text).toContain(HOSTILE); // shown as text, escaped
        expect(body.html).not.toContain('evil.example');
        expect(body.html).not.toContain('javascript:');
        await c.close();
      } finally {
        app.fake.clearFaults();
        app.fake.eventType(EVENT_30).scheduling_url = 'https://calendly.com/avery-quinn/30min';
        await rereadEventTypes();
      }
    });

    it('no script ran anywhere: Gmail, the options page (hostile user and event type names), the popup', async () => {
      const options = await app.browser.openExtensionPage('options.html');
      await options.getByText(/^Connected as /).waitFor();
      // The event types arrive after "Connected as": wait for the hostile name to be listed (as text).
      await expect.poll(() => options.getByLabel('Event type').locator('option').first().textContent()).toContain('<img');
      for (const page of app.browser.context.pages()) {
        expect(await page.evaluate(() => (window as any).__pwned), page.url()).toBeUndefined();
        const injected = await page.evaluate(
          () =>
            document.querySelectorAll('img[src="x"]').length +
            Array.from(document.scripts).filter((s) => (s.textContent ?? '').includes('__pwned')).length,
        );
        expect(injected, page.url()).toBe(0);
      }
      expect(await inContentScript(gmail, app.browser.extensionId, 'window.__pwned')).toBeUndefined();
      await options.close();
    });
  });
});
