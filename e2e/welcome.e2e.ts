/**
 * First run, as a new user meets it in the built extension: Chrome installs it, the welcome page opens by
 * itself, the toolbar badge says "not connected" until a token is connected (and again after Disconnect),
 * the welcome page's steps lead to the options page, Gmail and the privacy policy. Screenshots of the
 * welcome and privacy pages, light and dark, go to test-output/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../lib/i18n/en';
import { OUTPUT_DIR, startApp, type App } from './support/app';

const SCHEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(OUTPUT_DIR, `${name}-${scheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

describe('first run', () => {
  let app: App;
  let welcome: Page;

  /** The toolbar badge as Chrome holds it (read in the service worker). */
  const badge = () =>
    app.browser.serviceWorker.evaluate(async () => {
      const { action } = (globalThis as any).chrome;
      return { text: await action.getBadgeText({}), color: await action.getBadgeBackgroundColor({}) };
    });

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
  });
  afterAll(() => app?.close());

  it('installing opens the welcome page, with the scopes to choose and the screenshot loaded', async () => {
    expect(app.browser.installPage, 'a page opened on install').not.toBeNull();
    welcome = app.browser.installPage!;
    expect(new URL(welcome.url()).pathname).toBe('/welcome.html');
    await welcome.setViewportSize({ width: 1000, height: 900 });
    await welcome.getByRole('heading', { level: 1, name: en.welcomeTitle }).waitFor();
    expect(await welcome.title()).toBe(en.welcomeTitle);
    // The three steps, in order.
    expect(await welcome.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      en.welcomeStep1Title,
      en.welcomeStep2Title,
      en.welcomeStep3Title,
    ]);
    expect(await welcome.locator('.scopes code').allTextContents()).toEqual([
      'users:read',
      'event_types:read',
      'availability:read',
      'organizations:read',
    ]);
    // The token page and Gmail are real links to those sites, opened in a new tab.
    const tokenLink = welcome.getByRole('link', { name: en.tokenPage });
    expect(await tokenLink.getAttribute('href')).toBe('https://calendly.com/integrations/api_webhooks');
    expect(await welcome.getByRole('link', { name: en.welcomeOpenGmail }).getAttribute('href')).toBe('https://mail.google.com/');
    expect(await tokenLink.getAttribute('target')).toBe('_blank');
    // The shortcut as Chrome has it (Alt+Shift+S by default).
    await welcome.getByText(/^Keyboard shortcut: Alt\+Shift\+S\./).waitFor();
    // The screenshot is shipped and loads (no broken image, no fallback text).
    const shot = welcome.locator('.shot img');
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1280);
    expect(await welcome.locator('.shot-missing').count()).toBe(0);
    await shoot(welcome, 'welcome');
  });

  it('the badge says "not connected" until a token is connected, and again after Disconnect', async () => {
    await expect.poll(async () => (await badge()).text).toBe('!');
    expect((await badge()).color).toEqual([179, 38, 30, 255]); // #b3261e
    const options = await app.connect();
    await expect.poll(async () => (await badge()).text).toBe('');
    await options.getByRole('button', { name: en.disconnect }).click();
    await options.getByLabel(en.personalAccessToken).waitFor();
    await expect.poll(async () => (await badge()).text).toBe('!');
    await options.close();
  });

  it('"Open options" on the welcome page opens the options page; the privacy link opens the policy', async () => {
    const opened = app.browser.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html') });
    await welcome.getByRole('button', { name: en.openOptions }).click();
    const options = await opened;
    await options.getByLabel(en.personalAccessToken).waitFor();
    await options.close();

    await welcome.getByRole('link', { name: en.privacy }).click();
    await welcome.waitForURL(/\/privacy\.html$/);
    await welcome.getByRole('heading', { level: 1 }).waitFor();
    // The policy names what is stored and where requests go.
    const text = await welcome.locator('main').innerText();
    expect(text).toContain('api.calendly.com');
    await shoot(welcome, 'privacy');
  });

  it('every control on the welcome page is reachable with the keyboard', async () => {
    await welcome.goBack();
    await welcome.getByRole('heading', { level: 1, name: en.welcomeTitle }).waitFor();
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      await welcome.keyboard.press('Tab');
      names.push(await welcome.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? ''));
    }
    expect(names.slice(0, 4)).toEqual([en.tokenPage, en.openOptions, en.welcomeOpenGmail, en.privacy]);
  });
});
