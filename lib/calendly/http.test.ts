import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorInfo } from './errors';
import { createHttp, type HttpDeps } from './http';
import { errorBody, failure as failed, fakeClock, fakeFetch, json, type Route } from './testing';

const TOKEN = 'secret-token-123';
const Thing = v.object({ resource: v.object({ name: v.string() }) });
const ok = () => json({ resource: { name: 'Ada' } });

function setup(route: Route, extra: Partial<HttpDeps> = {}) {
  const clock = fakeClock();
  const f = fakeFetch(route);
  const http = createHttp({
    getToken: async () => TOKEN,
    fetch: f.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...extra,
  });
  return { http, clock, calls: f.calls };
}

/** The failure's ErrorInfo, which must never carry the token. */
async function failure(p: Promise<unknown>): Promise<ErrorInfo> {
  const info = await failed(p);
  expect(info.message).not.toContain(TOKEN);
  return info;
}

describe('http.get: requests', () => {
  it('sends the bearer token and encodes URI query parameters', async () => {
    const { http, calls } = setup(ok);
    const out = await http.get('/event_types', { user: 'https://api.calendly.com/users/U1', active: true, count: 100, skip: undefined }, Thing);
    expect(out).toEqual({ resource: { name: 'Ada' } });
    expect(calls).toHaveLength(1);
    const { url, headers } = calls[0]!;
    expect(url.origin + url.pathname).toBe('https://api.calendly.com/event_types');
    expect(url.search).toBe('?user=https%3A%2F%2Fapi.calendly.com%2Fusers%2FU1&active=true&count=100');
    expect(headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('without a token fails not_connected and sends nothing', async () => {
    const { http, calls } = setup(ok, { getToken: async () => null });
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info.kind).toBe('not_connected');
    expect(calls).toHaveLength(0);
  });

  it('accepts absolute URLs inside the base URL', async () => {
    const { http, calls } = setup(ok);
    await http.get('https://api.calendly.com/event_types?page_token=abc&count=100', {}, Thing);
    expect(calls[0]!.url.href).toBe('https://api.calendly.com/event_types?page_token=abc&count=100');
  });

  it.each([
    'https://evil.example/event_types?page_token=abc',
    'https://api.calendly.com.evil.example/event_types',
    'https://api.calendly.com@evil.example/event_types',
    'http://api.calendly.com/event_types',
    'https://api.calendly.com:8443/event_types',
  ])('refuses %s without sending the token anywhere', async (link) => {
    let tokenAsked = false;
    const { http, calls } = setup(ok, { getToken: async () => ((tokenAsked = true), TOKEN) });
    const info = await failure(http.get(link, {}, Thing));
    expect(info.kind).toBe('malformed');
    expect(calls).toHaveLength(0);
    expect(tokenAsked).toBe(false);
  });
});

describe('http.get: faults that are not retried', () => {
  it('401', async () => {
    const { http, calls } = setup(() => json(errorBody('Unauthenticated', 'The access token is invalid'), 401));
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info).toEqual({
      kind: 'unauthenticated',
      status: 401,
      message: 'Your Calendly connection has expired or was revoked. Reconnect in Open Slots options.',
    });
    expect(calls).toHaveLength(1);
  });

  it('403 with the scope named in the body (body wins over the endpoint)', async () => {
    const { http, calls } = setup(() =>
      json(errorBody('Permission Denied', 'This token is missing the required scope: availability:read'), 403),
    );
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info.kind).toBe('forbidden');
    expect(info.scope).toBe('availability:read');
    expect(info.message).toContain('missing the “availability:read” scope');
    expect(calls).toHaveLength(1);
  });

  it('403 on an organization query without a scope problem', async () => {
    const { http } = setup(() => json(errorBody('Permission Denied', 'You do not have permission'), 403));
    const info = await failure(http.get('/event_types', { organization: 'https://api.calendly.com/organizations/O1' }, Thing));
    expect(info.kind).toBe('forbidden');
    expect(info.scope).toBeUndefined();
    expect(info.message).toMatch(/^Calendly refused access: you do not have permission; organization-wide event types need an admin or owner role/);
  });

  it('404', async () => {
    const { http, calls } = setup(() => json(errorBody('Resource Not Found', 'The server could not find the requested resource.'), 404));
    expect((await failure(http.get('/event_types/x', {}, Thing))).kind).toBe('not_found');
    expect(calls).toHaveLength(1);
  });

  it('400 with details', async () => {
    const { http, calls } = setup(() =>
      json(errorBody('Invalid Argument', 'The supplied parameters are invalid.', [{ parameter: 'start_time', message: 'must be in the future' }]), 400),
    );
    const info = await failure(http.get('/event_type_available_times', {}, Thing));
    expect(info).toMatchObject({
      kind: 'invalid_request',
      status: 400,
      details: ['start_time must be in the future'],
      message: 'Calendly rejected the request: start_time must be in the future.',
    });
    expect(calls).toHaveLength(1);
  });

  it('never echoes the token, even if Calendly does', async () => {
    const { http } = setup(() => json(errorBody('Invalid Argument', `bad token ${TOKEN}`, [{ parameter: 'auth', message: TOKEN }]), 400));
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(JSON.stringify(info)).not.toContain(TOKEN);
  });

  it('malformed JSON', async () => {
    const { http, calls } = setup(() => new Response('{"resource": ', { status: 200 }));
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info.kind).toBe('malformed');
    expect(info.message).toBe('Calendly sent an unexpected response. Try again in a moment.');
    expect(calls).toHaveLength(1);
  });

  it('JSON that fails the schema', async () => {
    const { http } = setup(() => json({ resource: { name: 42 } }));
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info.kind).toBe('malformed');
    expect(info.details?.[0]).toMatch(/^resource\.name: /);
  });

  it('tolerates a non-JSON error body', async () => {
    const { http } = setup(() => new Response('<html>Forbidden</html>', { status: 403 }));
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info.kind).toBe('forbidden');
  });
});

describe('http.get: retries', () => {
  it('429 waits X-RateLimit-Reset seconds, then succeeds', async () => {
    const { http, calls, clock } = setup((_u, i) =>
      i === 0
        ? json(errorBody('Too Many Requests', 'Rate limit exceeded'), 429, { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '17' })
        : ok(),
    );
    await http.get('/users/me', {}, Thing);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([17_000]);
  });

  it('429 without Reset waits 1 s; a huge Reset is capped at 60 s', async () => {
    const { http, clock } = setup((_u, i) =>
      i === 0 ? json({}, 429) : i === 1 ? json({}, 429, { 'X-RateLimit-Reset': '3600' }) : ok(),
    );
    await http.get('/users/me', {}, Thing);
    expect(clock.sleeps).toEqual([1_000, 60_000]);
  });

  it('429 forever gives up as rate_limited with the wait', async () => {
    const { http, calls } = setup(() => json({}, 429, { 'X-RateLimit-Reset': '20' }), { maxRetries: 2 });
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 20, message: "Calendly's rate limit was reached. Try again in 20 seconds." });
    expect(calls).toHaveLength(3);
  });

  it('500 then success, after a jittered backoff', async () => {
    const { http, calls, clock } = setup((_u, i) => (i === 0 ? json(errorBody('Internal Server Error', ''), 500) : ok()), { random: () => 0.25 });
    await http.get('/users/me', {}, Thing);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([300 * 0.75]);
  });

  it('500 forever gives up after maxRetries with exponential backoff', async () => {
    const { http, calls, clock } = setup(() => json({}, 500));
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info).toMatchObject({ kind: 'server', status: 500 });
    expect(calls).toHaveLength(4); // 1 + maxRetries (3)
    expect(clock.sleeps).toEqual([300, 600, 1200]);
  });

  it('network TypeError is retried, then reported', async () => {
    const { http, calls } = setup(() => {
      throw new TypeError('Failed to fetch');
    }, { maxRetries: 1 });
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info).toEqual({ kind: 'network', message: "Can't reach Calendly. Check your connection and try again." });
    expect(calls).toHaveLength(2);
  });

  it('network error then success', async () => {
    const { http, calls } = setup((_u, i) => {
      if (i === 0) throw new TypeError('Failed to fetch');
      return ok();
    });
    await expect(http.get('/users/me', {}, Thing)).resolves.toEqual({ resource: { name: 'Ada' } });
    expect(calls).toHaveLength(2);
  });

  it('times out a fetch that never answers (AbortController), retries, then reports timeout', async () => {
    const signals: AbortSignal[] = [];
    const f = fakeFetch(() => new Promise<Response>(() => {})); // never resolves, ignores the signal
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      signals.push(init!.signal!);
      return f.fetch(input, init);
    }) as typeof globalThis.fetch;
    const { http } = setup(ok, { fetch, timeoutMs: 5, maxRetries: 1 });
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info).toEqual({ kind: 'timeout', message: 'Calendly took too long to answer. Try again in a moment.' });
    expect(f.calls).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('stops retrying timeouts when the total budget (default 20 s) is spent: 2 attempts of a hung request, not 4', async () => {
    const clock = fakeClock();
    // Each attempt "takes" 15 s on the clock and never answers; the real timer (5 ms) stands in for 15 s.
    const f = fakeFetch(() => {
      clock.advance(15_000);
      return new Promise<Response>(() => {});
    });
    const http = createHttp({ getToken: async () => TOKEN, fetch: f.fetch, now: clock.now, sleep: clock.sleep, random: () => 0.5, timeoutMs: 5 });
    const info = await failure(http.get('/users/me', {}, Thing));
    expect(info.kind).toBe('timeout');
    expect(f.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([300]);
  });

  it('cuts an attempt short at the end of the total budget', async () => {
    const f = fakeFetch(() => new Promise<Response>(() => {}));
    const { http } = setup(ok, { fetch: f.fetch, timeoutMs: 60_000, totalTimeoutMs: 5 });
    const info = await failure(http.get('/users/me', {}, Thing)); // would wait 60 s without the budget
    expect(info.kind).toBe('timeout');
    expect(f.calls).toHaveLength(1);
  });

  it('a caller abort is rethrown as is and not retried', async () => {
    const controller = new AbortController();
    const f = fakeFetch(() => new Promise<Response>(() => {}));
    const { http } = setup(ok, { fetch: f.fetch, timeoutMs: 10_000 });
    const p = http.get('/users/me', {}, Thing, { signal: controller.signal });
    await vi.waitFor(() => expect(f.calls).toHaveLength(1));
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(f.calls).toHaveLength(1);
  });

  it('an already-aborted caller signal sends nothing', async () => {
    const { http, calls } = setup(ok);
    await expect(http.get('/users/me', {}, Thing, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(0);
  });
});

describe('http: rate-limit tracking', () => {
  const limited = (remaining: number, reset = 12) => () =>
    json({ resource: { name: 'Ada' } }, 200, { 'X-RateLimit-Limit': '500', 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(reset) });

  it('reports the latest headers', async () => {
    const { http, clock } = setup(limited(420, 30));
    expect(http.rateLimit()).toBeNull();
    await http.get('/users/me', {}, Thing);
    expect(http.rateLimit()).toEqual({ limit: 500, remaining: 420, resetAt: clock.now() + 30_000 });
  });

  it('does not wait while plenty remains', async () => {
    const { http, clock } = setup(limited(100));
    await http.get('/users/me', {}, Thing);
    await http.get('/users/me', {}, Thing);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits for the reset before the next request when Remaining is near zero (<= 2% of the limit)', async () => {
    const { http, clock, calls } = setup(limited(10, 12));
    await http.get('/users/me', {}, Thing);
    expect(clock.sleeps).toEqual([]);
    await http.get('/users/me', {}, Thing);
    expect(clock.sleeps).toEqual([12_000]);
    expect(calls).toHaveLength(2);
  });

  it('on a small limit, slows down at 2 remaining', async () => {
    const { http, clock } = setup(() =>
      json({ resource: { name: 'Ada' } }, 200, { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '2', 'X-RateLimit-Reset': '5' }),
    );
    await http.get('/users/me', {}, Thing);
    await http.get('/users/me', {}, Thing);
    expect(clock.sleeps).toEqual([5_000]);
  });

  it('does not wait when the reset time has already passed', async () => {
    const { http, clock } = setup(limited(0, 5));
    await http.get('/users/me', {}, Thing);
    clock.advance(6_000);
    await http.get('/users/me', {}, Thing);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('http.get: a 401 for a token that can be renewed (OAuth)', () => {
  const unauthorized = () => json(errorBody('Unauthenticated', 'The access token is invalid'), 401);

  it('asks once for a renewed token and repeats the request with it', async () => {
    const renewToken = vi.fn(async () => 'renewed-token');
    const { http, calls } = setup((_url, i) => (i === 0 ? unauthorized() : ok()), { renewToken });
    expect(await http.get('/users/me', {}, Thing)).toEqual({ resource: { name: 'Ada' } });
    expect(renewToken).toHaveBeenCalledWith(TOKEN);
    expect(calls.map((c) => c.headers.get('Authorization'))).toEqual([`Bearer ${TOKEN}`, 'Bearer renewed-token']);
  });

  it('gives up after one renewal: a second 401 is reported, not looped', async () => {
    const renewToken = vi.fn(async () => 'also-refused');
    const { http, calls } = setup(unauthorized, { renewToken });
    expect((await failure(http.get('/users/me', {}, Thing))).kind).toBe('unauthenticated');
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('does not repeat when nothing better is offered (a personal access token)', async () => {
    for (const renewToken of [vi.fn(async () => null), vi.fn(async () => TOKEN)]) {
      const { http, calls } = setup(unauthorized, { renewToken });
      expect((await failure(http.get('/users/me', {}, Thing))).kind).toBe('unauthenticated');
      expect(calls).toHaveLength(1);
    }
  });
});
