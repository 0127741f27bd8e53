// @vitest-environment node
/**
 * Request counts against the real fake Calendly (e2e/support) over HTTPS: how many requests a 30-day insert
 * costs when Calendly still limits /event_type_available_times to 7 days (the fallback), on a calendar that
 * is open every weekday and on one whose first 5 open times are spread over three weeks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeCalendly, type FakeCalendly } from '../../e2e/support/fake-calendly';
import { startStandIns, type StandIns } from '../../e2e/support/server';
import { standInFetch } from '../../e2e/support/stand-in-fetch';
import { createCalendlyApi } from './api';

const EVENT_30 = 'https://api.calendly.com/event_types/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c01';
const START = new Date('2026-12-07T12:00:00Z'); // a Monday
const DAY = 86_400_000;

let fake: FakeCalendly;
let standIns: StandIns;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  fake = createFakeCalendly({ now: START, rangeLimitDays: 7 });
  standIns = await startStandIns({ fakeCalendly: fake });
  fetch = standInFetch(standIns.port);
});
afterAll(async () => standIns.close());
beforeEach(() => {
  fake.resetLog();
  fake.setAvailability(EVENT_30, null);
});

/** Available-times requests for one 30-day insert of `count` slots by a fresh client (cold worker). */
async function insertRequests(count: number) {
  const api = createCalendlyApi({ getToken: async () => 'demo-token', fetch, now: () => fake.now().getTime() });
  const start = new Date(fake.now().getTime());
  const slots = await api.getAvailableTimes({ eventType: EVENT_30, start, end: new Date(start.getTime() + 30 * DAY), limit: count });
  const requests = fake.requests.filter((r) => r.path === '/event_type_available_times');
  return { slots, requests: requests.length, windows: requests.map((r) => [r.query.start_time, r.query.end_time, r.status]) };
}

describe('30-day insert on the 7-day fallback', () => {
  it('an open calendar: the 31-day try, then the first 7-day window holds the 5 times', async () => {
    const r = await insertRequests(5);
    console.log(`[request count] open calendar, 30 days, 5 slots, 7-day fallback: ${r.requests} requests`, r.windows);
    expect(r.slots).toHaveLength(5);
    expect(r.requests).toBe(2);
  });

  it('sparse times (first 5 spread over days 2, 9, 10, 16, 17): the windows after the third are never fetched', async () => {
    const at = [1.5, 8.5, 9.5, 15.5, 16.5, 22.5, 26.5].map((d) => new Date(START.getTime() + d * DAY));
    fake.setAvailability(EVENT_30, at);
    const r = await insertRequests(5);
    console.log(`[request count] sparse calendar, 30 days, 5 slots, 7-day fallback: ${r.requests} requests`, r.windows);
    expect(r.slots.map((s) => Date.parse(s.start_time))).toEqual(at.slice(0, 5).map((d) => d.getTime()));
    expect(r.requests).toBe(4);
  });
});
