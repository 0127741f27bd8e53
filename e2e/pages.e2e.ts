/**
 * The extension's own pages, built, in Chromium: the popup before connecting, connecting on the options
 * page, defaults that the compose button then uses, the popup's times and its Copy (HTML and plain text on
 * the real clipboard), and Disconnect. One browser for the file; the steps run in order, as a user takes
 * them. Screenshots of both pages, light and dark, go to test-output/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLinks, compose, EVENT_30, EVENT_INTRO, futureSlots, openCompose, OUTPUT_DIR, startApp, type App } from './support/app';
import { readSecrets } from './support/secrets';

const SCHEMES = ['light', 'dark'] as const;

/** Screenshots of the options page (whole page) in both colour schemes. */
async function shootOptions(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(OUTPUT_DIR, `options-${scheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Screenshots of the popup: its own box, at the size Chrome shows it. */
async function shootPopup(page: Page, suffix = '') {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('main.popup').screenshot({ path: join(OUTPUT_DIR, `popup${suffix}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

describe('options page and popup', () => {
  let app: App;
  let options: Page;

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
    app.fake.setAvailability(EVENT_30, futureSlots([26, 27, 28, 50, 51, 75, 99]));
    app.fake.setAvailability(EVENT_INTRO, futureSlots([25, 26, 49, 50, 73, 74, 97]));
    // The page Chrome opened on install; without it "Open options" opens a fresh tab rather than focusing it.
    await app.browser.installPage?.close();
  });
  afterAll(() => app?.close());

  it('popup, not connected: one sentence and a button to the options page', async () => {
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.getByText('Connect your Calendly account to see and share your open times.').waitFor();
    expect(await popup.getByRole('button', { name: 'Copy' }).count()).toBe(0);
    await shootPopup(popup, '-not-connected');
    const opened = app.browser.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html') });
    await popup.getByRole('button', { name: 'Open options' }).click();
    const page = await opened;
    await page.getByLabel('Personal access token').waitFor();
    await page.close();
  });

  it('options: a refused token is explained next to the field; a good one connects and leaves the page', async () => {
    options = await app.browser.openExtensionPage('options.html');
    await options.setViewportSize({ width: 1120, height: 860 });
    const field = options.getByLabel('Personal access token');
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toBe('Paste a personal access token first.');
    await field.fill('not-a-real-token');
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/^Calendly did not accept this token/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('demo-token');
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText('Connected as Avery Quinn').waitFor();
    expect(await options.getByText('avery@example.com').count()).toBe(1);
    expect(await options.getByText('Member of Quinn & Co').count()).toBe(1);
    expect(await options.content()).not.toContain('demo-token');
    // The defaults appear with the live preview of the default event type.
    await options.locator('.email a[href*="/30min/"]').first().waitFor();
  });

  it('options: an invalid count is explained and not saved; 3 × Intro Call is, and the compose button inserts that', async () => {
    const count = options.getByLabel('How many slots');
    await count.fill('0');
    await options.getByText('Choose between 1 and 20 slots.').waitFor();
    expect(await count.getAttribute('aria-invalid')).toBe('true');
    // Keyboard: Tab leaves the field and reaches the next control.
    await count.focus();
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('field-daysAhead');

    await count.fill('3');
    await options.getByText('Saved ✓').waitFor();
    expect(await options.getByText('Choose between 1 and 20 slots.').count()).toBe(0);
    await options.getByLabel('Event type').selectOption({ label: 'Intro Call · 15 min' });
    // The preview follows: three Intro Call times.
    await expect.poll(() => options.locator('.email a[href*="/intro-call/"]').count()).toBe(3);
    await options.locator('.email:not(.is-updating)').waitFor();
    await shootOptions(options);

    // The stored defaults survive a reload.
    await options.reload();
    await expect.poll(() => options.getByLabel('How many slots').inputValue()).toBe('3');
    // The event types load after the settings: wait for the list rather than read "Loading…".
    await expect
      .poll(() => options.getByLabel('Event type').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('Intro Call · 15 min');

    const gmail = await app.gmail();
    const id = await openCompose(gmail, 'mole');
    const root = compose(gmail, id);
    const body = root.getByRole('textbox', { name: 'Message Body' });
    await body.locator('div').first().click();
    await root.getByRole('button', { name: 'Insert open slots' }).click();
    await expect.poll(() => body.locator('a').count()).toBeGreaterThan(3);
    const links = await bodyLinks(body);
    const slotLinks = links.filter((l) => /\/\d{4}-\d\d-\d\dT/.test(l.href));
    expect(slotLinks).toHaveLength(3);
    for (const l of slotLinks) expect(l.href).toContain('/intro-call/');
    expect(links.some((l) => l.href.includes('/30min'))).toBe(false);
    await gmail.close();
  });

  it('popup, connected: the times, Copy puts HTML and plain text on the clipboard, Refresh and the event type picker', async () => {
    // Chrome refuses a grant for the chrome-extension:// origin ("opaque origin"); a grant without origin
    // covers every origin, the extension's pages included.
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.bringToFront();
    const times = popup.getByRole('region', { name: 'Next open times' });
    await expect.poll(() => times.locator('.email a[href*="/intro-call/"]').count()).toBe(3);
    await expect
      .poll(() => popup.getByLabel('Event type').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('Intro Call · 15 min');
    expect(await popup.getByText(/^Updated \d/).count()).toBe(1);
    await shootPopup(popup);

    await popup.getByRole('button', { name: 'Copy' }).click();
    await popup.getByRole('button', { name: 'Copied ✓' }).waitFor();
    const clip = await popup.evaluate(async () => {
      const out: Record<string, string> = {};
      for (const item of await navigator.clipboard.read()) {
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
      }
      return out;
    });
    expect(Object.keys(clip).sort()).toEqual(['text/html', 'text/plain']);
    const hrefs = [...clip['text/html']!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    const slotHrefs = hrefs.filter((h) => h.includes('/intro-call/'));
    expect(slotHrefs).toHaveLength(3);
    for (const h of slotHrefs) expect(clip['text/plain']).toContain(h);
    expect(clip['text/plain']).not.toContain('<a');

    // Refresh: an icon button, named for screen readers, that asks again.
    const refresh = popup.getByRole('button', { name: 'Refresh' });
    expect((await refresh.textContent())?.trim()).toBe('');
    await refresh.click();
    await expect.poll(() => times.locator('.email a[href*="/intro-call/"]').count()).toBe(3);

    // Another event type, for this popup only: its times, not the default's.
    await popup.getByLabel('Event type').selectOption({ label: '30 Minute Meeting · 30 min' });
    await expect.poll(() => times.locator('.email a[href*="/30min/"]').count()).toBe(3);
    expect(await times.locator('.email a[href*="/intro-call/"]').count()).toBe(0);

    // Open booking page: a new tab on Calendly.
    const opened = app.browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Open booking page' }).click();
    const booking = await opened;
    await booking.waitForLoadState();
    expect(booking.url()).toBe('https://calendly.com/avery-quinn/30min');
    await booking.close();
    await popup.close();
  });

  it('popup: every control is reachable with the keyboard and shows where focus is', async () => {
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.locator('.email a').first().waitFor();
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      await popup.keyboard.press('Tab');
      const info = await popup.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const outline = getComputedStyle(el).outlineStyle;
        const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
        return { name: (label ?? el.textContent ?? '').trim(), outline, tag: el.tagName };
      });
      if (!info) break;
      expect(info.outline, `focus ring on ${info.tag} "${info.name}"`).not.toBe('none');
      names.push(info.name);
    }
    for (const name of ['Settings', 'Event type', 'Refresh', 'Copy', 'Open booking page']) expect(names).toContain(name);
    await popup.close();
  });

  it('options: Disconnect forgets the account; the popup then asks to connect again', async () => {
    await options.getByRole('button', { name: 'Disconnect' }).click();
    await options.getByLabel('Personal access token').waitFor();
    expect(await options.getByLabel('How many slots').count()).toBe(0);
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.getByRole('button', { name: 'Open options' }).waitFor();
    expect(await readSecrets(app.browser.serviceWorker)).toEqual({});
  });

  it('options: a token without organizations:read still connects; the card then does not name the organization', async () => {
    app.fake.addToken('no-org-token', { scopes: ['users:read', 'event_types:read', 'availability:read'] });
    const before = app.fake.requests.length;
    await options.getByLabel('Personal access token').fill('no-org-token');
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText('Connected as Avery Quinn').waitFor();
    expect(await options.locator('.account-org').textContent()).toBe('Member of a Calendly organization');
    const asked = app.fake.requests.slice(before).filter((r) => r.path.startsWith('/organizations/'));
    expect(asked.map((r) => r.status)).toEqual([403]); // asked once, refused, not retried
  });
});
