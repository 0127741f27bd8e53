import { describe, expect, it, vi } from 'vitest';
import { figuresToCsv } from '../availability';
import { busy, weekdays } from '../availability/testSupport';
import { CalendlyError } from '../calendly/errors';
import type { RateLimit } from '../calendly/http';
import { fakeClock } from '../calendly/testing';
import type { AvailabilitySchedule, BusyTime, Membership } from '../calendly/types';
import { createAvailabilityService, othersForbidden, TEAM_SUMMARY_KEY, type AvailabilityDeps } from './availability';
import { createCache, memoryArea, type KeyValueArea } from './cache';
import type { StoredAccount } from './service';

const NY = 'America/New_York';
const ME = 'https://api.calendly.com/users/me';
const OTHER = 'https://api.calendly.com/users/other';
const ORG = 'https://api.calendly.com/organizations/org1';
const user = (n: number) => `https://api.calendly.com/users/m${String(n).padStart(2, '0')}`;

// Friday 2026-11-27 07:00 in New York; "next week" is Monday 2026-11-30 to Monday 2026-12-07.
const NOW = '2026-11-27T12:00:00Z';
const NEXT_WEEK = { start: '2026-11-30T05:00:00.000Z', end: '2026-12-07T05:00:00.000Z' };

const account: StoredAccount = {
  uri: ME,
  name: 'Avery Quinn',
  email: 'avery@example.com',
  timezone: NY,
  schedulingUrl: 'https://calendly.com/avery',
  organizationUri: ORG,
  via: 'token',
};

function withUri(s: AvailabilitySchedule, uri: string, user: string, extra: Partial<AvailabilitySchedule> = {}): AvailabilitySchedule {
  return { ...s, uri, user, ...extra };
}

const MY_WORK = withUri(weekdays(NY), 'https://api.calendly.com/user_availability_schedules/work', ME);
// Mondays 18:00–20:00 only.
const MY_EVENINGS = withUri(
  { ...weekdays(NY), rules: [{ type: 'wday', wday: 'monday', intervals: [{ from: '18:00', to: '20:00' }] }] },
  'https://api.calendly.com/user_availability_schedules/evenings',
  ME,
  { default: false, name: 'Evenings' },
);
const LONDON = withUri(
  {
    ...weekdays('Europe/London'),
    rules: weekdays('Europe/London').rules.map((r) =>
      r.type === 'wday' && r.intervals.length ? { ...r, intervals: [{ from: '09:00', to: '17:30' }] } : r,
    ),
  },
  'https://api.calendly.com/user_availability_schedules/london',
  OTHER,
);

const MY_BUSY: BusyTime[] = [
  busy('calendly', '2026-11-30T15:00:00.000000Z', '2026-11-30T16:00:00.000000Z'), // Mon 10–11 NY
  busy('external', '2026-12-01T16:00:00.000000Z', '2026-12-01T17:30:00.000000Z'), // Tue 11–12:30 NY
  busy('external', '2026-12-05T15:00:00.000000Z', '2026-12-05T16:00:00.000000Z'), // Sat, outside availability
];
const OTHER_BUSY: BusyTime[] = [busy('calendly', '2026-12-02T10:00:00.000000Z', '2026-12-02T12:00:00.000000Z')];

const STAMP = '2026-01-01T00:00:00.000000Z';

function membership(uri: string, name: string, role = 'user'): Membership {
  return {
    uri: `${uri}/membership`,
    role,
    organization: ORG,
    created_at: STAMP,
    updated_at: STAMP,
    user: { uri, name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, slug: '', scheduling_url: '', timezone: NY, avatar_url: null, locale: 'en', created_at: STAMP, updated_at: STAMP },
  };
}

interface FakeOptions {
  schedules?: Record<string, AvailabilitySchedule[]>;
  busy?: Record<string, BusyTime[]>;
  memberships?: Membership[];
  rate?: () => RateLimit | null;
  /** Called with the user of every request; return a promise to hold the request until it resolves. */
  gate?: (user: string, method: string) => Promise<void> | void;
}

function fakeApi(o: FakeOptions = {}) {
  const calls: { method: string; user: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  async function track<T>(method: string, user: string, value: () => T): Promise<T> {
    calls.push({ method, user });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 0));
      await o.gate?.(user, method);
      return value();
    } finally {
      inFlight--;
    }
  }
  const api: AvailabilityDeps['api'] = {
    listAvailabilitySchedules: vi.fn((u: string) =>
      track('schedules', u, () => o.schedules?.[u] ?? [withUri(weekdays(NY), `${u}/schedule`, u)]),
    ),
    getBusyTimes: vi.fn((q: { user: string; start: Date; end: Date }) =>
      track('busy', q.user, () =>
        (o.busy?.[q.user] ?? []).filter((b) => Date.parse(b.end_time) > q.start.getTime() && Date.parse(b.start_time) < q.end.getTime()),
      ),
    ),
    listOrganizationMemberships: vi.fn(() =>
      track('memberships', ORG, () => o.memberships ?? [membership(ME, 'Avery Quinn', 'owner'), membership(OTHER, 'Blake Other')]),
    ),
    rateLimit: vi.fn(() => o.rate?.() ?? null),
  };
  return { api, calls, maxInFlight: () => maxInFlight };
}

function setup(o: FakeOptions & { area?: ReturnType<typeof memoryArea>; clock?: ReturnType<typeof fakeClock>; acct?: StoredAccount } = {}) {
  const clock = o.clock ?? fakeClock(NOW);
  const area = o.area ?? memoryArea();
  const fake = fakeApi(o);
  const service = createAvailabilityService({
    api: fake.api,
    cache: createCache(area, clock.now),
    account: async () => o.acct ?? account,
    now: clock.now,
    store: area,
  });
  return { service, clock, area, ...fake };
}

const req = (userUri: string, extra: Record<string, unknown> = {}) => ({
  userUri,
  ...NEXT_WEEK,
  viewerTimeZone: NY,
  ...extra,
});

describe('getAvailability', () => {
  it('computes the connected user’s figures from their default schedule and busy times', async () => {
    const { service, api } = setup({ schedules: { [ME]: [MY_EVENINGS, MY_WORK] }, busy: { [ME]: MY_BUSY } });
    const a = await service.getAvailability(req(ME));
    expect(a.schedule).toEqual({ uri: MY_WORK.uri, name: 'Working hours', default: true, timezone: NY });
    expect(a.schedules.map((s) => s.name)).toEqual(['Evenings', 'Working hours']);
    expect(a.figures).toMatchObject({
      availableHours: 40,
      scheduledHours: 3.5,
      calendlyHours: 1,
      externalHours: 2.5,
      freeHours: 37.5,
      lowFreeHint: false,
    });
    expect(a.figures.utilisation).toBeCloseTo(2.5 / 40);
    expect(a.figures.days.map((d) => d.date)).toEqual([
      '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06',
    ]);
    expect(a.range).toEqual(NEXT_WEEK);
    expect(a.week).toBe('2026-11-30');
    expect(a.weeks).toEqual(['2026-11-30']);
    expect(a.grid.map((d) => d.date)[0]).toBe('2026-11-30');
    expect(a.grid.every((d) => !d.outside)).toBe(true);
    const monday = a.grid[0]!.blocks.map((b) => `${b.kind} ${b.startMin}-${b.endMin}`);
    expect(monday).toEqual(['available 540-1020', 'calendly 600-660']);
    expect(api.getBusyTimes).toHaveBeenCalledWith({ user: ME, start: new Date(NEXT_WEEK.start), end: new Date(NEXT_WEEK.end) });
  });

  it('computes another member’s figures with their own schedule, in the viewer’s zone', async () => {
    const { service, api } = setup({ schedules: { [OTHER]: [LONDON] }, busy: { [OTHER]: OTHER_BUSY } });
    const a = await service.getAvailability(req(OTHER));
    expect(a.schedule?.timezone).toBe('Europe/London');
    expect(a.figures).toMatchObject({ availableHours: 42.5, calendlyHours: 2, externalHours: 0, freeHours: 40.5 });
    expect(a.figures.utilisation).toBeCloseTo(2 / 42.5);
    // London 09:00 is 04:00 in New York.
    expect(a.grid[0]!.blocks[0]).toMatchObject({ kind: 'available', startMin: 240, endMin: 750 });
    expect(api.listAvailabilitySchedules).toHaveBeenCalledWith(OTHER);
    expect(api.getBusyTimes).toHaveBeenCalledWith(expect.objectContaining({ user: OTHER }));
  });

  it('uses the requested schedule, falling back to the default one for an unknown uri', async () => {
    const { service } = setup({ schedules: { [ME]: [MY_EVENINGS, MY_WORK] }, busy: { [ME]: MY_BUSY } });
    const evenings = await service.getAvailability(req(ME, { scheduleUri: MY_EVENINGS.uri }));
    expect(evenings.schedule?.name).toBe('Evenings');
    expect(evenings.figures.availableHours).toBe(2);
    expect(evenings.figures.freeHours).toBe(2);
    const unknown = await service.getAvailability(req(ME, { scheduleUri: 'https://api.calendly.com/user_availability_schedules/gone' }));
    expect(unknown.schedule?.name).toBe('Working hours');
    const firstWhenNoDefault = setup({ schedules: { [ME]: [MY_EVENINGS] } });
    expect((await firstWhenNoDefault.service.getAvailability(req(ME))).schedule?.name).toBe('Evenings');
  });

  it('answers repeated, schedule-switching and week-switching requests from the cache; busy times expire after 2 minutes', async () => {
    const { service, api, clock } = setup({ schedules: { [ME]: [MY_EVENINGS, MY_WORK] }, busy: { [ME]: MY_BUSY } });
    const first = await service.getAvailability(req(ME));
    const again = await service.getAvailability(req(ME));
    await service.getAvailability(req(ME, { scheduleUri: MY_EVENINGS.uri, buffered: true }));
    expect(again.figures).toEqual(first.figures);
    expect(api.listAvailabilitySchedules).toHaveBeenCalledTimes(1);
    expect(api.getBusyTimes).toHaveBeenCalledTimes(1);
    // Another member is another cache entry.
    await service.getAvailability(req(OTHER));
    expect(api.getBusyTimes).toHaveBeenCalledTimes(2);
    clock.advance(2 * 60_000 + 1);
    await service.getAvailability(req(ME));
    expect(api.getBusyTimes).toHaveBeenCalledTimes(3);
    expect(api.listAvailabilitySchedules).toHaveBeenCalledTimes(2); // 5 minutes for schedules
  });

  it('keys busy times by calendar dates: reopening "This week" (starts now, to the millisecond) reuses the entry', async () => {
    const { service, api, clock, area } = setup({ busy: { [ME]: MY_BUSY } });
    const thisWeek = () => ({ userUri: ME, start: new Date(clock.now()).toISOString(), end: '2026-11-30T05:00:00.000Z', viewerTimeZone: NY });
    await service.getAvailability(thisWeek());
    clock.advance(30_250);
    await service.getAvailability(thisWeek());
    clock.advance(1_003);
    await service.getAvailability(thisWeek());
    expect(api.getBusyTimes).toHaveBeenCalledTimes(1);
    expect([...area.data.keys()].filter((k) => k.startsWith('availability:busy:'))).toHaveLength(1);
  });

  it('never answers a period from a cached entry that covers less of it', async () => {
    const { service, api } = setup({ busy: { [ME]: MY_BUSY } });
    // Later today first (a custom period starting at a future instant), then from now to the same end.
    await service.getAvailability({ userUri: ME, start: '2026-11-27T20:00:00.000Z', end: '2026-11-30T05:00:00.000Z', viewerTimeZone: NY });
    await service.getAvailability({ userUri: ME, start: NOW, end: '2026-11-30T05:00:00.000Z', viewerTimeZone: NY });
    expect(api.getBusyTimes).toHaveBeenCalledTimes(2);
    expect(api.getBusyTimes).toHaveBeenLastCalledWith(expect.objectContaining({ start: new Date(NOW) }));
  });

  it('starts the range no earlier than now and limits the grid to it, with the weeks to page through', async () => {
    const { service, api } = setup({ busy: { [ME]: MY_BUSY } });
    // "Next 4 weeks" from Friday 07:00: the rest of this week and three more.
    const a = await service.getAvailability({
      userUri: ME,
      start: '2026-11-20T00:00:00.000Z',
      end: '2026-12-21T05:00:00.000Z',
      viewerTimeZone: NY,
    });
    expect(a.range.start).toBe(NOW.replace('Z', '.000Z'));
    expect(api.getBusyTimes).toHaveBeenCalledWith(expect.objectContaining({ start: new Date(NOW) }));
    expect(a.weeks).toEqual(['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14']);
    expect(a.week).toBe('2026-11-23');
    // Mon–Thu are over; Friday is cut at 07:00 (after the range started, availability from 09:00 is whole).
    expect(a.grid.slice(0, 4).every((d) => d.outside && d.blocks.length === 0)).toBe(true);
    expect(a.grid[4]).toMatchObject({ date: '2026-11-27', outside: false });
    expect(a.grid[4]!.blocks[0]).toMatchObject({ startMin: 540, endMin: 1020 });
    // 4 weekdays left this week... Friday 8 h + 3 weeks × 40 h.
    expect(a.figures.availableHours).toBe(8 + 120);
    const later = await service.getAvailability({
      userUri: ME,
      start: '2026-11-20T00:00:00.000Z',
      end: '2026-12-21T05:00:00.000Z',
      viewerTimeZone: NY,
      weekStart: '2026-12-09',
    });
    expect(later.week).toBe('2026-12-07');
    expect(later.grid[0]!.date).toBe('2026-12-07');
    expect(api.getBusyTimes).toHaveBeenCalledTimes(1);
  });

  it('lists override dates of the chosen schedule and marks their grid days', async () => {
    const withOverrides = withUri(
      weekdays(NY, [
        { type: 'date', date: '2026-12-03', intervals: [{ from: '10:00', to: '12:00' }] },
        { type: 'date', date: '2026-12-04', intervals: [] },
      ]),
      MY_WORK.uri,
      ME,
    );
    const { service } = setup({ schedules: { [ME]: [withOverrides] } });
    const a = await service.getAvailability(req(ME));
    expect(a.overrideDates).toEqual(['2026-12-03', '2026-12-04']);
    expect(a.grid.filter((d) => d.hasOverride).map((d) => d.date)).toEqual(['2026-12-03', '2026-12-04']);
    expect(a.figures.availableHours).toBe(3 * 8 + 2);
    expect(figuresToCsv(a.figures)).toContain('2026-12-03,2.00,0.00,0.00,0.00,0.00,2.00\r\n');
  });

  it('counts busy time (and no availability) for a member without schedules, and honours the low-free threshold', async () => {
    const { service } = setup({ schedules: { [ME]: [] }, busy: { [ME]: MY_BUSY } });
    const a = await service.getAvailability(req(ME, { lowFreeThresholdHours: 0 }));
    expect(a.schedule).toBeNull();
    expect(a.schedules).toEqual([]);
    expect(a.figures).toMatchObject({ availableHours: 0, scheduledHours: 3.5, freeHours: 0, lowFreeHint: false });
    const b = await service.getAvailability(req(ME, { lowFreeThresholdHours: 50 }));
    expect(b.figures.lowFreeHint).toBe(true);
  });

  it('rejects bad requests with a sentence for the user, before calling Calendly', async () => {
    const { service, api } = setup();
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as CalendlyError);
    const cases = [
      req(ME, { end: NEXT_WEEK.start }),
      req(ME, { start: 'soon' }),
      req(ME, { viewerTimeZone: 'Mars/Olympus' }),
      req(ME, { start: '2026-11-30T05:00:00.000Z', end: '2027-02-01T05:00:00.000Z' }),
      req(ME, { start: '2026-11-01T05:00:00.000Z', end: '2026-11-08T05:00:00.000Z' }),
    ];
    for (const c of cases) {
      const e = await err(service.getAvailability(c));
      expect(e).toBeInstanceOf(CalendlyError);
      expect(e?.info.kind).toBe('invalid_request');
      expect(e?.message).toMatch(/\.$/);
    }
    expect(api.getBusyTimes).not.toHaveBeenCalled();
  });

  it('passes not-connected and Calendly errors through', async () => {
    const clock = fakeClock(NOW);
    const notConnected = new CalendlyError({ kind: 'not_connected', message: 'Connect first.' });
    const service = createAvailabilityService({
      api: fakeApi().api,
      cache: createCache(memoryArea(), clock.now),
      account: async () => {
        throw notConnected;
      },
      now: clock.now,
      store: memoryArea(),
    });
    await expect(service.getAvailability(req(ME))).rejects.toBe(notConnected);
    const forbidden = new CalendlyError({ kind: 'forbidden', message: 'No.', status: 403 });
    const s = setup({ gate: () => Promise.reject(forbidden) });
    // For another member, a 403 means a role is missing: say so.
    await expect(s.service.getAvailability(req(OTHER))).rejects.toMatchObject({
      message: othersForbidden(),
      info: { kind: 'forbidden', status: 403 },
    });
    await expect(s.service.getAvailability(req(ME))).rejects.toBe(forbidden);
    const scope = new CalendlyError({ kind: 'forbidden', message: 'Missing availability:read.', scope: 'availability:read' });
    const t = setup({ gate: () => Promise.reject(scope) });
    await expect(t.service.getAvailability(req(OTHER))).rejects.toBe(scope);
  });
});

describe('team summary', () => {
  const team = (n: number) => [
    membership(ME, 'Avery Quinn', 'admin'),
    ...Array.from({ length: n - 1 }, (_, i) => membership(user(i + 1), `Member ${String(i + 1).padStart(2, '0')}`)),
  ];

  it('computes every member’s totals, self first, never more than 6 members in flight', async () => {
    const { service, maxInFlight, calls } = setup({
      memberships: team(10).reverse(),
      busy: { [ME]: MY_BUSY, [user(3)]: [busy('calendly', '2026-12-02T15:00:00.000000Z', '2026-12-02T17:00:00.000000Z')] },
    });
    const started = await service.startTeamSummary(NEXT_WEEK);
    expect(started).toMatchObject({ status: 'running', total: 10, completed: 0 });
    expect(started.members[0]).toMatchObject({ userUri: ME, isSelf: true, state: 'pending' });
    expect(started.members.map((m) => m.name).slice(1, 3)).toEqual(['Member 01', 'Member 02']);
    await service.teamIdle();
    const s = await service.getTeamSummary();
    expect(s).toMatchObject({ status: 'done', completed: 10, failed: 0, range: NEXT_WEEK });
    expect(s!.members[0]!.totals).toMatchObject({ availableHours: 40, scheduledHours: 3.5, freeHours: 37.5 });
    expect(s!.members[0]!.totals!.utilisation).toBeCloseTo(0.0625);
    expect(s!.members[3]!.totals).toMatchObject({ availableHours: 40, calendlyHours: 2, freeHours: 38 });
    expect(maxInFlight()).toBeLessThanOrEqual(6);
    expect(maxInFlight()).toBeGreaterThan(1);
    expect(calls.filter((c) => c.method === 'busy')).toHaveLength(10);
    // The member list was loaded once, and is the one the member picker's list uses (same cache entry).
    expect(calls.filter((c) => c.method === 'memberships')).toHaveLength(1);
  });

  it('bounds concurrency to the configured number', async () => {
    const clock = fakeClock(NOW);
    const area = memoryArea();
    const fake = fakeApi({ memberships: team(9) });
    const service = createAvailabilityService({
      api: fake.api,
      cache: createCache(area, clock.now),
      account: async () => account,
      now: clock.now,
      store: area,
      concurrency: 2,
    });
    await service.startTeamSummary(NEXT_WEEK);
    await service.teamIdle();
    expect(fake.maxInFlight()).toBe(2);
    expect((await service.getTeamSummary())?.completed).toBe(9);
  });

  it('knows the requests left (1 + one per started week, per member) and the time they take at the current limit', async () => {
    const releases: (() => void)[] = [];
    let holding = true;
    const { service } = setup({
      memberships: team(6),
      rate: () => ({ limit: 10, remaining: 0, resetAt: Date.parse(NOW) + 40_000 }),
      gate: (_u, method) => (method === 'busy' && holding ? new Promise<void>((r) => releases.push(r)) : undefined),
    });
    // Next week: one 7-day window, so 2 requests a member; 12 for 6 members. Nothing left in this window:
    // 40 s to the reset, then 8 a minute (10 less the reserve of 2): 2 windows.
    const started = await service.startTeamSummary(NEXT_WEEK);
    expect(started).toMatchObject({ requestsLeft: 12, timeLeftMs: 40_000 + 60_000, rateLimit: 10 });
    await service.cancelTeamSummary();
    holding = false;
    for (const r of releases.splice(0)) r();
    await service.teamIdle();
    // From Friday to the end of the fourth week: 5 windows (the last a partial one), 6 requests a member.
    const four = await service.startTeamSummary({ start: new Date(Date.parse(NOW)).toISOString(), end: '2026-12-28T05:00:00.000Z' });
    expect(four.requestsLeft).toBe(6 * 6);
    await service.teamIdle();
    expect(await service.getTeamSummary()).toMatchObject({ status: 'done', requestsLeft: 0, timeLeftMs: 0 });
  });

  it('names the summary by calendar days: "This week" chosen again later continues it, and its figures are cached by period', async () => {
    const area = memoryArea();
    const clock = fakeClock(NOW); // Friday 07:00 in New York
    const releases: (() => void)[] = [];
    let holding = true;
    const hold = (_user: string, method: string) => (method === 'busy' && holding ? new Promise<void>((r) => releases.push(r)) : undefined);
    const first = setup({ area, clock, memberships: team(10), gate: hold });
    const thisWeek = (at: number) => ({ start: new Date(at).toISOString(), end: NEXT_WEEK.start, timeZone: 'America/New_York' });
    await first.service.startTeamSummary(thisWeek(clock.now()));
    await vi.waitFor(() => expect(releases).toHaveLength(6));
    await first.service.cancelTeamSummary();
    for (const r of releases.splice(0)) r();
    await first.service.teamIdle();
    expect(await first.service.getTeamSummary()).toMatchObject({ status: 'paused', completed: 6, periodKey: '2026-11-27..2026-11-29@America/New_York' });

    // The page is reopened 5 minutes later (the service worker restarted too): "This week" now starts later.
    clock.advance(5 * 60_000);
    holding = false;
    const second = setup({ area, clock, memberships: team(10) });
    const continued = await second.service.startTeamSummary(thisWeek(clock.now()));
    expect(continued).toMatchObject({ status: 'running', completed: 6, periodKey: '2026-11-27..2026-11-29@America/New_York' });
    await second.service.teamIdle();
    expect(await second.service.getTeamSummary()).toMatchObject({ status: 'done', completed: 10 });
    expect(second.calls.filter((c) => c.method === 'busy')).toHaveLength(4);

    // Next week, then this week again (within the 10 minutes a member's figures are kept): no request.
    await second.service.startTeamSummary({ ...NEXT_WEEK, timeZone: 'America/New_York' });
    await second.service.teamIdle();
    const before = second.calls.length;
    clock.advance(60_000);
    const again = await second.service.startTeamSummary(thisWeek(clock.now()));
    await second.service.teamIdle();
    expect(again.periodKey).toBe('2026-11-27..2026-11-29@America/New_York');
    expect(await second.service.getTeamSummary()).toMatchObject({ status: 'done', completed: 10 });
    expect(second.calls.length).toBe(before);
  });

  it('records a member’s failure and goes on with the others', async () => {
    const boom = new CalendlyError({ kind: 'server', message: 'Calendly is having trouble right now (error 500). Try again in a few minutes.' });
    const { service } = setup({ memberships: team(5), gate: (u) => (u === user(2) ? Promise.reject(boom) : undefined) });
    await service.startTeamSummary(NEXT_WEEK);
    await service.teamIdle();
    const s = await service.getTeamSummary();
    expect(s).toMatchObject({ status: 'done', completed: 5, failed: 1 });
    expect(s!.members.find((m) => m.userUri === user(2))).toMatchObject({ state: 'error', error: boom.message, totals: null });
  });

  it('resumes after a restart: a new instance over the same store fetches only the members left', async () => {
    const area = memoryArea();
    const clock = fakeClock(NOW);
    const members = team(10);
    const finishedBeforeStop = new Set([ME, user(1), user(2)]);
    // The first instance's worker "stops": requests for anyone else never answer.
    const first = setup({ area, clock, memberships: members, gate: (u) => (finishedBeforeStop.has(u) || u === ORG ? undefined : new Promise(() => {})) });
    await first.service.startTeamSummary(NEXT_WEEK);
    await vi.waitFor(async () => expect((await first.service.getTeamSummary())?.completed).toBe(3));
    // Results are written at most once a second while a job runs.
    await vi.waitFor(() => expect(Object.keys((area.data.get(TEAM_SUMMARY_KEY) as { results: object }).results)).toHaveLength(3), { timeout: 3000 });
    const stored = area.data.get(TEAM_SUMMARY_KEY) as { status: string };
    expect(stored.status).toBe('running');

    const second = setup({ area, clock, memberships: members });
    const resumed = await second.service.getTeamSummary();
    expect(resumed).toMatchObject({ status: 'running', completed: 3 });
    await second.service.teamIdle();
    const s = await second.service.getTeamSummary();
    expect(s).toMatchObject({ status: 'done', completed: 10, failed: 0 });
    const asked = new Set(second.calls.filter((c) => c.method === 'busy').map((c) => c.user));
    expect(asked).toEqual(new Set(members.map((m) => m.user.uri).filter((u) => !finishedBeforeStop.has(u))));
  });

  it('pause stops new requests; starting the same period again continues with what is left', async () => {
    const releases: (() => void)[] = [];
    let holding = true;
    const hold = (_user: string, method: string) =>
      method === 'busy' && holding ? new Promise<void>((r) => releases.push(r)) : undefined;
    const { service, calls } = setup({ memberships: team(10), gate: hold });
    await service.startTeamSummary(NEXT_WEEK);
    await vi.waitFor(() => expect(releases).toHaveLength(6));
    await service.cancelTeamSummary();
    for (const r of releases.splice(0)) r();
    await service.teamIdle();
    expect(calls.filter((c) => c.method === 'busy')).toHaveLength(6);
    const s = await service.getTeamSummary();
    expect(s).toMatchObject({ status: 'paused', completed: 6 });
    expect(s!.members.filter((m) => m.state === 'pending')).toHaveLength(4);
    // Polling a paused summary does not restart it.
    await service.teamIdle();
    expect(calls.filter((c) => c.method === 'busy')).toHaveLength(6);

    holding = false;
    const continued = await service.startTeamSummary(NEXT_WEEK);
    expect(continued).toMatchObject({ status: 'running', completed: 6 });
    await service.teamIdle();
    expect(await service.getTeamSummary()).toMatchObject({ status: 'done', completed: 10 });
    expect(calls.filter((c) => c.method === 'busy')).toHaveLength(10);
  });

  it('needs an admin or owner role, and forgets another account’s summary', async () => {
    const plain = setup({ memberships: [membership(ME, 'Avery Quinn', 'user'), membership(OTHER, 'Blake')] });
    await expect(plain.service.startTeamSummary(NEXT_WEEK)).rejects.toMatchObject({ info: { kind: 'forbidden' } });
    expect(plain.api.getBusyTimes).not.toHaveBeenCalled();

    const area = memoryArea();
    const mine = setup({ area, memberships: team(2) });
    await mine.service.startTeamSummary(NEXT_WEEK);
    await mine.service.teamIdle();
    const someoneElse = setup({ area, acct: { ...account, uri: OTHER } });
    expect(await someoneElse.service.getTeamSummary()).toBeNull();
    expect(area.data.has(TEAM_SUMMARY_KEY)).toBe(false);

    const noOrg = setup({ acct: { ...account, organizationUri: null } });
    await expect(noOrg.service.startTeamSummary(NEXT_WEEK)).rejects.toMatchObject({ info: { kind: 'invalid_request' } });
  });
});
