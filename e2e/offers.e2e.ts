/**
 * Issue 19, "Offers that stay true", as a user meets it: the built extension in Chromium on the Gmail
 * stand-in, against the fake Calendly's shares (e2e/support/fake-calendly/shares.ts). A single-use insert
 * creates one share offering exactly the inserted times; without `shares:write` the insert falls back to
 * normal links and says why; the popup's Offers view shows the share's status and withdraws it.
 *
 * Screenshots: test-output/offers-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, EVENT_30, futureSlots, openCompose, startApp, type App } from './support/app';
import { axeViolations } from './support/axe';

const INSERT = 'Insert open slots';
const SLOTS = futureSlots([26, 27, 50]);
const ZONE = 'America/New_York';

/** The `<a>` elements of a compose body. */
const links = (body: Locator) =>
  body.locator('a').evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));

/** Wall clock HH:MM and date of `d` in New York. */
const wall = (d: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hhmm: `${parts.hour}:${parts.minute}` };
};

/** The date rules a share offering exactly SLOTS (30 minutes each) must have, in New York. */
function expectedRules() {
  const byDate = new Map<string, { from: string; to: string }[]>();
  for (const s of SLOTS) {
    const a = wall(s);
    const b = wall(new Date(s.getTime() + 30 * 60_000));
    byDate.set(a.date, [...(byDate.get(a.date) ?? []), { from: a.hhmm, to: b.hhmm }]);
  }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, intervals]) => ({ type: 'date', date, intervals }));
}

async function insertInNewCompose(app: App): Promise<{ page: Page; body: Locator; root: Locator }> {
  const page = await app.gmail();
  const id = await openCompose(page, 'mole');
  const root = compose(page, id);
  const body = root.locator('[g_editable="true"]');
  await body.click();
  await root.getByRole('button', { name: INSERT }).click();
  await body.locator('a').first().waitFor();
  return { page, body, root };
}

describe('single-use offers', () => {
  let app: App;
  let options: Page;

  beforeAll(async () => {
    app = await startApp({ tz: ZONE });
    app.fake.setAvailability(EVENT_30, SLOTS);
    options = await app.connect('demo-token');
    // The user turns the option on in options, as they would.
    await options.getByLabel('Single-use offer').check();
    await options.getByText('Saved ✓').waitFor();
  });
  afterAll(() => app?.close());

  it('an insert creates ONE share whose rules are exactly the offered slots, and every link goes to it', async () => {
    app.fake.resetLog();
    const { body, page } = await insertInNewCompose(app);
    // Requests from opening the compose (its prefetch) through the insert, printed for the note.
    console.log(`single-use insert: ${app.fake.requests.length} API requests: ${app.fake.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    const shares = app.fake.shares.all;
    expect(shares).toHaveLength(1);
    const share = shares[0]!;
    expect(share.eventType).toBe(EVENT_30);
    expect(share.period_type).toBe('fixed');
    expect(share.availability_rule).toEqual({ timezone: ZONE, rules: expectedRules() });
    expect([share.start_date, share.end_date]).toEqual([expectedRules()[0]!.date, expectedRules().at(-1)!.date]);
    expect(app.fake.shares.offeredStarts(share)).toEqual(SLOTS.map((d) => d.getTime()));

    const inserted = await links(body);
    const booking = app.fake.shares.bookingUrl(share);
    const timeLinks = inserted.filter((l) => l.href.startsWith(booking));
    expect(timeLinks.map((l) => l.href)).toEqual(SLOTS.map((d) => `${booking}?month=${wall(d).date.slice(0, 7)}&date=${wall(d).date}`));
    // Nothing but Calendly links.
    expect(inserted.every((l) => l.href.startsWith('https://calendly.com/'))).toBe(true);

    const posts = app.fake.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => `${r.path} ${r.status}`)).toEqual(['/shares 201']);
    // The link opens the share's page on that date, with that time open.
    const visit = await app.browser.context.newPage();
    await visit.goto(timeLinks[0]!.href);
    await expect.poll(() => visit.locator('#times li').evaluateAll((l) => l.map((e) => e.getAttribute('data-start')))).toContain(SLOTS[0]!.toISOString());
    await visit.close();
    await page.close();
  });

  it('without shares:write the insert falls back to normal links and says why in one sentence', async () => {
    // The connected token loses shares:write (a token made with the four read scopes only).
    const grant = app.fake.state.tokens.get('demo-token')!;
    const all = grant.scopes;
    grant.scopes = new Set(['users:read', 'event_types:read', 'availability:read', 'organizations:read']);
    const before = app.fake.shares.all.length;
    const { body, root, page } = await insertInNewCompose(app);
    const alert = root.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('shares:write');
    expect(await alert.locator('p').textContent()).toBe(
      'Your Calendly connection may not create single-use links (shares:write), so normal booking links were inserted.',
    );
    expect(app.fake.shares.all.length).toBe(before);
    const hrefs = (await links(body)).map((l) => l.href);
    expect(hrefs.some((h) => h.includes('/d/'))).toBe(false);
    expect(hrefs.filter((h) => /\/30min\/\d{4}-/.test(h))).toHaveLength(SLOTS.length); // the normal per-slot links
    await app.screenshot(page, 'offers-fallback-notice');
    await page.close();
    grant.scopes = all;
  });

  it('booking one time makes the popup show "Booked" and the other links unavailable; an active offer can be withdrawn', async () => {
    // A second offer, to withdraw later (the first one gets booked).
    const { body: firstBody, page: g1 } = await insertInNewCompose(app);
    const firstLinks = (await links(firstBody)).filter((l) => l.href.includes('/d/'));
    await g1.close();
    const { page: g2 } = await insertInNewCompose(app);
    await g2.close();
    const [booked, open] = [app.fake.shares.all.at(-2)!, app.fake.shares.all.at(-1)!];

    // The recipient books the first offered time of the first offer.
    app.fake.shares.book(booked.uri, SLOTS[0]!);
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.getByRole('tab', { name: 'Offers' }).click();
    const row = (uri: string) => popup.locator('li.offer').nth(app.fake.shares.all.filter((x) => !x.deleted).reverse().findIndex((x) => x.uri === uri));
    await expect.poll(() => row(booked.uri).locator('.offer-status').textContent()).toBe('Booked');
    expect(await row(open.uri).locator('.offer-status').textContent()).toBe('Active');
    expect(await row(booked.uri).locator('time').count()).toBe(SLOTS.length);
    expect(await row(booked.uri).getByRole('button').count()).toBe(0);

    // The booked offer's other links now lead to Calendly's "unavailable" page.
    const visit = await app.browser.context.newPage();
    await visit.goto(firstLinks[1]!.href);
    expect(await visit.locator('#unavailable').textContent()).toBe('This link is no longer available');
    await visit.close();

    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await app.screenshot(popup, `offers-popup-${scheme}`);
      expect(await axeViolations(popup), scheme).toEqual([]); // WCAG 2.1 A/AA: contrast, names, the tab pattern
    }
    await popup.emulateMedia({ colorScheme: null });

    // Withdraw the active one: Calendly deletes it, its links go unavailable, the row says so.
    await row(open.uri).getByRole('button', { name: /^Withdraw the offer made / }).click();
    await expect.poll(() => open.deleted).toBe(true);
    await expect.poll(() => popup.locator('li.offer .offer-status').allTextContents()).toEqual(expect.arrayContaining(['Withdrawn', 'Booked']));
    const gone = await app.browser.context.newPage();
    await gone.goto(app.fake.shares.bookingUrl(open));
    expect(await gone.locator('#unavailable').count()).toBe(1);
    await gone.close();
    await popup.close();
  });
});
