/**
 * The team summary of a 150-member organization on the availability page of the built extension, against the
 * fake Calendly: it keeps going while the page is closed and is found again when the page is reopened with the
 * default period "This week" (named by calendar days, not by the instant "This week" starts); Pause and
 * Continue; then, for next week, search, sort by free hours, the free-hours filter, paging, and a CSV with every
 * member's figures as the table shows them. Screenshots: test-output/team-150.png, team-150-dark.png and team-150-running.png; axe-core on the team view.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, startApp, type App } from './support/app';
import { axeViolations } from './support/axe';
import { addDays, nextMonday, NY, nyWorkday } from './support/dates';

const MEMBERS = 150;

const progress = (page: Page) => page.locator('label[for="av-team-progress"]');
const done = async (page: Page) => Number(((await progress(page).textContent()) ?? '0').split(' ')[0]);
const summarize = (page: Page) => page.getByRole('button', { name: 'Summarize the team for this period' });
/**
 * The summary shown is this period's and has finished: no "another period" note, the progress bar at its max
 * and no row waiting. (The "150 of 150 members" line alone was seen from the previous job just after a click.)
 */
const finished = (page: Page) =>
  expect
    .poll(
      () =>
        page.evaluate(() => {
          const bar = document.querySelector('progress#av-team-progress') as HTMLProgressElement | null;
          if (!bar || document.querySelector('.av-team-other')) return 'not yet';
          return bar.max - bar.value + document.querySelectorAll('.av-team tbody tr[data-state="pending"]').length;
        }),
      { timeout: 60_000 },
    )
    .toBe(0);

describe('team summary of 150 members', () => {
  let app: App;
  let page: Page;
  const monday = nextMonday();

  beforeAll(async () => {
    app = await startApp({ tz: NY, fake: { orgMembers: MEMBERS } });
    await (app.browser as { installPage?: Page | null }).installPage?.close();
    // Next week, three New York members are booked: Member 010 on Monday (8 h), Member 020 on Monday and
    // Tuesday (16 h), Member 030 Monday to Wednesday (24 h). Everyone else generated has 40 h free.
    const book = (member: string, days: number) => {
      for (let i = 0; i < days; i++) app.fake.addBusyTime({ user: member, ...nyWorkday(addDays(monday, i)) });
    };
    book('member-010', 1);
    book('member-020', 2);
    book('member-030', 3);
    await (await app.connect('demo-token')).close();
  });
  afterAll(() => app?.close());

  async function openPage(): Promise<Page> {
    const p = await app.browser.openExtensionPage('availability.html');
    await p.setViewportSize({ width: 1200, height: 1000 });
    await p.locator('[data-figure="available"] .av-figure-value').waitFor();
    return p;
  }

  it('keeps going with the page closed; reopened with "This week", it is found again; Pause and Continue', async () => {
    // Slow busy times, so the summary is still running when the page closes.
    const slow = app.fake.fault({ path: '/user_busy_times', delayMs: 400 });
    page = await openPage();
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe('this-week');
    await summarize(page).click();
    await expect.poll(() => done(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(12);
    // The time left is shown while it runs.
    await expect.poll(() => page.locator('.av-progress-eta').textContent()).toMatch(/left|Working out/);
    await page.locator('.av-team-card').screenshot({ path: join(OUTPUT_DIR, 'team-150-running.png'), animations: 'disabled' });
    await page.close();
    const whileClosed = app.fake.requests.length;
    await new Promise((r) => setTimeout(r, 2_000));
    // Nobody had the page open: the background went on.
    expect(app.fake.requests.slice(whileClosed).filter((r) => r.path === '/user_busy_times').length).toBeGreaterThan(0);

    // Reopened (later: "This week" now starts at another instant): the same summary, still running.
    page = await openPage();
    await expect.poll(() => done(page), { timeout: 10_000 }).toBeGreaterThan(12);
    expect(await page.locator('.av-team-other').count()).toBe(0);
    const pause = page.getByRole('button', { name: 'Pause' });
    await pause.click();
    await page.locator('.av-progress-status', { hasText: 'Paused' }).waitFor();
    const pausedAt = await done(page);
    expect(pausedAt).toBeLessThan(MEMBERS);
    const finished = await page.locator('.av-team tbody tr[data-state="done"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user')));
    await page.close();

    // Reopened while paused: "Continue the summary" (the job is found by the days of "This week").
    page = await openPage();
    const before = app.fake.requests.length;
    await page.getByRole('button', { name: 'Continue the summary' }).click();
    await page.getByText(`${MEMBERS} of ${MEMBERS} members`).waitFor({ timeout: 60_000 });
    const refetched = app.fake.requests.slice(before).filter((r) => r.path === '/user_busy_times').map((r) => r.query.user);
    const self = app.fake.defaultUser.uri;
    for (const user of finished.filter((u) => u !== self)) expect(refetched).not.toContain(user);
    slow.remove();
  }, 120_000);

  it('next week: search finds one, sort by free hours, "below N free hours", pages, a member’s row opens their week', async () => {
    await page.getByLabel('Period', { exact: true }).selectOption('next-week');
    await page.locator('.av-team-other').waitFor();
    await summarize(page).click();
    await finished(page);
    await page.getByText(`${MEMBERS} of ${MEMBERS} members`).waitFor();

    // 50 rows a page; 3 pages.
    const rows = page.locator('.av-team tbody tr');
    expect(await rows.count()).toBe(50);
    await page.getByText(`Showing 1–50 of ${MEMBERS}`).waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(`Showing 51–100 of ${MEMBERS}`).waitFor();
    await page.getByRole('button', { name: 'Previous page' }).click();

    // Search by name, then by email.
    const search = page.getByLabel('Search by name or email');
    await search.fill('member 042');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe('Member 042');
    await search.fill('MEMBER077@EXAMPLE');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe('Member 077');
    await search.fill('');

    // Sort by free hours: largest first, then (second click) smallest first.
    const free = page.locator('.av-team thead th[data-col="free"]');
    await free.getByRole('button').click();
    expect(await free.getAttribute('aria-sort')).toBe('descending');
    await free.getByRole('button').click();
    expect(await free.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => rows.locator('th').allTextContents().then((n) => n.slice(0, 2))).toEqual(['Member 030', 'Member 020']);
    expect(await rows.first().locator('td[data-col="free"]').textContent()).toBe('16 h');

    // Below 30 free hours: the two booked for two days or more.
    await page.getByLabel('Free hours below').fill('30');
    await expect.poll(() => rows.locator('th').allTextContents()).toEqual(['Member 030', 'Member 020']);
    await page.getByText(`Showing 1–2 of 2`).waitFor();
    await page.getByLabel('Free hours below').fill('');
    await expect.poll(() => rows.count()).toBe(50);

    // Keyboard: the search field, the filter, the export button and the sort buttons are reachable with Tab.
    await search.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBe('av-team-below-label');
  }, 120_000);

  it('exports a CSV with all 150 members and the figures the table shows', async () => {
    // The summary must have finished (see `finished`).
    await finished(page);
    // What the table shows, page by page.
    const shown = new Map<string, string[]>();
    for (;;) {
      const pageRows = await page.locator('.av-team tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent ?? '', ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')]),
      );
      for (const [name, ...cells] of pageRows) shown.set(name!.replace(/ \(you\)$/, ''), cells);
      const next = page.getByRole('button', { name: 'Next page' });
      if (await next.isDisabled()) break;
      await next.click();
    }
    expect(shown.size).toBe(MEMBERS);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export team CSV' }).click();
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toBe(`team-availability-${monday}-to-${addDays(monday, 6)}.csv`);
    const lines = readFileSync(file, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('name,email,role,status,available_hours,scheduled_hours,calendly_hours,held_hours,external_hours,free_hours,utilisation_percent,has_schedule');
    const data = lines.slice(1).map((l) => l.split(','));
    expect(data).toHaveLength(MEMBERS);
    const hours = (s: string) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(Number(s))} h`;
    const percent = (s: string) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(Number(s) / 100);
    for (const [name, email, , status, available, scheduled, , , , freeH, util] of data) {
      expect(status).toBe('done');
      // Email, available, scheduled, free, utilisation: as in the table.
      expect([email, hours(available!), hours(scheduled!), hours(freeH!), percent(util!)]).toEqual(shown.get(name!));
    }
    expect(data.find((r) => r[0] === 'Member 030')!.slice(4, 11)).toEqual(['40.00', '24.00', '24.00', '0.00', '0.00', '16.00', '60.0']);
  }, 60_000);

  it('a member’s row opens their week; screenshots of the team view, light and dark', async () => {
    await page.getByLabel('Search by name or email').fill('member 020');
    await page.locator('.av-team tbody tr').getByRole('button', { name: 'Member 020' }).click();
    await expect.poll(() => page.getByLabel('Whose availability', { exact: true }).locator('option:checked').textContent()).toBe('Member 020');
    await expect.poll(() => page.locator('[data-figure="free"] .av-figure-value').textContent(), { timeout: 20_000 }).toBe('24 h');
    await page.getByLabel('Search by name or email').fill('');
    await page.locator('.av-team thead th[data-col="free"]').getByRole('button').click();
    const card = page.locator('.av-team-card');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(OUTPUT_DIR, 'team-150.png'), animations: 'disabled' });
    // axe-core (WCAG 2.1 A/AA: contrast, labels, names, ARIA) on the team view, in both schemes.
    expect(await axeViolations(page, '.av-team-card')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await card.screenshot({ path: join(OUTPUT_DIR, 'team-150-dark.png'), animations: 'disabled' });
    expect(await axeViolations(page, '.av-team-card')).toEqual([]);
    await page.emulateMedia({ colorScheme: null });
  }, 60_000);
});
