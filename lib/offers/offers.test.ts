import { describe, expect, it, vi } from 'vitest';
import { CalendlyError } from '../calendly/errors';
import type { Share } from '../calendly/shares';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { createCache, memoryArea } from '../background/cache';
import { createService, type StoredAccount } from '../background/service';
import type { CalendlyApi } from '../calendly/api';
import { mergeOffers, offerLink, shareRequestFor, startsOf, type OfferRecord } from './offer';
import { createOffers } from './service';

const ET = 'https://api.calendly.com/event_types/E1';
const SHARE = 'https://api.calendly.com/shares/S1';
const BOOKING = 'https://calendly.com/d/abc-def-ghi/30-minute-meeting';
const NOW = Date.parse('2026-11-20T12:00:00Z');

// Monday 23rd 09:00 and 14:00, Tuesday 24th 10:00 in Berlin (UTC+1 in November).
const slots = [{ start_time: '2026-11-23T08:00:00.000000Z' }, { start_time: '2026-11-23T13:00:00Z' }, { start_time: '2026-11-24T09:00:00Z' }];

const shareOf = (over: Partial<Share> = {}): Share => ({
  uri: SHARE,
  created_at: '2026-11-20T12:00:00.000000Z',
  status: 'active',
  scheduling_links: [{ booking_url: BOOKING }],
  share_override: {
    name: '30 Minute Meeting',
    duration: 30,
    period_type: 'fixed',
    start_date: '2026-11-23',
    end_date: '2026-11-24',
    availability_rule: shareRequestFor(ET, slots, 30, 'Europe/Berlin')!.availability_rule,
  },
  ...over,
});

describe('shareRequestFor', () => {
  it('offers exactly the slots: one date rule per day, one interval per slot, fixed over the offered dates', () => {
    expect(shareRequestFor(ET, slots, 30, 'Europe/Berlin')).toEqual({
      event_type: ET,
      period_type: 'fixed',
      start_date: '2026-11-23',
      end_date: '2026-11-24',
      availability_rule: {
        timezone: 'Europe/Berlin',
        rules: [
          { type: 'date', date: '2026-11-23', intervals: [{ from: '09:00', to: '09:30' }, { from: '14:00', to: '14:30' }] },
          { type: 'date', date: '2026-11-24', intervals: [{ from: '10:00', to: '10:30' }] },
        ],
      },
    });
  });

  it('uses the given zone for dates and wall clock (the same instants in New York)', () => {
    const r = shareRequestFor(ET, slots, 60, 'America/New_York')!;
    expect(r.availability_rule.rules).toEqual([
      { type: 'date', date: '2026-11-23', intervals: [{ from: '03:00', to: '04:00' }, { from: '08:00', to: '09:00' }] },
      { type: 'date', date: '2026-11-24', intervals: [{ from: '04:00', to: '05:00' }] },
    ]);
  });

  it('gives up (null) on a slot running past midnight, or on nothing to offer', () => {
    expect(shareRequestFor(ET, [{ start_time: '2026-11-23T22:30:00Z' }], 60, 'Europe/Berlin')).toBeNull();
    expect(shareRequestFor(ET, [], 30, 'Europe/Berlin')).toBeNull();
    expect(shareRequestFor(ET, [{ start_time: 'not a time' }], 30, 'Europe/Berlin')).toBeNull();
  });

  it('round-trips: the starts read back from the share are the offered ones', () => {
    expect(startsOf(shareOf())).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T13:00:00.000Z', '2026-11-24T09:00:00.000Z']);
  });
});

describe('offerLink', () => {
  it('links to the share page on the time’s date in the email’s zone', () => {
    expect(offerLink(BOOKING, '2026-11-23T08:00:00Z', 'Europe/Berlin')).toBe(`${BOOKING}?month=2026-11&date=2026-11-23`);
    // 01:00 UTC on the 1st of December is still November 30th in New York.
    expect(offerLink(BOOKING, '2026-12-01T01:00:00Z', 'America/New_York')).toBe(`${BOOKING}?month=2026-11&date=2026-11-30`);
  });

  it('emits only calendly.com https links', () => {
    for (const bad of ['https://calendly.com.evil.example/d/x', 'http://calendly.com/d/x', 'javascript:alert(1)', 'https://user@calendly.com/d/x', '']) {
      expect(offerLink(bad, '2026-11-23T08:00:00Z', 'UTC')).toBeNull();
    }
  });
});

describe('mergeOffers', () => {
  const record = (over: Partial<OfferRecord> = {}): OfferRecord => ({
    shareUri: SHARE,
    bookingUrl: BOOKING,
    eventTypeUri: ET,
    eventTypeName: '30 Minute Meeting',
    durationMinutes: 30,
    createdAt: '2026-11-20T12:00:00.000Z',
    slots: slots.map((s) => new Date(s.start_time).toISOString()),
    ...over,
  });

  it('takes the account’s status for local offers and adds the account’s other shares, newest first', () => {
    const other = shareOf({ uri: 'https://api.calendly.com/shares/S2', created_at: '2026-11-21T08:00:00.000000Z', status: 'expired' });
    const view = mergeOffers([record()], [shareOf({ status: 'booked' }), other], NOW);
    expect(view.map((o) => [o.shareUri.slice(-2), o.status, o.local])).toEqual([
      ['S2', 'expired', false],
      ['S1', 'booked', true],
    ]);
    expect(view[0]!.slots).toHaveLength(3);
  });

  it('withdrawn wins; a local offer gone from the account list is expired; without the list it is active until its times pass', () => {
    expect(mergeOffers([record({ withdrawn: true })], [shareOf()], NOW)[0]!.status).toBe('withdrawn');
    expect(mergeOffers([record()], [], NOW)[0]!.status).toBe('expired');
    expect(mergeOffers([record()], null, NOW)[0]!.status).toBe('active');
    expect(mergeOffers([record()], null, Date.parse('2026-11-25T00:00:00Z'))[0]!.status).toBe('expired');
  });
});

describe('offers service', () => {
  function setup(create: () => Promise<Share>) {
    let stored: OfferRecord[] = [];
    const api = { shares: { create: vi.fn(create), list: vi.fn(async () => [shareOf()]), remove: vi.fn(async () => undefined) } };
    const offers = createOffers({ api: api as never, store: { get: async () => stored, set: async (v) => void (stored = v) }, now: () => NOW });
    return { offers, api, stored: () => stored };
  }
  const eventType = { uri: ET, name: '30 Minute Meeting', durationMinutes: 30, oneOnOne: true };

  it('makes one share and links every time to it, and remembers the offer locally', async () => {
    const { offers, api, stored } = setup(async () => shareOf());
    const made = await offers.make(eventType, slots, 'Europe/Berlin', 'Europe/Berlin');
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(api.shares.create).toHaveBeenCalledTimes(1);
    expect(api.shares.create).toHaveBeenCalledWith(shareRequestFor(ET, slots, 30, 'Europe/Berlin'));
    expect([...made.links.values()]).toEqual([
      `${BOOKING}?month=2026-11&date=2026-11-23`,
      `${BOOKING}?month=2026-11&date=2026-11-23`,
      `${BOOKING}?month=2026-11&date=2026-11-24`,
    ]);
    expect(stored()).toEqual([expect.objectContaining({ shareUri: SHARE, bookingUrl: BOOKING, slots: startsOf(shareOf()) })]);
  });

  it('falls back with one sentence, without a request, for an event type that is not one-on-one', async () => {
    const { offers, api } = setup(async () => shareOf());
    const made = await offers.make({ ...eventType, oneOnOne: false }, slots, 'UTC', 'UTC');
    expect(made).toEqual({ ok: false, fallback: expect.stringMatching(/one-on-one/) });
    expect(api.shares.create).not.toHaveBeenCalled();
  });

  it('falls back naming shares:write when the token lacks it, and on any other failure', async () => {
    const noScope = setup(async () => {
      throw new CalendlyError({ kind: 'forbidden', scope: 'shares:write', message: 'x' });
    });
    expect(await noScope.offers.make(eventType, slots, 'UTC', 'UTC')).toEqual({ ok: false, fallback: expect.stringContaining('shares:write') });
    const down = setup(async () => {
      throw new CalendlyError({ kind: 'server', message: 'x' });
    });
    expect(await down.offers.make(eventType, slots, 'UTC', 'UTC')).toMatchObject({ ok: false });
    expect(down.stored()).toEqual([]);
  });

  it('never emits a share link that is not calendly.com (falls back instead)', async () => {
    const { offers, stored } = setup(async () => shareOf({ scheduling_links: [{ booking_url: 'https://evil.example/d/x' }] }));
    expect((await offers.make(eventType, slots, 'UTC', 'UTC')).ok).toBe(false);
    expect(stored()).toEqual([]);
  });

  it('withdraws: deletes the share and marks the local offer withdrawn; an already-deleted share counts as withdrawn', async () => {
    const { offers, api, stored } = setup(async () => shareOf());
    await offers.make(eventType, slots, 'UTC', 'UTC');
    await offers.withdraw(SHARE);
    expect(api.shares.remove).toHaveBeenCalledWith(SHARE);
    expect(stored()[0]!.withdrawn).toBe(true);
    api.shares.remove.mockRejectedValueOnce(new CalendlyError({ kind: 'not_found', message: 'gone' }));
    await expect(offers.withdraw(SHARE)).resolves.toBeUndefined();
    api.shares.remove.mockRejectedValueOnce(new CalendlyError({ kind: 'invalid_request', message: 'booked' }));
    await expect(offers.withdraw(SHARE)).rejects.toThrow('booked');
  });
});

describe('getSlots with a single-use offer', () => {
  function setup(singleUse: boolean, create: () => Promise<Share>) {
    const api = {
      listEventTypes: vi.fn(async () => [
        { uri: ET, name: '30 Minute Meeting', active: true, slug: 'm', scheduling_url: 'https://calendly.com/avery/m', duration: 30, kind: 'solo', pooling_type: null, profile: { type: 'User', name: 'Avery', owner: 'u' } },
      ]),
      getAvailableTimes: vi.fn(async () => slots.map((s) => ({ status: 'available', start_time: s.start_time, scheduling_url: `https://calendly.com/avery/m/${s.start_time}` }))),
      shares: { create: vi.fn(create), list: vi.fn(), remove: vi.fn() },
    } as unknown as CalendlyApi;
    const account: StoredAccount = { uri: 'https://api.calendly.com/users/u', name: 'A', email: 'a@x', timezone: 'Europe/Berlin', schedulingUrl: 'https://calendly.com/avery', organizationUri: null, via: 'token' };
    const service = createService({
      createApi: () => api,
      token: { get: async () => 't', set: async () => undefined },
      pendingToken: { get: async () => null, set: async () => undefined },
      account: { get: async () => account, set: async () => undefined },
      settings: async () => ({ ...DEFAULT_SETTINGS, timeZone: 'Europe/Berlin', locale: 'en', singleUse }),
      cache: createCache(memoryArea(), () => NOW),
      now: () => NOW,
      environment: () => ({ timeZone: 'UTC', language: 'en-US' }),
    });
    return { service, api };
  }

  it('creates the share only for an insert (never for a preview) and inserts its links', async () => {
    const { service, api } = setup(true, async () => shareOf());
    const preview = await service.getSlots({});
    expect(api.shares.create).not.toHaveBeenCalled();
    expect(preview.ok && preview.data.singleUse).toBe(true);
    const r = await service.getSlots({ insert: true });
    expect(api.shares.create).toHaveBeenCalledTimes(1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.offer).toEqual({ shareUri: SHARE, bookingUrl: BOOKING });
    expect(r.data.html).toContain(`href="${BOOKING}?month=2026-11&amp;date=2026-11-23"`);
    expect(r.data.html).not.toContain('https://calendly.com/avery/m/');
    expect(r.data.notice).toBeUndefined();
  });

  it('inserts normal links with one sentence when the share cannot be made; off = no share at all', async () => {
    const failing = setup(true, async () => {
      throw new CalendlyError({ kind: 'forbidden', scope: 'shares:write', message: 'x' });
    });
    const r = await failing.service.getSlots({ insert: true });
    expect(r.ok && r.data.notice).toMatch(/shares:write/);
    expect(r.ok && r.data.html).toContain('https://calendly.com/avery/m/');
    const off = setup(false, async () => shareOf());
    await off.service.getSlots({ insert: true });
    expect(off.api.shares.create).not.toHaveBeenCalled();
  });
});
