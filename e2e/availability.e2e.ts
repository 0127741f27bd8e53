/**
 * The availability page of the built extension in Chromium, against the fake Calendly: connect the demo
 * token on the options page, open availability.html, choose "Next week", and check that the totals, the
 * week calendar, the CSV and the team summary show what the fake's fixtures give when worked out by hand.
 * Screenshot: test-output/availability.png (and -dark).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, startApp, type App } from './support/app';
import { stopServiceWorker } from './support/browser';
import { addDays, nextMonday, NY } from './support/dates';

/**
 * Avery Quinn's next week, worked out by hand from e2e/support/fake-calendly/fixtures (all New York time):
 * - schedule "Working hours": Monday–Friday 09:00–12:00 and 13:00–17:00 (7 h a day); 2026-12-24 only
 *   09:00–12:00; 2026-12-25 nothing;
 * - busy (busy-times.json): every Tuesday 10:00–11:00 Calendly; every Thursday 14:00–15:30 external; every
 *   Friday 16:00–16:30 Calendly (15-minute buffers, not counted by default); 2026-11-30 14:00Z–15:00Z
 *   (Monday 09:00–10:00) external.
 * For the week of 2026-11-30: available 5 × 7 = 35 h; Calendly 1 + 0.5 = 1.5 h; external 1.5 + 1 = 2.5 h;
 * scheduled 4 h, all inside working hours, so free 31 h and utilisation 4 / 35 = 11.4 %.
 */
function expected(monday: string) {
  type Span = [number, number];
  let available = 0;
  let calendly = 0;
  let external = 0;
  let busyInAvailable = 0;
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i); // i = 0 is Monday
    const hours: Span[] =
      date === '2026-12-24' ? [[9, 12]] : date === '2026-12-25' ? [] : i < 5 ? [[9, 12], [13, 17]] : [];
    const busy: ['calendly' | 'external', number, number][] = [];
    if (i === 1) busy.push(['calendly', 10, 11]);
    if (i === 3) busy.push(['external', 14, 15.5]);
    if (i === 4) busy.push(['calendly', 16, 16.5]);
    if (date === '2026-11-30') busy.push(['external', 9, 10]);
    for (const [a, b] of hours) available += b - a;
    for (const [type, a, b] of busy) {
      if (type === 'calendly') calendly += b - a;
      else external += b - a;
      for (const [x, y] of hours) busyInAvailable += Math.max(0, Math.min(b, y) - Math.max(a, x));
    }
  }
  const scheduled = calendly + external;
  return { available, calendly, external, scheduled, free: available - busyInAvailable, utilisation: busyInAvailable / available };
}

const hours = (n: number) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n)} h`;
const percent = (r: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(r);
const csvHours = (n: number) => n.toFixed(2);

describe('availability page', () => {
  let app: App;
  let page: Page;
  const monday = nextMonday();
  const want = expected(monday);

  beforeAll(async () => {
    app = await startApp({ tz: NY });
    await (app.browser as { installPage?: Page | null }).installPage?.close();
    const options = await app.connect('demo-token');
    await options.close();
    page = await app.browser.openExtensionPage('availability.html');
    await page.setViewportSize({ width: 1200, height: 1000 });
  });
  afterAll(() => app?.close());

  const figure = (name: string) => page.locator(`[data-figure="${name}"] .av-figure-value`);

  it('shows next week’s totals as worked out by hand from the fake’s schedule and busy times', async () => {
    // This week loads first, for the connected user.
    await figure('available').waitFor();
    await expect.poll(() => page.getByLabel('Whose availability', { exact: true }).locator('option:checked').textContent()).toBe('Avery Quinn (you)');

    await page.getByLabel('Period', { exact: true }).selectOption('next-week');
    const weekTitle = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${monday}T12:00:00Z`),
    );
    await page.getByText(`Week of ${weekTitle}`).waitFor();

    await expect.poll(() => figure('available').textContent()).toBe(hours(want.available));
    expect(await figure('scheduled').textContent()).toBe(hours(want.scheduled));
    expect(await figure('free').textContent()).toBe(hours(want.free));
    expect(await figure('utilisation').textContent()).toBe(percent(want.utilisation));
    expect(await page.locator('[data-figure="calendly"]').textContent()).toContain(`Calendly ${hours(want.calendly)}`);
    expect(await page.locator('[data-figure="external"]').textContent()).toContain(`External ${hours(want.external)}`);
    if (monday === '2026-11-30') {
      expect([want.available, want.calendly, want.external, want.free]).toEqual([35, 1.5, 2.5, 31]);
      expect(await figure('utilisation').textContent()).toBe('11.4%');
    }
    expect(await page.getByText('Times are shown in your time zone, America/New_York.').count()).toBe(1);

    // The calendar: 7 days, the Tuesday Calendly meeting and Thursday external event, told apart by label.
    expect(await page.locator('.av-day').count()).toBe(7);
    const tuesday = page.locator('.av-block.calendly[title="Calendly event 10:00 AM – 11:00 AM"]');
    expect(await tuesday.count()).toBe(1);
    expect(await tuesday.textContent()).toBe('Calendly');
    const thursday = page.locator('.av-block.external[title="External calendar event 2:00 PM – 3:30 PM"]');
    expect(await thursday.count()).toBe(1);
    expect(await thursday.textContent()).toBe('External');
    expect(await page.locator('.av-days tbody tr').count()).toBe(7);

    await page.screenshot({ path: join(OUTPUT_DIR, 'availability.png'), fullPage: true, animations: 'disabled' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(OUTPUT_DIR, 'availability-dark.png'), fullPage: true, animations: 'disabled' });
    await page.emulateMedia({ colorScheme: null });
  });

  it('exports the same totals as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    const busy = want.available - want.free;
    expect(csv.split('\r\n')[0]).toBe('date,available_hours,calendly_hours,held_hours,external_hours,busy_hours,free_hours');
    // Avery has no reserved holds: Held is 0 (Casey's are checked in real-shapes.e2e.ts).
    expect(csv).toContain(
      `\r\ntotal,${csvHours(want.available)},${csvHours(want.calendly)},0.00,${csvHours(want.external)},${csvHours(busy)},${csvHours(want.free)}\r\n`,
    );
    expect((await download).suggestedFilename()).toBe(`availability-avery-quinn-${monday}-to-${addDays(monday, 6)}.csv`);
  });

  it('summarizes the team for the owner, with the same figures for Avery', async () => {
    await page.getByRole('button', { name: 'Summarize the team for this period' }).click();
    await page.getByText('4 of 4 members').waitFor({ timeout: 30_000 });
    const row = page.locator('.av-team tbody tr', { hasText: 'Avery Quinn (you)' });
    expect(await row.locator('td').allTextContents()).toEqual([
      'avery@example.com',
      hours(want.available),
      hours(want.scheduled),
      hours(want.free),
      percent(want.utilisation),
    ]);
    // Jordan Lee (London, 09:00–17:30 on weekdays, nothing booked): 42.5 h, all free.
    const jordan = page.locator('.av-team tbody tr', { hasText: 'Jordan Lee' });
    expect(await jordan.locator('td').allTextContents()).toEqual(['jordan@example.com', '42.5 h', '0 h', '42.5 h', '0%']);
    await page.locator('#av-team-h').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'availability-team.png'), fullPage: true, animations: 'disabled' });
  });
});

describe('team summary across a service-worker restart', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ tz: NY, fake: { orgMembers: 24 } });
    await (app.browser as { installPage?: Page | null }).installPage?.close();
    await (await app.connect('demo-token')).close();
  });
  afterAll(() => app?.close());

  it('picks up where it stopped when the page is reopened, without fetching finished members again', async () => {
    // Slow busy times, so the summary is still running when the worker stops.
    app.fake.fault({ path: '/user_busy_times', delayMs: 400 });
    let page = await app.browser.openExtensionPage('availability.html');
    await page.locator('[data-figure="available"] .av-figure-value').waitFor();
    await page.getByRole('button', { name: 'Summarize the team for this period' }).click();
    await expect
      .poll(async () => Number((await page.locator('label[for="av-team-progress"]').textContent())?.split(' ')[0] ?? 0), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(4);
    const done = await page.locator('.av-team tbody tr[data-state="done"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user')));
    expect(done.length).toBeLessThan(24);
    await page.close();
    await stopServiceWorker(app.browser.context, app.browser.extensionId);
    const before = app.fake.requests.length;

    page = await app.browser.openExtensionPage('availability.html');
    await page.getByText('24 of 24 members').waitFor({ timeout: 60_000 });
    // The reopened page asks for the connected user's own figures itself: leave her out.
    const self = app.fake.defaultUser.uri;
    const refetched = app.fake.requests
      .slice(before)
      .filter((r) => r.path === '/user_busy_times' && r.query.user !== self)
      .map((r) => r.query.user);
    expect(refetched.length).toBeGreaterThan(0);
    const others = done.filter((u) => u !== self);
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const user of others) expect(refetched).not.toContain(user);
    expect(refetched.length).toBeLessThanOrEqual(24 - 1 - others.length);
    expect(await page.locator('.av-team tbody tr[data-state="done"]').count()).toBe(24);
    app.fake.clearFaults();
  });
});
