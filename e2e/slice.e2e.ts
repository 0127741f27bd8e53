/**
 * The vertical slice, as a user does it: connect a token on the real options page, open a compose window
 * on the Gmail stand-in, click "Insert open slots", and get the exact links Calendly offered.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLinks, compose, EVENT_30, futureSlots, offeredSlotUrls, openCompose, startApp, type App } from './support/app';

describe('vertical slice: options → Gmail compose → inserted links', () => {
  let app: App;
  let gmail: Page;
  const slots = futureSlots([26, 27, 50, 51, 52, 75, 99]);

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
    app.fake.setAvailability(EVENT_30, slots);
    const options = await app.connect('demo-token');
    await app.screenshot(options, 'options-connected');
    gmail = await app.gmail();
  });
  afterAll(() => app?.close());

  it('shows who is connected, and the token is gone from the page', async () => {
    const options = await app.browser.openExtensionPage('options.html');
    await options.getByText('Connected as Avery Quinn').waitFor();
    // The organization's name, read once with GET /organizations/{uuid} when connecting.
    expect(await options.locator('.account-org').textContent()).toBe('Member of Quinn & Co');
    expect(await options.content()).not.toContain('demo-token');
  });

  it('inserts the first 5 times at the caret as links to each slot, in the user’s zone', async () => {
    const id = await openCompose(gmail, 'mole', '<div>Hi Sam, here are some times:</div><div><br></div>');
    const root = compose(gmail, id);
    const body = root.getByRole('textbox', { name: 'Message Body' });
    const button = root.getByRole('button', { name: 'Insert open slots' });
    await button.waitFor();
    // The stand-in is served, like Gmail, with `require-trusted-types-for 'script'`; record any violation.
    await gmail.evaluate(() => {
      const seen: string[] = ((window as any).__violations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.sample}`));
    });
    // Put the caret on the empty line after the greeting, as a user would.
    await body.locator('div').nth(1).click();
    await button.click();
    await expect.poll(() => body.locator('a').count()).toBeGreaterThan(5);
    // Inserted with Trusted Types enforced in the page, without a violation (the content script's world is exempt).
    expect(await gmail.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(
      await gmail.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          return 'allowed';
        } catch {
          return 'refused';
        }
      }),
    ).toBe('refused');

    const links = await bodyLinks(body);
    const slotLinks = links.filter((l) => /\/30min\/\d{4}-/.test(l.href));
    // Exactly the first five slots Calendly offers, in order, each linking to its own scheduling_url.
    const offered = await offeredSlotUrls(app, EVENT_30);
    expect(offered).toHaveLength(slots.length);
    expect(slotLinks.map((l) => l.href)).toEqual(offered.slice(0, 5));
    // Times read in New York time (the browser's zone), e.g. "10:00 AM".
    const nyTimes = slots.slice(0, 5).map((d) =>
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' }).format(d),
    );
    expect(slotLinks.map((l) => l.text.replace(/\u202f/g, ' '))).toEqual(nyTimes.map((s) => s.replace(/\u202f/g, ' ')));
    // The booking page link closes the block; nothing links off Calendly.
    expect(links.some((l) => l.href === 'https://calendly.com/avery-quinn/30min')).toBe(true);
    expect(links.every((l) => l.href.startsWith('https://calendly.com/'))).toBe(true);
    // Inserted after the greeting, before the signature.
    const text = await body.innerText();
    expect(text.indexOf('Hi Sam')).toBeLessThan(text.indexOf('Times shown in'));
    expect(text.indexOf('Times shown in')).toBeLessThan(text.lastIndexOf('--'));
    expect(text).toContain('Eastern');
    await app.screenshot(gmail, 'slice-inserted');
  });
});
