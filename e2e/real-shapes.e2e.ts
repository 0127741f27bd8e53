/**
 * Calendly as it really answers (issue 13), in the built extension against the fake seeded with the shapes
 * of Calendly's published spec: Casey Morgan (casey@example.com) belongs to an organization without a name,
 * has an event type whose `name` is null (slug "quick-chat"), a `multi_pool` team type she hosts ("Support
 * Rotation"), an ad hoc one-off type with neither name nor slug, and a weekly `reserved` hold (no buffers,
 * no event). The options list, the popup's times, an insert in Gmail and the availability figures all work,
 * with the figures worked out by hand below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, openCompose, OUTPUT_DIR, startApp, type App } from './support/app';
import { addDays, nextMonday, NY } from './support/dates';

const QUICK_CHAT = 'https://calendly.com/casey-morgan/quick-chat';
const LABELS = ['quick-chat · 30 min', 'Support Rotation · 20 min', 'Untitled · 45 min · one-off'];

describe('a Calendly account with the real shapes: null name, multi_pool, reserved hold, unnamed organization', () => {
  let app: App;
  let options: Page;

  beforeAll(async () => {
    app = await startApp({ tz: NY });
    app.fake.addToken('casey-token', { user: 'casey@example.com' });
    await app.browser.installPage?.close();
  });
  afterAll(() => app?.close());

  const selectedLabel = (page: Page) =>
    page.getByLabel('Event type', { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);
  const optionLabels = (page: Page) =>
    page.getByLabel('Event type', { exact: true }).locator('option').allTextContents();

  it('options: connects, names no organization, and lists every event type readably, the one-off last', async () => {
    const warnings: string[] = [];
    app.browser.serviceWorker.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    options = await app.connect('casey-token');
    await options.getByText('Connected as Casey Morgan').waitFor();
    expect(await options.getByText('Member of a Calendly organization').count()).toBe(1);
    await expect.poll(() => optionLabels(options)).toEqual(LABELS);
    await expect.poll(() => selectedLabel(options)).toBe('quick-chat · 30 min');
    // The live preview of the default event type: booking links of quick-chat.
    await options.locator(`.email a[href^="${QUICK_CHAT}/"]`).first().waitFor();
    expect(await options.content()).not.toContain('—</option>');
    expect(warnings).toEqual([]); // nothing was skipped: every item Calendly sent is usable
  });

  it('popup: the default’s open times, and the multi_pool type’s on demand', async () => {
    const popup = await app.browser.openExtensionPage('popup.html');
    const times = popup.getByRole('region', { name: 'Next open times' });
    await expect.poll(() => times.locator(`.email a[href^="${QUICK_CHAT}/"]`).count()).toBe(5);
    expect(await selectedLabel(popup)).toBe('quick-chat · 30 min');
    expect(await optionLabels(popup)).toEqual(LABELS);
    await popup.getByLabel('Event type', { exact: true }).selectOption({ label: 'Support Rotation · 20 min' });
    await expect.poll(() => times.locator('.email a[href^="https://calendly.com/d/abc-123/support-rotation/"]').count()).toBe(5);
    await popup.close();
  });

  it('Gmail: "Insert open slots" inserts the null-named type’s times, named by its slug', async () => {
    const gmail = await app.gmail();
    await gmail.evaluate(() => (window as unknown as { __gmail: { ready: Promise<void> } }).__gmail.ready);
    const id = await openCompose(gmail, 'mole');
    const c = compose(gmail, id);
    const before = app.fake.requests.length;
    await c.getByRole('button', { name: 'Insert open slots' }).click();
    const body = c.locator('[g_editable="true"]');
    await expect.poll(() => body.locator(`a[href^="${QUICK_CHAT}/"]`).count()).toBe(5);
    expect(await body.textContent()).toContain('quick-chat');
    // The answer may come from the popup's cached one; either way no event type list was read to insert.
    expect(app.fake.requests.slice(before).filter((r) => r.path === '/event_types')).toEqual([]);
    expect(app.consoleErrors(gmail).filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]); // the stand-in has no favicon
    await gmail.close();
  });

  it('availability: next week’s figures by hand, the hold as "Held" in the totals, the calendar, the table and the CSV', async () => {
    // Casey, next week (New York): Monday–Friday 09:00–17:00 = 40 h available. Tuesday 10:00–11:00 Calendly
    // (1 h), Wednesday 13:00–14:30 reserved (1.5 h Held), Thursday 09:00–09:30 external (0.5 h): 3 h
    // scheduled, all inside working hours, so 37 h free and utilisation 3 / 40 = 7.5 %.
    const monday = nextMonday();
    const page = await app.browser.openExtensionPage('availability.html');
    await page.setViewportSize({ width: 1200, height: 1000 });
    const figure = (name: string) => page.locator(`[data-figure="${name}"] .av-figure-value`);
    await figure('available').waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption('next-week');
    await expect.poll(() => page.locator('.av-days tbody tr').first().getAttribute('data-date')).toBe(monday);
    await expect.poll(() => figure('available').textContent()).toBe('40 h');
    expect(await figure('scheduled').textContent()).toBe('3 h');
    expect(await figure('free').textContent()).toBe('37 h');
    expect(await figure('utilisation').textContent()).toBe('7.5%');
    expect(await page.locator('[data-figure="calendly"]').textContent()).toContain('Calendly 1 h');
    expect(await page.locator('[data-figure="held"]').textContent()).toContain('Held 1.5 h');
    expect(await page.locator('[data-figure="external"]').textContent()).toContain('External 0.5 h');

    const held = page.locator('.av-block.held');
    expect(await held.count()).toBe(1);
    expect(await held.getAttribute('title')).toBe('Held time 1:00 PM – 2:30 PM');
    expect(await held.textContent()).toBe('Held');
    expect(await page.getByRole('list', { name: 'Legend' }).textContent()).toContain('Held time (reserved in Calendly)');

    const headers = await page.locator('.av-days thead th').allTextContents();
    expect(headers).toEqual(['Date', 'Available', 'Calendly', 'Held', 'External', 'Free']);
    const wednesday = page.locator(`.av-days tbody tr[data-date="${addDays(monday, 2)}"] td`);
    expect(await wednesday.allTextContents()).toEqual(['8 h', '0 h', '1.5 h', '0 h', '6.5 h']);
    expect(await page.locator('.av-days tfoot td').allTextContents()).toEqual(['40 h', '1 h', '1.5 h', '0.5 h', '37 h']);

    await page.screenshot({ path: join(OUTPUT_DIR, 'real-shapes-availability.png'), fullPage: true, animations: 'disabled' });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('date,available_hours,calendly_hours,held_hours,external_hours,busy_hours,free_hours');
    expect(csv).toContain(`\r\n${addDays(monday, 2)},8.00,0.00,1.50,0.00,1.50,6.50\r\n`);
    expect(csv).toContain('\r\ntotal,40.00,1.00,1.50,0.50,3.00,37.00\r\n');
    await page.close();
  });
});
