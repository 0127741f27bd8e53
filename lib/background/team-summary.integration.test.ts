// @vitest-environment node
/**
 * The team summary of a 300-member organization against the real fake Calendly (e2e/support) over HTTPS, with
 * the fake limiting to 100 requests per minute. One virtual clock drives everything: the fake's clock, the
 * Calendly client's `now`/`sleep` and the availability service's (and so the scheduler's) `now`/`sleep`. Time
 * only moves when every request has been answered and someone is sleeping: it then jumps to the earliest wake-up,
 * so the several virtual minutes the summary takes pass in a few real seconds. Run alone, the summary slows down
 * before the limit and gets no 429; with another app eating the same user's quota it gets 429s, and each refused
 * request waits out the reset and succeeds on its one retry.
 */
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeCalendly, tokenFingerprint, type FakeCalendly, type RequestLogEntry } from '../../e2e/support/fake-calendly';
import { startStandIns, type StandIns } from '../../e2e/support/server';
import { standInFetch } from '../../e2e/support/stand-in-fetch';
import { createCalendlyApi } from '../calendly/api';
import type { TeamSummary } from '../contract';
import { createAvailabilityService } from './availability';
import { createCache, memoryArea } from './cache';
import { DEFAULT_CONCURRENCY } from './scheduler';
import type { StoredAccount } from './service';

const MEMBERS = 300;
const RATE_LIMIT = 100;
/** Wednesday, 09:00 in New York. */
const START_CLOCK = '2026-11-25T14:00:00Z';
/** Next week in New York: Monday 2026-11-30 00:00 to Monday 2026-12-07 00:00 (EST = UTC-5). */
const RANGE = { start: '2026-11-30T05:00:00.000Z', end: '2026-12-07T05:00:00.000Z' };

let fake: FakeCalendly;
let standIns: StandIns;
let agent: Agent;

/** Requests sent and not yet answered (body read), and the most there ever were at once. */
let inFlight = 0;
let maxInFlight = 0;

/** Sleepers waiting for the virtual clock to reach `at`. */
const timers: Array<{ at: number; wake: () => void }> = [];
let pumpQueued = false;

const now = () => fake.now().getTime();

/** Once nothing is in flight, moves the clock to the earliest wake-up and wakes everyone due. */
function queuePump(): void {
  if (pumpQueued) return;
  pumpQueued = true;
  setTimeout(() => {
    pumpQueued = false;
    if (inFlight > 0 || timers.length === 0) return; // the last answer queues the next pump
    timers.sort((a, b) => a.at - b.at);
    const at = timers[0]!.at;
    if (at > now()) fake.setNow(at);
    const t = now();
    while (timers.length > 0 && timers[0]!.at <= t) timers.shift()!.wake();
    if (timers.length > 0) queuePump();
  }, 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((wake) => {
    timers.push({ at: now() + Math.max(0, ms), wake });
    queuePump();
  });
}

/** The stand-in fetch (kept-alive connections) for the extension's client, counting requests in flight; `before` runs first (e.g. another consumer). */
function countingFetch(port: number, before?: () => Promise<void>): typeof globalThis.fetch {
  const send = standInFetch(port, { agent });
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await before?.();
      return await send(input, init);
    } finally {
      inFlight--;
      if (inFlight === 0) queuePump();
    }
  }) as typeof globalThis.fetch;
}

beforeAll(async () => {
  fake = createFakeCalendly({ orgMembers: MEMBERS, now: START_CLOCK, rateLimit: RATE_LIMIT });
  standIns = await startStandIns({ fakeCalendly: fake });
  agent = new Agent({ keepAlive: true, maxSockets: 16 });
});
afterAll(async () => {
  agent.destroy();
  await standIns.close();
});

interface Run {
  summary: TeamSummary;
  /** The extension's requests in the fake's log (another consumer's are left out). */
  log: RequestLogEntry[];
  virtualMinutes: number;
  realMs: number;
}

/** Runs the team summary for next week with a fresh client, cache and store, to completion. */
async function runSummary(before?: () => Promise<void>): Promise<Run> {
  fake.resetLog();
  fake.resetRateLimit();
  maxInFlight = 0;
  const realStart = performance.now();
  const api = createCalendlyApi({
    getToken: async () => 'demo-token',
    fetch: countingFetch(standIns.port, before),
    now,
    sleep,
    random: () => 0.5,
  });
  const me = fake.defaultUser;
  const account: StoredAccount = {
    uri: me.uri,
    name: me.name,
    email: me.email,
    timezone: me.timezone,
    schedulingUrl: me.scheduling_url,
    organizationUri: fake.organization.uri,
    via: 'token',
  };
  const service = createAvailabilityService({
    api,
    cache: createCache(memoryArea(), now),
    account: async () => account,
    now,
    store: memoryArea(),
    sleep,
  });
  const clockStart = now();
  const started = await service.startTeamSummary(RANGE);
  expect(started).toMatchObject({ total: MEMBERS, status: 'running' });
  await service.teamIdle();
  const summary = (await service.getTeamSummary())!;
  const ours = tokenFingerprint('demo-token');
  return {
    summary,
    log: fake.requests.filter((r) => r.tokenFingerprint === ours),
    virtualMinutes: (now() - clockStart) / 60_000,
    realMs: performance.now() - realStart,
  };
}

/** Checks everything the summary promises and returns the figures to print. */
function check({ summary, log, virtualMinutes, realMs }: Run): string {
  // Everyone has figures.
  expect(summary).toMatchObject({ status: 'done', total: MEMBERS, completed: MEMBERS, failed: 0 });
  expect(new Set(summary.members.map((m) => m.userUri)).size).toBe(MEMBERS);
  expect(summary.members.filter((m) => m.state !== 'done' || m.totals === null)).toEqual([]);

  // Avery Quinn (the owner, listed first), worked out by hand in e2e/availability.e2e.ts for this week.
  const me = fake.defaultUser;
  const avery = summary.members[0]!;
  expect(avery).toMatchObject({ userUri: me.uri, isSelf: true, role: 'owner' });
  expect(avery.totals).toMatchObject({
    availableHours: 35,
    calendlyHours: 1.5,
    externalHours: 2.5,
    scheduledHours: 4,
    freeHours: 31,
    hasSchedule: true,
  });
  // A generated member: Monday–Friday 09:00–17:00 in their zone, nothing booked.
  const member = summary.members.find((m) => m.name === 'Member 150')!;
  expect(member.userUri).toBe(fake.user('member-150').uri);
  expect(member.totals).toMatchObject({ availableHours: 40, scheduledHours: 0, freeHours: 40, utilisation: 0, hasSchedule: true });

  // The fake's log: only 200s and 429s, and no request (method + path + query) refused twice.
  expect(log.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);
  const refused = log.filter((r) => r.status === 429);
  const refusals = new Map<string, number>();
  for (const r of refused) {
    const key = `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`;
    refusals.set(key, (refusals.get(key) ?? 0) + 1);
  }
  expect([...refusals].filter(([, n]) => n > 1)).toEqual([]);
  // Each member's schedules and busy times were served exactly once (cached per member and period).
  const ok = log.filter((r) => r.status === 200);
  expect(ok.filter((r) => r.path === '/user_availability_schedules')).toHaveLength(MEMBERS);
  expect(ok.filter((r) => r.path === '/user_busy_times')).toHaveLength(MEMBERS);
  expect(ok.filter((r) => r.path === '/organization_memberships')).toHaveLength(Math.ceil(MEMBERS / 100));
  expect(ok).toHaveLength(2 * MEMBERS + Math.ceil(MEMBERS / 100));
  // At 100 a minute, 603 requests cannot take less than 6 minutes of the fake clock.
  expect(virtualMinutes).toBeGreaterThanOrEqual(Math.floor(ok.length / RATE_LIMIT));

  // Concurrency: the scheduler runs DEFAULT_CONCURRENCY members at once, each with one request at a time.
  expect(maxInFlight).toBeGreaterThan(1);
  expect(maxInFlight).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);

  return (
    `${MEMBERS} members, ${log.length} requests (${ok.length} served, ${refused.length} refused with 429, ` +
    `${refusals.size} distinct requests refused), ${virtualMinutes.toFixed(2)} virtual minutes, ` +
    `max ${maxInFlight} in flight, ${(realMs / 1000).toFixed(1)} s real time`
  );
}

describe('team summary of a 300-member organization, over HTTPS, at 100 requests a minute', () => {
  it('slows down before the limit: completes for everyone without a 429, concurrency bounded', async () => {
    const run = await runSummary();
    const figures = check(run);
    // The client and scheduler saw the limit coming (X-RateLimit-Remaining) and waited for each reset.
    expect(run.log.filter((r) => r.status === 429)).toEqual([]);
    console.log(`team summary alone: ${figures}`);
  }, 60_000);

  it('another app using the same quota causes 429s: each refused request waits out the reset and succeeds on its retry', async () => {
    // Before every 25th request of the extension, another consumer of Avery's quota (same user, its own token)
    // sends 20 requests, so the remaining count the extension last saw is stale and the limit is hit unseen.
    fake.addToken('other-app-token');
    let sent = 0;
    const otherApp = async () => {
      if (sent++ % 25 !== 24) return;
      for (let i = 0; i < 20; i++) {
        await standInFetch(standIns.port, { agent })('https://api.calendly.com/users/me', { headers: { authorization: 'Bearer other-app-token' } });
      }
    };
    const run = await runSummary(otherApp);
    const figures = check(run);
    expect(run.log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    console.log(`team summary sharing the quota: ${figures}`);
  }, 60_000);
});
