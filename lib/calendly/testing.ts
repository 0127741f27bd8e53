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
