/**
 * Issue 19, "Recipient-aware", as a user meets it: the built extension in Chromium on the Gmail stand-in,
 * against the fake Calendly.
 * (a) A second time zone chosen in the picker for a message To ann@example.com is remembered (by the
 *     background, in this browser) and used by a plain click in the next message to her; not for others.
 * (b) An event type whose booking page is in French, with the language left on Automatic: the inserted
 *     text is French, in an English browser.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_30, EVENT_INTRO, futureSlots, startApp, type App } from './support/app';
import type { OpenComposeOptions } from './support/gmail/api';
import { GMAIL_PATHS } from './support/gmail/pages';

/** `chrome` inside the service worker (this file is type-checked without Chrome's typings). */
declare const chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };

const INSERT = 'Insert open slots';
const CHOOSE = 'Choose slots to insert';
const TOKYO = 'Asia/Tokyo';

/** One compose on the stand-in page, found the way a user sees it. */
function composeOf(page: Page, id: string) {
  const root = page.locator('.M9').filter({ has: page.locator(`input[name="composeid"][value="${id}"]`) });
  const body = root.locator('[g_editable="true"]');
  return {
    id,
    body,
    button: root.getByRole('button', { name: INSERT }),
    arrow: root.getByRole('button', { name: CHOOSE }),
    picker: root.getByRole('dialog', { name: CHOOSE }),
    links: () => body.locator('a').count(),
    text: () => body.innerText(),
  };
}
type Compose = ReturnType<typeof composeOf>;

/** Polls until `fn` is true (10 s). */
async function until(fn: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The "Times shown in …" line (or its translation) of what a compose holds. */
const zoneLine = async (c: Compose) => (await c.text()).split('\n').find((l) => /Times shown in|Horaires indiqués en/.test(l)) ?? '';

describe('Recipient-aware inserts (issue 19)', () => {
  let app: App;
  let page: Page;
  const slots = futureSlots([26, 27, 50, 51, 52, 75, 99]);

  async function open(opts: OpenComposeOptions = {}): Promise<Compose> {
    const id = await page.evaluate((o) => window.__gmail.openCompose(o), opts);
    const c = composeOf(page, id);
    await c.button.waitFor();
    await c.body.locator('div').first().click();
    return c;
  }
  /** What the background keeps (storage.local), read in its service worker. */
  const remembered = () =>
    app.browser.serviceWorker.evaluate(async () => (await chrome.storage.local.get('recipientZones')).recipientZones ?? {});

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
    app.fake.setAvailability(EVENT_30, slots);
    app.fake.setAvailability(EVENT_INTRO, slots);
    // Calendly's event type `locale`: the language its booking page shows.
    app.fake.eventType(EVENT_INTRO).locale = 'fr';
    await app.connect('demo-token');
    page = await app.gmail(GMAIL_PATHS.inbox);
    await page.evaluate(() => window.__gmail.ready);
  });
  afterAll(async () => {
    await app?.close();
  });
  // Moles stack up off screen: close every compose a test opened.
  afterEach(async () => {
    if (!page.isClosed()) await page.evaluate(() => window.__gmail.ids().forEach((id) => window.__gmail.close(id)));
  });

  it('(a) a second zone chosen in the picker for ann@example.com is used by a plain click in the next message to her, not to others', async () => {
    const first = await open({ to: ['Ann@Example.com'] });
    await first.arrow.click();
    await first.picker.waitFor();
    const preview = first.picker.getByLabel('Preview');
    await until(async () => (await preview.locator('a').count()) > 0, 'the first preview');
    const second = first.picker.getByLabel('Recipient’s zone');
    expect(await second.inputValue()).toBe('None');
    await second.fill(TOKYO);
    await second.press('Enter');
    await until(async () => (await preview.innerText()).includes('Japan Standard Time'), 'the preview with Tokyo');
    await first.picker.getByRole('button', { name: 'Insert', exact: true }).click();
    await until(async () => (await first.links()) > 0, 'the picker’s insertion');
    expect(await zoneLine(first)).toMatch(/^Times shown in Eastern .* and Japan Standard Time/);
    // Kept by the background, lowercased, in this browser's extension storage.
    expect(await remembered()).toEqual({ 'ann@example.com': TOKYO });
    await page.evaluate((id) => window.__gmail.close(id), first.id);

    // A new message to Ann: a plain click, no picker.
    const again = await open({ to: ['ann@example.com'] });
    await again.button.click();
    await until(async () => (await again.links()) > 0, 'the plain click’s insertion');
    expect(await zoneLine(again)).toMatch(/^Times shown in Eastern .* and Japan Standard Time/);
    await app.screenshot(page, 'recipients-remembered-zone');
    await page.evaluate((id) => window.__gmail.close(id), again.id);

    // To someone else, and to no one: no second zone.
    const other = await open({ to: ['bob@example.com'] });
    await other.button.click();
    await until(async () => (await other.links()) > 0, 'the insertion for Bob');
    expect(await zoneLine(other)).toMatch(/^Times shown in Eastern [^,]*$/);
    expect(await zoneLine(other)).not.toContain(' and ');
    await page.evaluate((id) => window.__gmail.close(id), other.id);

    const nobody = await open();
    await nobody.button.click();
    await until(async () => (await nobody.links()) > 0, 'the insertion for no one');
    expect(await zoneLine(nobody)).toMatch(/^Times shown in Eastern /);
    expect(await zoneLine(nobody)).not.toContain(' and ');
    expect(await remembered()).toEqual({ 'ann@example.com': TOKYO });
  });

  it('(b) an event type whose booking page is French, language Automatic: the inserted text is French', async () => {
    expect(await page.evaluate(() => navigator.language)).toMatch(/^en/);
    const c = await open();
    await c.arrow.click();
    await c.picker.waitFor();
    const preview = c.picker.getByLabel('Preview');
    await until(async () => (await preview.locator('a').count()) > 0, 'the first preview');
    expect(await preview.innerText()).toContain('Times shown in'); // 30 Minute Meeting: an English booking page
    await c.picker.getByLabel('Event type').selectOption(EVENT_INTRO);
    await until(async () => (await preview.innerText()).includes('Horaires indiqués en'), 'the French preview');
    await c.picker.getByRole('button', { name: 'Insert', exact: true }).click();
    await until(async () => (await c.links()) > 0, 'the insertion');
    const text = await c.text();
    expect(await zoneLine(c)).toMatch(/^Horaires indiqués en /);
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'America/New_York', weekday: 'long', day: 'numeric', month: 'long' }).format(slots[0]!);
    expect(text.toLowerCase()).toContain(day.toLowerCase());
    expect(text).toContain('Ou choisissez un autre créneau');
    expect(text).not.toContain('Pick another time');
    await app.screenshot(page, 'recipients-french');
  });
});
