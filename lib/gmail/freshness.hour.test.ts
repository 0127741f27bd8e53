import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCache, memoryArea } from '../background/cache';
import { createService } from '../background/service';
import { storedAccount } from '../background/testing';
import type { CalendlyApi } from '../calendly/api';
import { specEventType } from '../calendly/testing';
import type { EventType } from '../calendly/types';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { createFreshness } from './freshness';

// "Fresh until sent" over an hour: the tab's checker (this file's document stands for the Gmail tab) with
// three composes holding offers, wired to the real background service and its real cache, the clock and
// timers faked. What it counts is what Calendly would see: requests to /event_type_available_times.

const START = Date.parse('2026-12-07T14:00:00Z');
const USER = 'https://api.calendly.com/users/u1';
const E1 = 'https://api.calendly.com/event_types/e1';
const E2 = 'https://api.calendly.com/event_types/e2';
const eventType = (uri: string) =>
  specEventType({ uri, name: 'Meeting', slug: 'm', scheduling_url: 'https://calendly.com/avery/m', profile: { type: 'User', name: 'Avery', owner: USER } }) as EventType;
const hour = (h: number) => new Date(START + h * 3_600_000).toISOString();

function draft(eventTypeUri: string, starts: string[]) {
  const body = document.createElement('div');
  const links = starts.map((s) => `<a href="https://calendly.com/avery/m/${s}" data-open-slots-start="${s}">${s}</a>`).join(' ');
  body.innerHTML = `<div>Hi,</div><div data-open-slots-event="${eventTypeUri}">${links}</div>`;
  return { body: () => body, visible: () => true, report: vi.fn() };
}

function setup() {
  const getAvailableTimes = vi.fn(async () =>
    [1, 2, 3, 4, 5, 6].map((h) => ({ status: 'available', invitees_remaining: 1, start_time: hour(h), scheduling_url: `https://calendly.com/avery/m/${h}` })),
  );
  const api = { getCurrentUser: vi.fn(), listEventTypes: vi.fn(async () => [eventType(E1), eventType(E2)]), getAvailableTimes } as unknown as CalendlyApi;
  const account = storedAccount(USER);
  const service = createService({
    createApi: () => api,
    token: { get: async () => 'token', set: async () => undefined },
    pendingToken: { get: async () => null, set: async () => undefined },
    account: { get: async () => account, set: async () => undefined },
    settings: async () => ({ ...DEFAULT_SETTINGS, count: 5 }),
    cache: createCache(memoryArea(), () => Date.now()),
    now: () => Date.now(),
    environment: () => ({ timeZone: 'America/New_York', language: 'en-US' }),
  });
  return { service, getAvailableTimes };
}

describe('fresh until sent: an hour with three composes open', () => {
  let controller: AbortController;
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

  async function hourWith(drafts: ReturnType<typeof draft>[]) {
    const { service, getAvailableTimes } = setup();
    const f = createFreshness({ doc: document, signal: controller.signal, check: (req) => service.checkOffered(req) });
    for (const d of drafts) f.watch(d);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    return getAvailableTimes.mock.calls.length;
  }

  it('three drafts offering times of one event type: about one request a minute for all three, not three', async () => {
    const requests = await hourWith([draft(E1, [hour(1), hour(2)]), draft(E1, [hour(2), hour(3)]), draft(E1, [hour(4)])]);
    console.log(`fresh until sent, one hour, three composes, one event type: ${requests} requests to /event_type_available_times`);
    expect(requests).toBeGreaterThanOrEqual(55);
    expect(requests).toBeLessThanOrEqual(61);
  });

  it('three drafts over two event types: still one request per check (the event types take turns)', async () => {
    const requests = await hourWith([draft(E1, [hour(1)]), draft(E2, [hour(2)]), draft(E2, [hour(3)])]);
    console.log(`fresh until sent, one hour, three composes, two event types: ${requests} requests to /event_type_available_times`);
    expect(requests).toBeGreaterThanOrEqual(55);
    expect(requests).toBeLessThanOrEqual(61);
  });
});
