/**
 * Issue 14, "Never lose a word of the draft, and never serve stale or wrong state", as a user meets it: the
 * built extension in Chromium on the Gmail stand-in, against the fake Calendly.
 *
 * - A sentence the user selected is never replaced: selected and left (a click into the Subject), or still
 *   selected when the button is clicked, the slots go after it.
 * - The Range fallback (taken when the editor refuses `execCommand`) is one Ctrl+Z. It is reached here the
 *   way a browser reaches it: in the content script's own world (CDP, the extension's isolated execution
 *   context), `document.execCommand` refuses; the shipped extension has no switch for it.
 * - Disconnect while a slow answer is loading: nothing of the old account is cached or shown.
 * - An extension reload with Gmail open (CDP Extensions.loadUnpacked of the same build, as an update does): the open compose gets
 *   one working button back, with no page reload. Last, because the reload replaces the service worker.
 *
 * Screenshots: test-output/draft-*.png.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_30, futureSlots, startApp, type App } from './support/app';
import { AVAILABLE_TIMES, alertContent, cacheKeys, clearCaches, freshCompose, requestsTo, until } from './support/faults';

const BOOKING_30 = 'https://calendly.com/avery-quinn/30min';
const SENTENCE = 'Hello Bob, thanks for the call.';
const REST = ' See you soon.';


describe('the draft and the state (issue 14)', () => {
  let app: App;
  let gmail: Page;

  beforeAll(async () => {
    // The flag lets the last test reload the extension through CDP (Extensions.loadUnpacked).
    app = await startApp({ tz: 'America/New_York', launch: { args: ['--enable-unsafe-extension-debugging'] } });
    app.fake.setAvailability(EVENT_30, futureSlots([26, 27, 50, 51, 52]));
    await (await app.connect('demo-token')).close();
    gmail = await app.gmail();
    await gmail.evaluate(() => window.__gmail.ready);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A fresh compose; on its empty line the user types SENTENCE + REST, then selects SENTENCE by keyboard. */
  async function withSelectedSentence() {
    const c = await freshCompose(app, gmail, { keepCache: true });
    await gmail.keyboard.type(SENTENCE + REST);
    await gmail.keyboard.press('Home');
    await gmail.keyboard.down('Shift');
    for (let i = 0; i < SENTENCE.length; i++) await gmail.keyboard.press('ArrowRight');
    await gmail.keyboard.up('Shift');
    expect(await gmail.evaluate(() => document.getSelection()!.toString())).toBe(SENTENCE);
    return c;
  }

  /** The body’s text lines, trimmed. */
  async function lines(c: Awaited<ReturnType<typeof freshCompose>>): Promise<string[]> {
    return c.body.evaluate((b) => (b as HTMLElement).innerText.split('\n').map((l) => l.replace(/\u00a0/g, ' ').trim()));
  }

  it.each([
    ['selected, then a click into the Subject', true],
    ['still selected when the button is clicked', false],
  ])('a sentence %s stays; the slots go right after it', async (_name, away) => {
    const c = await withSelectedSentence();
    const subject = c.root.locator('input[name="subjectbox"]');
    if (away) {
      await subject.click();
      await gmail.keyboard.type('Times');
    }
    await c.button.click();
    await until(async () => (await c.bookingLinks()) === 1, 'the insertion');
    const text = await lines(c);
    const sentence = text.indexOf(SENTENCE);
    const firstSlot = text.findIndex((l) => /\d:\d\d/.test(l));
    const rest = text.indexOf(REST.trim());
    expect(sentence).toBeGreaterThan(0);
    expect(firstSlot).toBeGreaterThan(sentence);
    expect(rest).toBeGreaterThan(firstSlot);
    if (away) expect(await subject.inputValue()).toBe('Times');
    // The native path: one Ctrl+Z takes the slots out and gives back the draft as it was.
    await gmail.keyboard.press('Control+z');
    await until(async () => (await c.bookingLinks()) === 0, 'the undo');
    expect((await lines(c)).join(' ')).toContain(SENTENCE + REST);
    await app.screenshot(gmail, `draft-selection-${away ? 'left' : 'live'}`);
    await c.close();
  });

  it('the Range fallback (execCommand refused) deletes nothing and is undone by one Ctrl+Z', async () => {
    const cdp = await gmail.context().newCDPSession(gmail);
    const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const isolated = await until(
      () => contexts.find((x) => x.auxData?.type === 'isolated' && x.origin.startsWith('chrome-extension://')),
      'the content script’s isolated world',
    );
    const inContentScript = (expression: string) => cdp.send('Runtime.evaluate', { expression, contextId: isolated.id });
    try {
      await inContentScript('document.execCommand = () => false; "refusing"');
      const c = await withSelectedSentence();
      const before = await c.html();
      await c.button.click();
      await until(async () => (await c.bookingLinks()) === 1, 'the insertion');
      // The fallback: our own (untrusted) input event, not a native one.
      const draft = await gmail.evaluate((id) => window.__gmail.draft(id), c.id);
      // (Chromium drops a script-made InputEvent's inputType: only isTrusted tells the two apart here.)
      expect(draft!.inputs.at(-1)!.isTrusted).toBe(false);
      const text = await lines(c);
      expect(text.indexOf(SENTENCE)).toBeGreaterThan(0);
      expect(text.findIndex((l) => /\d:\d\d/.test(l))).toBeGreaterThan(text.indexOf(SENTENCE));
      expect(await gmail.evaluate(() => document.activeElement?.getAttribute('g_editable'))).toBe('true');
      await gmail.keyboard.press('Control+z');
      expect(await c.html()).toBe(before);
      // The next Ctrl+Z is the browser's own again: it undoes the user's typing, not more of ours.
      await gmail.keyboard.press('Control+z');
      expect(await c.html()).not.toBe(before);
      await c.close();
    } finally {
      await inContentScript('delete document.execCommand; "restored"');
      await cdp.detach();
    }
  });

  it('disconnect during a slow load: nothing from the old account is cached or shown', async () => {
    const SLOW_MS = 8_000;
    const options = await app.browser.openExtensionPage('options.html');
    const disconnect = options.getByRole('button', { name: 'Disconnect' });
    await disconnect.waitFor();
    const c = await freshCompose(app, gmail);
    const before = await c.html();
    app.fake.fault({ path: AVAILABLE_TIMES, delayMs: SLOW_MS, times: 1 });
    const clickedAt = Date.now();
    await c.button.click();
    await until(() => requestsTo(app, AVAILABLE_TIMES).length > 0, 'the slow request');
    await disconnect.click();
    await options.getByLabel('Personal access token').waitFor();
    expect(Date.now() - clickedAt).toBeLessThan(SLOW_MS); // disconnected while the answer was still on its way
    await gmail.bringToFront();
    // The slow answer arrives meanwhile: it is neither inserted nor kept.
    await new Promise((r) => setTimeout(r, SLOW_MS + 1_000 - (Date.now() - clickedAt)));
    expect(await c.bookingLinks()).toBe(0);
    expect(await c.html()).toBe(before);
    expect((await cacheKeys(app)).filter((k) => k.startsWith('slots:'))).toEqual([]);
    // What the user is told: the account that was asked for is gone.
    const { text } = await alertContent(c);
    expect(text).toBe('Connect your Calendly account to insert open times.');
    await app.screenshot(gmail, 'draft-disconnected-during-load');
    await c.close();
    // Connected again for the next test.
    await options.getByLabel('Personal access token').fill('demo-token');
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText(/^Connected as /).waitFor();
    await options.close();
  });

  it('an extension reload with Gmail open: the open compose gets one working button back, no page reload', async () => {
    await clearCaches(app);
    await gmail.bringToFront();
    const id = await gmail.evaluate(() => window.__gmail.openCompose({ body: '<div>Hi Sam,</div><div><br></div>' }));
    const root = gmail.locator('.M9').filter({ has: gmail.locator(`input[name="composeid"][value="${id}"]`) });
    const button = root.getByRole('button', { name: 'Insert open slots' });
    await button.waitFor();
    expect(await root.locator('open-slots-button').count()).toBe(1);
    const oldHost = await root.locator('open-slots-button').elementHandle();
    await gmail.evaluate(() => ((window as unknown as { pageLife: string }).pageLife = 'same page'));

    // Reload the unpacked extension as an update does (same id, new instance, onInstalled 'update'). CDP's
    // Extensions.loadUnpacked of the same directory does that; chrome.runtime.reload() here leaves a
    // command-line loaded extension disabled.
    const cdp = await app.browser.context.browser()!.newBrowserCDPSession();
    const oldWorker = app.browser.serviceWorker;
    await oldWorker.evaluate(() => ((self as unknown as { instance: string }).instance = 'old'));
    const dir = resolve(process.env.OPEN_SLOTS_EXTENSION_DIR ?? '.output/chrome-mv3');
    const loaded = (await cdp.send('Extensions.loadUnpacked' as never, { path: dir } as never)) as { id: string };
    expect(loaded.id).toBe(app.browser.extensionId);
    await cdp.detach();
    // A new service worker instance runs (it has no `instance` mark).
    await until(async () => {
      for (const w of app.browser.context.serviceWorkers()) {
        if ((await w.evaluate(() => (self as unknown as { instance?: string }).instance ?? 'new').catch(() => 'gone')) === 'new') return true;
      }
      return false;
    }, 'the new service worker', 20_000);

    // The old script's button is gone and the new script's is there: one host, one button.
    await until(async () => (await oldHost!.evaluate((h) => !h.isConnected)) && (await button.count()) === 1, 'the new button', 20_000);
    await gmail.waitForTimeout(500); // any second mount would have happened by now
    expect(await root.locator('open-slots-button').count()).toBe(1);
    expect(await button.count()).toBe(1);
    expect(await gmail.evaluate(() => (window as unknown as { pageLife?: string }).pageLife)).toBe('same page');

    await root.getByRole('textbox', { name: 'Message Body' }).locator('div').nth(1).click();
    await button.click();
    await until(async () => (await root.locator(`a[href="${BOOKING_30}"]`).count()) === 1, 'an insertion by the new script');
    expect(await root.getByRole('alert').count()).toBe(0);
    await app.screenshot(gmail, 'draft-after-extension-reload');
  });
});
