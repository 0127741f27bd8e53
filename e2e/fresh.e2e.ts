/**
 * Issue 19, "Fresh until sent", as a user meets it: the built extension in Chromium on the Gmail stand-in,
 * against the fake Calendly. Times go into two drafts (one tab in Gmail's light theme, one in dark); one of
 * them is then booked in Calendly while the drafts stay open. Within the checker's budget (one check a
 * minute per tab, so this file waits about a minute) each compose's button says so; the drafts are not
 * touched until the user clicks "Update", which puts fresh times in the block's place in one undo step.
 *
 * Screenshots: test-output/fresh-notice-light.png, test-output/fresh-notice-dark.png.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, EVENT_30, futureSlots, openCompose, startApp, type App } from './support/app';
import { axeViolations } from './support/axe';
import { AVAILABLE_TIMES, requestsTo } from './support/faults';

const INSERT = 'Insert open slots';
const SLOTS = futureSlots([26, 27, 28, 50, 51, 52]);
const iso = (d: Date) => d.toISOString();

/** The instants our marked links in a body offer, in order. */
const offered = (body: Locator) =>
  body.locator('a[data-open-slots-start]').evaluateAll((as) => as.map((a) => a.getAttribute('data-open-slots-start')));

/** The body's HTML with our block emptied: the user's own text, signature and all. */
const outsideBlock = (body: Locator) =>
  body.evaluate((b) => {
    const copy = b.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-open-slots-event]')?.replaceChildren();
    return copy.innerHTML;
  });

async function draftWithTimes(app: App, theme: 'light' | 'dark'): Promise<{ page: Page; root: Locator; body: Locator }> {
  const page = await app.gmail();
  await page.evaluate((t) => (window as any).__gmail.setTheme(t), theme);
  const id = await openCompose(page, 'mole', '<div>Hi Bob,</div><div><br></div><div>Best, Avery</div>');
  const root = compose(page, id);
  const body = root.locator('[g_editable="true"]');
  await body.locator('div').nth(1).click();
  await root.getByRole('button', { name: INSERT }).click();
  await body.locator('a').first().waitFor();
  return { page, root, body };
}

describe('fresh until sent', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
    app.fake.setAvailability(EVENT_30, SLOTS);
    await app.connect('demo-token');
  });
  afterAll(() => app?.close());

  it('a time booked while the drafts are open: each button says so within the minute; nothing changes until Update, which swaps in fresh times in one undo step', async () => {
    const light = await draftWithTimes(app, 'light');
    const dark = await draftWithTimes(app, 'dark');
    // The block is marked: its event type, and each time's instant on its link.
    expect(await light.body.locator('[data-open-slots-event]').getAttribute('data-open-slots-event')).toBe(EVENT_30);
    const first = SLOTS.slice(0, 5).map(iso);
    expect(await offered(light.body)).toEqual(first);
    const lightBefore = await light.body.innerHTML();
    const lightOutside = await outsideBlock(light.body);
    expect(lightOutside).toContain('Hi Bob,');
    const darkBefore = await dark.body.innerHTML();

    // Someone books the second offered time.
    const since = requestsTo(app, AVAILABLE_TIMES).length;
    const startedAt = Date.now();
    app.fake.setAvailability(EVENT_30, SLOTS.filter((_, i) => i !== 1));

    const notice = (r: Locator) => r.getByRole('status').filter({ hasText: 'no longer free' });
    await notice(light.root).waitFor({ timeout: 150_000 });
    await notice(dark.root).waitFor({ timeout: 150_000 });
    const checks = requestsTo(app, AVAILABLE_TIMES).length - since;
    console.log(`fresh until sent: notice after ${Math.round((Date.now() - startedAt) / 1000)} s in both tabs; ${checks} request(s) to ${AVAILABLE_TIMES} for the two tabs' checks`);
    // Two tabs, each checking at most once a minute from the one shared cache.
    expect(checks).toBeGreaterThanOrEqual(1);
    expect(checks).toBeLessThanOrEqual(3);
    expect(await notice(light.root).locator('p').innerText()).toBe('1 offered time is no longer free.');
    expect(await notice(dark.root).locator('p').innerText()).toBe('1 offered time is no longer free.');
    // Nothing in the drafts changed on its own.
    expect(await light.body.innerHTML()).toBe(lightBefore);
    expect(await dark.body.innerHTML()).toBe(darkBefore);
    await app.screenshot(light.page, 'fresh-notice-light');
    await app.screenshot(dark.page, 'fresh-notice-dark');
    // WCAG 2.1 A/AA on our button and its notice, in both of Gmail's themes (contrast, names).
    expect(await axeViolations(light.page, 'open-slots-button')).toEqual([]);
    expect(await axeViolations(dark.page, 'open-slots-button')).toEqual([]);

    // Update: fresh times, as many, in the same place; the user's own text stays.
    await notice(light.root).getByRole('button', { name: 'Update' }).click();
    const fresh = [SLOTS[0], SLOTS[2], SLOTS[3], SLOTS[4], SLOTS[5]].map((d) => iso(d!));
    await expect.poll(() => offered(light.body), { timeout: 15_000 }).toEqual(fresh);
    expect(await light.body.locator('[data-open-slots-event]').count()).toBe(1);
    expect(await outsideBlock(light.body)).toBe(lightOutside);
    expect(await notice(light.root).count()).toBe(0);
    // One undo step takes the update back, exactly.
    await light.body.press('Control+z');
    await expect.poll(() => light.body.innerHTML()).toBe(lightBefore);
    // The other draft was not touched by this one's Update.
    expect(await dark.body.innerHTML()).toBe(darkBefore);
  }, 240_000);
});
