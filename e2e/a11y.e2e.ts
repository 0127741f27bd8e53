/**
 * Accessibility, checked by a machine: axe-core's WCAG 2.1 A/AA rules (contrast, labels, names, ARIA) on
 * every page of the built extension in both colour schemes, and on our button and picker inside Gmail
 * (only our own elements: the stand-in page is not ours to judge).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../lib/i18n/en';
import { compose, EVENT_30, futureSlots, openCompose, startApp, type App } from './support/app';
import { axeRun, axeViolations } from './support/axe';
import { AVAILABLE_TIMES, cacheKeys, clearSessionCache, until } from './support/faults';

const SCHEMES = ['light', 'dark'] as const;

/** The violations of `page` in each colour scheme, keyed by scheme (empty arrays when clean). */
async function inBothSchemes(page: Page, include?: string) {
  const out: Record<string, unknown[]> = {};
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    out[scheme] = await axeViolations(page, include);
  }
  await page.emulateMedia({ colorScheme: null });
  return out;
}

const CLEAN = { light: [], dark: [] };

/** The preview dims while it refreshes (and axe counts opacity in contrast): wait until it is not refreshing. */
const settled = (page: Page) => page.locator('.email:not(.is-updating)').first().waitFor();

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
    app.fake.setAvailability(EVENT_30, futureSlots([26, 27, 28, 50, 51, 75, 99]));
  });
  afterAll(() => app?.close());

  it('the checker itself finds what it should: an unlabelled field, a nameless button, low contrast', async () => {
    const page = await app.browser.context.newPage();
    await page.setContent('<main><input type="text"><button></button><p style="color:#bbb;background:#fff">faint</p></main>');
    const rules = (await axeViolations(page)).map((v) => v.rule).sort();
    expect(rules).toEqual(expect.arrayContaining(['button-name', 'color-contrast', 'label']));
    await page.close();
  });

  it('the welcome page and the privacy policy', async () => {
    const welcome = app.browser.installPage ?? (await app.browser.openExtensionPage('welcome.html'));
    await welcome.getByRole('heading', { level: 1, name: en.welcomeTitle }).waitFor();
    expect(await inBothSchemes(welcome)).toEqual(CLEAN);
    const privacy = await app.browser.openExtensionPage('privacy.html');
    await privacy.getByRole('heading', { level: 1 }).waitFor();
    expect(await inBothSchemes(privacy)).toEqual(CLEAN);
    await privacy.close();
  });

  it('the popup and the options page before connecting', async () => {
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.getByRole('button', { name: en.openOptions }).waitFor();
    expect(await inBothSchemes(popup)).toEqual(CLEAN);
    await popup.close();
    const options = await app.browser.openExtensionPage('options.html');
    await options.getByLabel(en.personalAccessToken).waitFor();
    expect(await inBothSchemes(options)).toEqual(CLEAN);
    // With the error shown next to the field.
    await options.getByRole('button', { name: en.connect }).click();
    await options.getByRole('alert').waitFor();
    expect(await inBothSchemes(options)).toEqual(CLEAN);
    await options.close();
  });

  it('in Gmail before connecting: the button and its "connect first" popover', async () => {
    const gmail = await app.gmail();
    const id = await openCompose(gmail, 'mole');
    const root = compose(gmail, id);
    await root.getByRole('button', { name: en.insertOpenSlots }).click();
    await root.getByText(en.notConnected).waitFor();
    expect(await axeViolations(gmail, 'open-slots-button')).toEqual([]);
    await gmail.close();
  });

  it('the options page and the popup when connected, with the times loaded', async () => {
    const options = await app.connect();
    await options.locator('.email a[href*="/30min/"]').first().waitFor();
    await settled(options);
    expect(await inBothSchemes(options)).toEqual(CLEAN);
    await options.close();
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.locator('.email a[href*="/30min/"]').first().waitFor();
    await settled(popup);
    expect(await inBothSchemes(popup)).toEqual(CLEAN);
    await popup.close();
  });

  it('the availability view, with its figures and week calendar', async () => {
    const page = await app.browser.openExtensionPage('availability.html');
    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.locator('[data-figure="available"] .av-figure-value').waitFor();
    expect(await inBothSchemes(page)).toEqual(CLEAN);
    await page.close();
  });

  it('in a narrow window (reflow): no page scrolls sideways; the week calendar scrolls inside its card', async () => {
    const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const options = await app.browser.openExtensionPage('options.html');
    await options.setViewportSize({ width: 420, height: 900 });
    await options.locator('.email a').first().waitFor();
    expect(await sideways(options)).toBe(0);
    await options.close();
    const page = await app.browser.openExtensionPage('availability.html');
    await page.setViewportSize({ width: 700, height: 900 });
    await page.locator('[data-figure="available"] .av-figure-value').waitFor();
    expect(await sideways(page)).toBe(0);
    const week = page.getByRole('region', { name: /^Week of / });
    expect(await week.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await inBothSchemes(page)).toEqual(CLEAN); // incl. "scrollable region is focusable"
    await page.close();
  });

  it('our button and picker in Gmail, in Gmail’s light and dark themes', async () => {
    const gmail = await app.gmail();
    const id = await openCompose(gmail, 'mole', '<div>Hi Sam,</div><div><br></div>');
    const root = compose(gmail, id);
    await root.getByRole('button', { name: en.insertOpenSlots }).waitFor();
    expect(await axeViolations(gmail, 'open-slots-button')).toEqual([]);
    await root.getByRole('button', { name: en.chooseSlots }).click();
    await root.getByRole('dialog', { name: en.chooseSlots }).getByLabel(en.preview).locator('a').first().waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await gmail.evaluate((t) => (window as any).__gmail.setTheme(t), theme);
      const { violations, passed } = await axeRun(gmail, 'open-slots-button');
      expect(violations, theme).toEqual([]);
      // It looked inside our shadow root: the picker's four fields, its buttons and its text were checked.
      expect(passed['label'], theme).toBeGreaterThanOrEqual(3); // how many, days, time zone
      expect(passed['select-name'], theme).toBe(1); // event type
      expect(passed['button-name'], theme).toBeGreaterThanOrEqual(4);
      expect(passed['color-contrast'], theme).toBeGreaterThan(10);
    }
  });

  it('in Gmail, an error from Calendly: the popover with its sentence and "Try again"', async () => {
    const gmail = await app.gmail();
    const id = await openCompose(gmail, 'mole');
    const root = compose(gmail, id);
    // The compose's prefetch first (a load still in flight would write its answer after the clear).
    await until(async () => (await cacheKeys(app)).some((k) => k.startsWith('slots:')), 'the prefetch to fill the cache');
    await clearSessionCache(app.browser.serviceWorker);
    app.fake.fault({ path: AVAILABLE_TIMES, status: 404 });
    try {
      await root.getByRole('button', { name: en.insertOpenSlots }).click();
      await root.getByRole('alert').getByRole('button', { name: en.tryAgain }).waitFor();
      for (const theme of ['light', 'dark'] as const) {
        await gmail.evaluate((t) => (window as any).__gmail.setTheme(t), theme);
        expect(await axeViolations(gmail, 'open-slots-button'), theme).toEqual([]);
      }
    } finally {
      app.fake.clearFaults();
    }
  });
});
