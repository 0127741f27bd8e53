/**
 * Test doubles for the Calendly client (used only by *.test.ts): a recording fake fetch driven by a
 * small router, JSON responses, a fake clock whose sleep resolves at once and advances time, and `failure`.
 */
import { expect } from 'vitest';
import { CalendlyError, toErrorInfo, type ErrorInfo } from './errors';

/** The ErrorInfo of the CalendlyError `p` rejects with (fails the test if it resolves or throws anything else). */
export async function failure(p: Promise<unknown>): Promise<ErrorInfo> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CalendlyError);
    return toErrorInfo(e);
  }
  throw new Error('expected a failure');
}

export interface RecordedCall {
  url: URL;
  headers: Headers;
  method: string;
  /** The request body as sent (JSON text for writes), if any. */
  body?: string;
}

export type Route = (url: URL, callIndex: number) => Response | Promise<Response>;

/** A fetch that records every call and answers with `route`. */
export function fakeFetch(route: Route) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push({ url, headers: new Headers(init?.headers), method: init?.method ?? 'GET', ...(typeof init?.body === 'string' ? { body: init.body } : {}) });
    return route(url, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Calendly-shaped error body. */
export function errorBody(title: string, message: string, details: { parameter: string; message: string }[] = []) {
  return { title, message, details };
}

/** Clock starting at `startIso`; `sleep` records the duration, advances the clock, and resolves immediately. */
export function fakeClock(startIso = '2026-11-20T12:00:00Z') {
  let t = Date.parse(startIso);
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

/** Calendly-style timestamp with microseconds. */
export function micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const STAMP = '2026-01-01T00:00:00.000000Z';
const API_BASE = 'https://api.calendly.com';

/** A `User` as Calendly's published spec (../shared/reference/calendly-openapi.md) shapes it; `over` replaces fields. */
export function specUser(over: Record<string, unknown> = {}) {
  return {
    uri: `${API_BASE}/users/U1`,
    name: 'Ada',
    slug: 'ada',
    email: 'ada@example.com',
    scheduling_url: 'https://calendly.com/ada',
    timezone: 'Europe/Paris',
    avatar_url: null,
    created_at: STAMP,
    updated_at: STAMP,
    current_organization: `${API_BASE}/organizations/O1`,
    resource_type: 'User',
    locale: 'en',
    ...over,
  };
}

/** An `EventType` with every required field of the spec (nullable ones null where Calendly allows it). */
export function specEventType(over: Record<string, unknown> = {}) {
  return {
    active: true,
    admin_managed: false,
    booking_method: 'instant',
    color: '#8247f5',
    created_at: STAMP,
    custom_questions: [],
    deleted_at: null,
    description_html: null,
    description_plain: null,
    duration: 30,
    duration_options: null,
    internal_note: null,
    is_paid: false,
    kind: 'solo',
    locale: 'en',
    locations: null,
    name: 'Meeting',
    pooling_type: null,
    position: 0,
    profile: { type: 'User', name: 'Ada', owner: `${API_BASE}/users/U1` },
    scheduling_url: 'https://calendly.com/ada/meeting',
    secret: false,
    slug: 'meeting',
    type: 'StandardEventType',
    updated_at: STAMP,
    uri: `${API_BASE}/event_types/E1`,
    ...over,
  };
}

/** An organization membership item with its embedded user subset. */
export function specMembership(n: number, org = `${API_BASE}/organizations/O1`) {
  return {
    uri: `${API_BASE}/organization_memberships/M${n}`,
    role: 'user',
    user: {
      uri: `${API_BASE}/users/U${n}`,
      name: `User ${n}`,
      slug: `user-${n}`,
      email: `u${n}@example.com`,
      scheduling_url: `https://calendly.com/user-${n}`,
      timezone: 'UTC',
      avatar_url: null,
      locale: 'en',
      created_at: STAMP,
      updated_at: STAMP,
    },
    organization: org,
    created_at: STAMP,
    updated_at: STAMP,
  };
}

/** A `pagination` object; every field is required by the spec. */
export function specPagination(next: string | null, nextToken: string | null = null, count = 0) {
  return { count, next_page: next, previous_page: null, next_page_token: nextToken, previous_page_token: null };
}
