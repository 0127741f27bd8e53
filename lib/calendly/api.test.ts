import { describe, expect, it, vi } from 'vitest';
import { createCalendlyApi } from './api';
import { CalendlyError } from './errors';
import { errorBody, failure, fakeClock, fakeFetch, json, micro, specEventType, specMembership, specPagination, specUser, type Route } from './testing';

const TOKEN = 'tok-abc';
const BASE = 'https://api.calendly.com';
const USER = `${BASE}/users/U1`;
const ORG = `${BASE}/organizations/O1`;
const ET = `${BASE}/event_types/E1`;
const DAY = 86_400_000;
const HOUR = 3_600_000;

function setup(route: Route, concurrency?: number) {
  const clock = fakeClock('2026-11-20T12:00:00Z');
  const f = fakeFetch(route);
  const api = createCalendlyApi({
    getToken: async () => TOKEN,
    fetch: f.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...(concurrency ? { concurrency } : {}),
  });
  return { api, clock, calls: f.calls };
}

const eventType = (n: number) =>
  specEventType({ uri: `${BASE}/event_types/E${n}`, name: `Meeting ${n}`, slug: `m${n}`, scheduling_url: `https://calendly.com/ada/m${n}` });

const member = (n: number) => specMembership(n, ORG);

const notFound: Route = () => json(errorBody('Resource Not Found', 'nope'), 404);

/**
 * Fake /event_type_available_times: enforces future start, end > start and a `maxDays` range limit
 * (400 with end_time details like Calendly); `slotsIn` decides the slots of a range.
 */
function availableTimesApi(opts: { now: () => number; maxDays: number; slotsIn: (start: number, end: number) => number[] }): Route {
  return (url) => {
    if (url.pathname !== '/event_type_available_times') return notFound(url, 0);
    const start = Date.parse(url.searchParams.get('start_time') ?? '');
    const end = Date.parse(url.searchParams.get('end_time') ?? '');
    if (url.searchParams.get('event_type') !== ET) return json(errorBody('Invalid Argument', 'bad', [{ parameter: 'event_type', message: 'is invalid' }]), 400);
    if (!(start > opts.now())) return json(errorBody('Invalid Argument', 'bad', [{ parameter: 'start_time', message: 'must be in the future' }]), 400);
    if (!(end > start)) return json(errorBody('Invalid Argument', 'bad', [{ parameter: 'end_time', message: 'must be after start_time' }]), 400);
    if (end - start > opts.maxDays * DAY) {
      return json(errorBody('Invalid Argument', 'The supplied parameters are invalid.', [{ parameter: 'end_time', message: `must be within ${opts.maxDays} days of start_time` }]), 400);
    }
    const collection = opts.slotsIn(start, end).map((t) => ({
      status: 'available',
      invitees_remaining: 1,
      start_time: micro(t),
      scheduling_url: `https://calendly.com/ada/m1/${new Date(t).toISOString()}`,
    }));
    return json({ collection }, 200, { 'X-RateLimit-Limit': '500', 'X-RateLimit-Remaining': '400', 'X-RateLimit-Reset': '30' });
  };
}

/** Hourly slots 09:00–16:00 UTC every day: a calendar with plenty of open time. */
const plenty = (start: number, end: number) => {
  const out: number[] = [];
  for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
    for (let h = 9; h < 17; h++) {
      const t = day + h * HOUR;
      if (t >= start && t < end) out.push(t);
    }
  }
  return out;
};
const none = () => [];

describe('getCurrentUser / listAvailabilitySchedules', () => {
  it('reads /users/me', async () => {
    const { api, calls } = setup(() =>
      json({ resource: specUser({ uri: USER, current_organization: ORG }) }),
    );
    const me = await api.getCurrentUser();
    expect(me).toMatchObject({ uri: USER, timezone: 'Europe/Paris', current_organization: ORG });
    expect(calls[0]!.url.href).toBe(`${BASE}/users/me`);
  });

  it('reads an organization by the URI /users/me gave, and refuses any other URI without a request', async () => {
    const org = { uri: ORG, kind: 'multiple', name: 'Quinn & Co', plan: 'teams', stage: 'paid', created_at: '2024-01-01T00:00:00.000000Z', updated_at: '2024-01-01T00:00:00.000000Z' };
    const { api, calls } = setup(() => json({ resource: org }));
    expect(await api.getOrganization(ORG)).toEqual(org);
    expect(calls.map((c) => c.url.href)).toEqual([ORG]);
    for (const uri of [`${BASE}/users/me`, `${ORG}/invitations`, 'https://evil.example/organizations/O1', `${ORG}?x=1`]) {
      expect((await failure(api.getOrganization(uri))).kind).toBe('malformed');
    }
    expect(calls).toHaveLength(1);
  });

  it('reads an organization without a name (the spec makes `name` optional), and calls one without its required fields malformed', async () => {
    const org = { uri: ORG, kind: 'single', plan: 'basic', stage: 'free', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' };
    expect(await setup(() => json({ resource: org })).api.getOrganization(ORG)).toEqual(org);
    expect((await failure(setup(() => json({ resource: { uri: ORG } })).api.getOrganization(ORG))).kind).toBe('malformed');
  });

  it('reads availability schedules', async () => {
    const schedule = {
      uri: `${BASE}/user_availability_schedules/S1`,
      default: true,
      name: 'Working hours',
      user: USER,
      timezone: 'Europe/Paris',
      rules: [
        { type: 'wday', wday: 'monday', intervals: [{ from: '09:00', to: '12:00' }] },
        { type: 'date', date: '2026-12-24', intervals: [] },
      ],
    };
    const { api, calls } = setup(() => json({ collection: [schedule] }));
    expect(await api.listAvailabilitySchedules(USER)).toEqual([schedule]);
    expect(calls[0]!.url.searchParams.get('user')).toBe(USER);
  });
});

describe('pagination', () => {
  it('follows next_page across 3 pages', async () => {
    const pages = [[eventType(1), eventType(2)], [eventType(3)], [eventType(4)]];
    const { api, calls } = setup((url) => {
      const page = Number(url.searchParams.get('page_token') ?? '0');
      const next = page < 2 ? `${BASE}/event_types?count=100&page_token=${page + 1}&user=${encodeURIComponent(USER)}&active=true` : null;
      return json({ collection: pages[page], pagination: specPagination(next, next ? String(page + 1) : null, pages[page]!.length) });
    });
    const types = await api.listEventTypes({ user: USER });
    expect(types.map((t) => t.name)).toEqual(['Meeting 1', 'Meeting 2', 'Meeting 3', 'Meeting 4']);
    expect(calls).toHaveLength(3);
    const first = calls[0]!.url;
    expect(first.pathname).toBe('/event_types');
    expect(first.searchParams.get('user')).toBe(USER);
    expect(first.searchParams.get('active')).toBe('true');
    expect(first.searchParams.get('count')).toBe('100');
    expect(first.search).toContain(`user=${encodeURIComponent(USER)}`);
    expect(calls[2]!.url.searchParams.get('page_token')).toBe('2');
    expect(calls.every((c) => c.headers.get('Authorization') === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('uses next_page_token when next_page is absent', async () => {
    const { api, calls } = setup((url) => {
      const page = Number(url.searchParams.get('page_token') ?? '0');
      return json({ collection: [member(page)], pagination: specPagination(null, page < 2 ? String(page + 1) : null, 1) });
    });
    const members = await api.listOrganizationMemberships(ORG);
    expect(members.map((m) => m.user.name)).toEqual(['User 0', 'User 1', 'User 2']);
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(c.url.pathname).toBe('/organization_memberships');
      expect(c.url.searchParams.get('organization')).toBe(ORG);
      expect(c.url.searchParams.get('count')).toBe('100');
    }
  });

  it('passes organization scope and active=false through', async () => {
    const { api, calls } = setup(() => json({ collection: [], pagination: specPagination(null) }));
    await api.listEventTypes({ organization: ORG, active: false });
    expect(calls[0]!.url.searchParams.get('organization')).toBe(ORG);
    expect(calls[0]!.url.searchParams.get('active')).toBe('false');
    expect(calls[0]!.url.searchParams.has('user')).toBe(false);
  });

  it('refuses a next_page that points to another host, and never sends the token there', async () => {
    const { api, calls } = setup((url) =>
      url.hostname === 'api.calendly.com'
        ? json({ collection: [eventType(1)], pagination: specPagination('https://collector.example/event_types?page_token=1') })
        : json({ collection: [], pagination: specPagination(null) }),
    );
    const err = await api.listEventTypes({ user: USER }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CalendlyError);
    expect((err as CalendlyError).info.kind).toBe('malformed');
    expect(calls).toHaveLength(1);
    expect(calls.every((c) => c.url.origin === BASE)).toBe(true);
  });

  it('stops a pagination loop instead of spinning forever', async () => {
    const { api, calls } = setup(() => json({ collection: [eventType(1)], pagination: specPagination(`${BASE}/event_types?page_token=same`) }));
    await expect(api.listEventTypes({ user: USER })).rejects.toMatchObject({ info: { kind: 'malformed' } });
    expect(calls).toHaveLength(2);
  });
});

describe('getAvailableTimes: windowing and request counts', () => {
  const cases: [string, number, number, (s: number, e: number) => number[]][] = [
    ['open slots everywhere', 30, 1, plenty],
    ['open slots everywhere', 60, 1, plenty],
    ['no open slots', 30, 1, none],
    ['no open slots', 60, 2, none],
  ];
  it.each(cases)('first 5 slots, %s, %i days -> %i request(s)', async (_name, days, requests, slotsIn) => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const { api, calls } = setup(availableTimesApi({ now: clock.now, maxDays: 31, slotsIn }));
    const start = new Date(clock.now());
    const slots = await api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + days * DAY), limit: 5 });
    expect(calls).toHaveLength(requests);
    expect(slots).toHaveLength(slotsIn === none ? 0 : 5);
    if (slots.length) expect(slots[0]!.start_time).toBe('2026-11-20T13:00:00.000000Z');
    // the first window starts a minute from now, never in the past
    expect(calls[0]!.url.searchParams.get('start_time')).toBe('2026-11-20T12:01:00.000Z');
  });

  it('without a limit fetches every window, at most 3 in flight, merged in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const inner = availableTimesApi({ now: clock.now, maxDays: 31, slotsIn: plenty });
    const { api, calls } = setup(async (url, i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10 - i)); // later windows answer first
      inFlight--;
      return inner(url, i);
    });
    const start = new Date(clock.now());
    const slots = await api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + 200 * DAY) });
    expect(calls).toHaveLength(7); // ceil(200 / 31)
    expect(peak).toBe(3);
    // 8 slots a day (09–16 h); from 12:01 on day 0 only 13–16 h are left, and day 200 ends at 12:00
    expect(slots).toHaveLength(200 * 8 - 1);
    const times = slots.map((s) => Date.parse(s.start_time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it('keeps only available, future slots and removes duplicates at window edges', async () => {
    const { api, clock } = setup((url) => {
      const start = Date.parse(url.searchParams.get('start_time')!);
      const end = Date.parse(url.searchParams.get('end_time')!);
      const slot = (t: number, status = 'available') => ({ status, invitees_remaining: 1, start_time: micro(t), scheduling_url: 'https://calendly.com/x' });
      const boundary = Date.parse('2026-12-21T12:01:00Z'); // end of window 1 == start of window 2
      return json({
        collection: [
          slot(clock.now() - HOUR), // already past
          slot(start + HOUR, 'unavailable'),
          slot(start + 2 * HOUR),
          ...(end === boundary || start === boundary ? [slot(boundary)] : []),
        ],
      });
    });
    const start = new Date(clock.now());
    const slots = await api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + 40 * DAY) });
    expect(slots.map((s) => s.start_time)).toEqual([
      micro(Date.parse('2026-11-20T14:01:00Z')),
      micro(Date.parse('2026-12-21T12:01:00Z')),
      micro(Date.parse('2026-12-21T14:01:00Z')),
    ]);
  });

  it('with a limit on a sparse calendar, stops issuing windows once enough are known and keeps the earliest', async () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const inner = availableTimesApi({ now: clock.now, maxDays: 31, slotsIn: (start) => [start + HOUR] });
    const { api, calls } = setup(async (url, i) => {
      await new Promise((r) => setTimeout(r, 20 - 3 * i)); // later windows answer first
      return inner(url, i);
    });
    const start = new Date(clock.now());
    const slots = await api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + 200 * DAY), limit: 3 });
    expect(slots.map((x) => x.start_time)).toEqual([0, 31, 62].map((d) => micro(clock.now() + d * DAY + 60_000 + HOUR)));
    expect(calls.length).toBeLessThan(7);
  });

  it('passes the caller signal through', async () => {
    const { api, calls, clock } = setup(notFound);
    const start = new Date(clock.now());
    const p = api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + DAY), signal: AbortSignal.abort() });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(0);
  });

  it('returns nothing without a request when the range is over', async () => {
    const { api, calls, clock } = setup(notFound);
    const end = new Date(clock.now());
    expect(await api.getAvailableTimes({ eventType: ET, start: new Date(end.getTime() - DAY), end })).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});

describe('getAvailableTimes: 31 -> 7 day fallback', () => {
  it('switches to 7-day windows on a range rejection, retries the range, and remembers it', async () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const { api, calls } = setup(availableTimesApi({ now: clock.now, maxDays: 7, slotsIn: plenty }));
    const start = new Date(clock.now());
    const end = new Date(start.getTime() + 20 * DAY);
    expect(api.windowDays()).toBe(31);

    const first = await api.getAvailableTimes({ eventType: ET, start, end });
    expect(api.windowDays()).toBe(7);
    expect(calls).toHaveLength(4); // 1 rejected 20-day window + 3 seven-day windows
    expect(first).toHaveLength(20 * 8 - 1);

    const second = await api.getAvailableTimes({ eventType: ET, start, end });
    expect(calls).toHaveLength(7); // 3 more, no rejection
    expect(second).toEqual(first);
    for (const c of calls.slice(1)) {
      const span = Date.parse(c.url.searchParams.get('end_time')!) - Date.parse(c.url.searchParams.get('start_time')!);
      expect(span).toBeLessThanOrEqual(7 * DAY);
    }
  });

  it('with a limit, the fallback still costs one extra request on an open calendar', async () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const { api, calls } = setup(availableTimesApi({ now: clock.now, maxDays: 7, slotsIn: plenty }));
    const start = new Date(clock.now());
    const slots = await api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + 60 * DAY), limit: 5 });
    expect(slots).toHaveLength(5);
    expect(calls).toHaveLength(2);
  });

  it('does not fall back on other 400s', async () => {
    const { api, calls, clock } = setup(() =>
      json(errorBody('Invalid Argument', 'The supplied parameters are invalid.', [{ parameter: 'start_time', message: 'must be in the future' }]), 400),
    );
    const start = new Date(clock.now());
    await expect(api.getAvailableTimes({ eventType: ET, start, end: new Date(start.getTime() + 20 * DAY) })).rejects.toMatchObject({
      info: { kind: 'invalid_request', message: 'Calendly rejected the request: start_time must be in the future.' },
    });
    expect(api.windowDays()).toBe(31);
    expect(calls).toHaveLength(1);
  });
});

describe('getBusyTimes', () => {
  it('fetches 20 days as 3 concurrent 7-day windows and merges them ascending', async () => {
    const { api, calls, clock } = setup(async (url, i) => {
      if (url.pathname !== '/user_busy_times' || url.searchParams.get('user') !== USER) return notFound(url, i);
      const start = Date.parse(url.searchParams.get('start_time')!);
      const end = Date.parse(url.searchParams.get('end_time')!);
      if (end - start > 7 * DAY) return json(errorBody('Invalid Argument', 'bad', [{ parameter: 'end_time', message: 'must be within 7 days' }]), 400);
      await new Promise((r) => setTimeout(r, (3 - i) * 5)); // last window answers first
      const busy = (t: number) => ({
        type: 'calendly',
        start_time: micro(t),
        end_time: micro(t + HOUR),
        buffered_start_time: micro(t),
        buffered_end_time: micro(t + HOUR),
        event: { uri: `${BASE}/scheduled_events/${t}` },
      });
      return json({ collection: [busy(start + 2 * HOUR), busy(start + DAY), { type: 'external', start_time: micro(start + 2 * DAY), end_time: micro(start + 2 * DAY + HOUR) }] });
    });
    const start = new Date(clock.now());
    const busy = await api.getBusyTimes({ user: USER, start, end: new Date(start.getTime() + 20 * DAY) });
    expect(calls).toHaveLength(3);
    expect(busy).toHaveLength(9);
    const times = busy.map((b) => Date.parse(b.start_time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(busy[2]).toEqual({ type: 'external', start_time: micro(Date.parse(busy[2]!.start_time)), end_time: micro(Date.parse(busy[2]!.start_time) + HOUR) });
  });
});

describe('tolerant lists: shapes as Calendly publishes them, one odd item skipped', () => {
  it('keeps a null-named ad hoc type, a multi_pool type and an unknown `type`/`kind`; skips only the unusable item, logged once with its URI', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const items = [
      eventType(1),
      specEventType({ uri: `${BASE}/event_types/ADHOC`, name: null, slug: null, type: 'AdhocEventType', duration_options: null, locations: null }),
      specEventType({ uri: `${BASE}/event_types/POOL`, name: 'Team call', kind: 'group', pooling_type: 'multi_pool' }),
      specEventType({ uri: `${BASE}/event_types/NEW`, name: 'Tomorrow', type: 'PollEventType', kind: 'crowd' }),
      { ...specEventType({ uri: `${BASE}/event_types/BROKEN` }), scheduling_url: undefined },
    ];
    const { api } = setup(() => json({ collection: items, pagination: specPagination(null) }));
    const types = await api.listEventTypes({ user: USER });
    expect(types.map((t) => [t.uri.split('/').pop(), t.name, t.type, t.kind, t.pooling_type])).toEqual([
      ['E1', 'Meeting 1', 'StandardEventType', 'solo', null],
      ['ADHOC', null, 'AdhocEventType', 'solo', null],
      ['POOL', 'Team call', 'StandardEventType', 'group', 'multi_pool'],
      ['NEW', 'Tomorrow', 'StandardEventType', 'solo', null],
    ]);
    expect(api.skippedItems()).toBe(1);
    await api.listEventTypes({ user: USER });
    expect(api.skippedItems()).toBe(2);
    const logged = warn.mock.calls.map((c) => String(c[0]));
    expect(logged).toHaveLength(1); // the same odd item is reported once, not on every request
    expect(logged[0]).toContain(`${BASE}/event_types/BROKEN`);
    expect(logged[0]).toContain('scheduling_url');
    expect(logged.join(' ')).not.toContain(TOKEN);
    warn.mockRestore();
  });

  it('reads `reserved` busy times without buffers or event, and an unknown busy type as busy (external)', async () => {
    const { api, clock } = setup((url) => {
      const start = Date.parse(url.searchParams.get('start_time')!);
      return json({
        collection: [
          { type: 'reserved', start_time: micro(start + HOUR), end_time: micro(start + 2 * HOUR) },
          { type: 'focus_time', start_time: micro(start + 3 * HOUR), end_time: micro(start + 4 * HOUR) },
          { type: 'calendly', start_time: 'yesterday-ish', end_time: micro(start + 5 * HOUR), event: { uri: `${BASE}/scheduled_events/BAD` } },
        ],
      });
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const start = new Date(clock.now());
    const busy = await api.getBusyTimes({ user: USER, start, end: new Date(start.getTime() + DAY) });
    expect(busy.map((b) => b.type)).toEqual(['reserved', 'external']);
    expect(busy[0]).not.toHaveProperty('buffered_start_time');
    expect(api.skippedItems()).toBe(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain(`${BASE}/scheduled_events/BAD`);
    warn.mockRestore();
  });

  it('drops schedule rules it cannot use (unknown type, wday without a day, an interval without bounds) and keeps the schedule', async () => {
    const schedule = {
      uri: `${BASE}/user_availability_schedules/S1`,
      default: true,
      name: 'Working hours',
      user: USER,
      timezone: 'Europe/Paris',
      rules: [
        { type: 'wday', wday: 'monday', intervals: [{ from: '09:00', to: '12:00' }, { from: '13:00' }] },
        { type: 'wday', intervals: [{ from: '09:00', to: '12:00' }] },
        { type: 'holiday', date: '2026-12-25', intervals: [] },
      ],
    };
    const { api } = setup(() => json({ collection: [schedule] }));
    const [s] = await api.listAvailabilitySchedules(USER);
    expect(s!.rules).toEqual([{ type: 'wday', wday: 'monday', intervals: [{ from: '09:00', to: '12:00' }] }]);
  });

  it('calls only a wrong envelope malformed', async () => {
    for (const body of [{ items: [] }, { collection: {} }, { collection: [], pagination: { next_page: null } }]) {
      const { api } = setup(() => json(body));
      expect((await failure(api.listEventTypes({ user: USER }))).kind).toBe('malformed');
    }
    const { api } = setup(() => json({ collection: [{ nonsense: true }], pagination: specPagination(null) }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await api.listEventTypes({ user: USER })).toEqual([]);
    warn.mockRestore();
  });
});
