// @vitest-environment node
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCert } from '../certs';
import { startStandIns, type StandIns } from '../server';
import { createFakeCalendly, tokenFingerprint, type FakeCalendly } from './index';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

let fake: FakeCalendly;
let server: StandIns;

/** A real HTTPS request to the stand-in, verified against the test certificate for `host`. */
function call(
  path: string,
  opts: { token?: string | null; host?: string; method?: string; body?: string; port?: number; timeoutMs?: number } = {},
): Promise<Reply> {
  const host = opts.host ?? 'api.calendly.com';
  const token = opts.token === undefined ? 'demo-token' : opts.token;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: opts.port ?? server.port,
        path,
        method: opts.method ?? 'GET',
        servername: host,
        ca: makeCert().cert,
        headers: {
          host,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(opts.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('timed out')));
    req.end(opts.body);
  });
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const NOW = new Date('2026-11-25T14:00:00Z'); // Wednesday 09:00 in New York
const thirty = () => fake.eventType('30 Minute Meeting').uri;

beforeAll(async () => {
  fake = createFakeCalendly();
  server = await startStandIns({ fakeCalendly: fake });
});
afterAll(() => server.close());
beforeEach(() => {
  fake.setNow(NOW);
  fake.clearFaults();
  fake.resetRateLimit();
  fake.setRateLimit(500);
  fake.setRangeLimitDays(31);
  fake.resetLog();
});

describe('auth', () => {
  it.each([[null], ['nope']])('answers 401 JSON for token %s', async (token) => {
    const r = await call('/users/me', { token });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ title: 'Unauthenticated', message: 'The access token is invalid' });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves /users/me for the default token, and 401 once revoked', async () => {
    const r = await call('/users/me');
    expect(r.status).toBe(200);
    expect(r.json.resource).toMatchObject({ name: 'Avery Quinn', email: 'avery@example.com', timezone: 'America/New_York' });
    expect(r.json.resource.uri).toMatch(/^https:\/\/api\.calendly\.com\/users\/[0-9a-f-]{36}$/);
    fake.addToken('temp');
    fake.revokeToken('temp');
    expect((await call('/users/me', { token: 'temp' })).status).toBe(401);
  });

  it('logs requests with a token fingerprint, never the token', async () => {
    await call('/users/me');
    const [entry] = fake.requests;
    expect(entry).toMatchObject({ method: 'GET', path: '/users/me', authorization: true, status: 200 });
    expect(entry!.tokenFingerprint).toBe(tokenFingerprint('demo-token'));
    expect(JSON.stringify(fake.requests)).not.toContain('demo-token');
  });

  it('names the organization to its members, and needs organizations:read', async () => {
    const org = fake.defaultUser.current_organization;
    const r = await call(new URL(org).pathname);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      resource: { uri: org, kind: 'multiple', name: 'Quinn & Co', plan: 'teams', stage: 'paid', created_at: '2024-02-12T15:04:05.123456Z', updated_at: '2026-06-01T12:00:00.000000Z' },
    });
    // Casey Morgan's organization has no name: Calendly's `name` is optional.
    fake.addToken('casey', { user: 'casey@example.com' });
    const casey = fake.user('casey@example.com');
    const unnamed = await call(new URL(casey.current_organization).pathname, { token: 'casey' });
    expect(unnamed.status).toBe(200);
    expect(unnamed.json.resource).not.toHaveProperty('name');
    expect((await call(new URL(org).pathname, { token: 'casey' })).status).toBe(403); // not a member of Quinn & Co
    expect((await call('/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    fake.addToken('no-org', { scopes: ['users:read'] });
    expect((await call(new URL(org).pathname, { token: 'no-org' })).status).toBe(403);
  });

  it('403s with the missing scope named', async () => {
    fake.addToken('scoped', { scopes: ['users:read', 'event_types:read'] });
    expect((await call('/users/me', { token: 'scoped' })).status).toBe(200);
    const r = await call(`/user_availability_schedules?${q({ user: fake.defaultUser.uri })}`, { token: 'scoped' });
    expect(r.status).toBe(403);
    // Calendly's published InsufficientScopeError: the scopes are in `required_scopes`, there are no details.
    expect(r.json).toEqual({
      title: 'Insufficient scope',
      message: "This operation requires the scopes listed in the 'required_scopes' array.",
      required_scopes: ['availability:read'],
    });
  });

  it('rejects organization scope for a plain member', async () => {
    fake.addToken('sam', { user: 'sam@example.com' });
    const r = await call(`/event_types?${q({ organization: fake.organization.uri })}`, { token: 'sam' });
    expect(r.status).toBe(403);
    expect((await call(`/event_types?${q({ organization: fake.organization.uri })}`)).status).toBe(200);
  });
});

describe('event types', () => {
  it('requires user or organization', async () => {
    const r = await call('/event_types');
    expect(r.status).toBe(400);
    expect(r.json.title).toBe('Invalid Argument');
    expect(r.json.details.length).toBeGreaterThan(0);
  });

  it('filters active ones', async () => {
    const r = await call(`/event_types?${q({ user: fake.defaultUser.uri, active: 'true' })}`);
    expect(r.json.collection.map((e: { name: string }) => e.name)).toEqual(['30 Minute Meeting', 'Intro Call']);
  });

  it('serves every event type with its booking page language, which a test may change (issue 19)', async () => {
    const all = await call(`/event_types?${q({ user: fake.defaultUser.uri })}`);
    expect(all.json.collection.map((e: { locale: string }) => e.locale)).toEqual(all.json.collection.map(() => 'en'));
    fake.eventType('30min').locale = 'fr';
    try {
      const r = await call(`/event_types?${q({ user: fake.defaultUser.uri })}`);
      expect(r.json.collection.find((e: { slug: string }) => e.slug === '30min').locale).toBe('fr');
    } finally {
      fake.eventType('30min').locale = 'en';
    }
  });

  it('paginates with page tokens and full next_page URLs', async () => {
    const first = await call(`/event_types?${q({ user: fake.defaultUser.uri, count: '2' })}`);
    expect(first.json.collection).toHaveLength(2);
    const next: string = first.json.pagination.next_page;
    expect(next).toMatch(/^https:\/\/api\.calendly\.com\/event_types\?/);
    expect(new URL(next).searchParams.get('page_token')).toBe(first.json.pagination.next_page_token);
    const u = new URL(next);
    const second = await call(u.pathname + u.search);
    expect(second.json.collection.map((e: { name: string }) => e.name)).toEqual(['Legacy Consultation']);
    expect(second.json.pagination).toMatchObject({ next_page: null, next_page_token: null });
    expect(second.json.pagination.previous_page_token).toBeTruthy();
    expect((await call(`/event_types?${q({ user: fake.defaultUser.uri, count: '101' })}`)).status).toBe(400);
  });

  it('paginates a generated 300-member organization', async () => {
    const big = createFakeCalendly({ orgMembers: 300, now: NOW });
    const bigServer = await startStandIns({ fakeCalendly: big });
    try {
      const seen: string[] = [];
      let path: string | null = `/organization_memberships?${q({ organization: big.organization.uri, count: '100' })}`;
      while (path) {
        const r = await call(path, { port: bigServer.port });
        seen.push(...r.json.collection.map((m: { user: { email: string } }) => m.user.email));
        const next: string | null = r.json.pagination.next_page;
        path = next ? new URL(next).pathname + new URL(next).search : null;
      }
      expect(seen).toHaveLength(300);
      expect(new Set(seen).size).toBe(300);
      expect(big.state.schedules.filter((s) => big.state.users.get(s.user)?.current_organization === big.organization.uri)).toHaveLength(300);
    } finally {
      await bigServer.close();
    }
  });
});

describe('available times', () => {
  const times = (params: Record<string, string>) => call(`/event_type_available_times?${q({ event_type: thirty(), ...params })}`);

  it('returns microsecond slots inside working hours, minus busy times, with booking links', async () => {
    const r = await times({ start_time: '2026-11-26T14:00:00Z', end_time: '2026-11-27T05:00:00Z' });
    expect(r.status).toBe(200);
    const starts = r.json.collection.map((s: { start_time: string }) => s.start_time);
    // Thursday 2026-11-26, New York (UTC-5): 09:00-12:00, 13:00-17:00, busy 14:00-15:30 (external).
    expect(starts[0]).toBe('2026-11-26T14:00:00.000000Z');
    expect(starts).toContain('2026-11-26T15:00:00.000000Z');
    expect(starts).not.toContain('2026-11-26T17:00:00.000000Z'); // lunch
    expect(starts).not.toContain('2026-11-26T19:00:00.000000Z'); // busy
    expect(starts.at(-1)).toBe('2026-11-26T21:30:00.000000Z');
    expect(starts).toHaveLength(6 + 5);
    expect(r.json.collection[2]).toEqual({
      status: 'available',
      invitees_remaining: 1,
      start_time: '2026-11-26T15:00:00.000000Z',
      scheduling_url: 'https://calendly.com/avery-quinn/30min/2026-11-26T15:00:00Z?month=2026-11&date=2026-11-26',
    });
  });

  it('rejects a start in the past by the fake clock', async () => {
    const r = await times({ start_time: '2026-11-25T13:00:00Z', end_time: '2026-11-26T13:00:00Z' });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      title: 'Invalid Argument',
      message: 'The supplied parameters are invalid.',
      details: [{ parameter: 'start_time', message: 'must be in the future' }],
    });
    fake.setNow('2026-11-20T00:00:00Z');
    expect((await times({ start_time: '2026-11-25T13:00:00Z', end_time: '2026-11-26T13:00:00Z' })).status).toBe(200);
  });

  it('allows 31 days, and only 7 with the old limit', async () => {
    const start = '2026-11-26T00:00:00Z';
    expect((await times({ start_time: start, end_time: '2026-12-27T00:00:00Z' })).status).toBe(200);
    const tooLong = await times({ start_time: start, end_time: '2026-12-27T00:00:01Z' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.details).toEqual([{ parameter: 'end_time', message: 'must be within 31 days of start_time' }]);
    fake.setRangeLimitDays(7);
    const old = await times({ start_time: start, end_time: '2026-12-04T00:00:00Z' });
    expect(old.json.details).toEqual([{ parameter: 'end_time', message: 'must be within 7 days of start_time' }]);
    expect((await times({ start_time: start, end_time: '2026-12-03T00:00:00Z' })).status).toBe(200);
  });

  it('requires end after start, and 404s for unknown event types', async () => {
    const r = await times({ start_time: '2026-11-27T00:00:00Z', end_time: '2026-11-26T00:00:00Z' });
    expect(r.json.details).toEqual([{ parameter: 'end_time', message: 'must be after start_time' }]);
    const unknown = await call(
      `/event_type_available_times?${q({ event_type: 'https://api.calendly.com/event_types/0000', start_time: '2026-11-26T00:00:00Z', end_time: '2026-11-27T00:00:00Z' })}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ title: 'Resource Not Found', message: 'The server could not find the requested resource.' });
  });

  it('honours availability overrides', async () => {
    const range = { start_time: '2026-11-26T00:00:00Z', end_time: '2026-11-28T00:00:00Z' };
    fake.setAvailability(thirty(), 'none');
    expect((await times(range)).json.collection).toEqual([]);
    fake.setAvailability(thirty(), [new Date('2026-11-27T16:00:00Z')]);
    expect((await times(range)).json.collection.map((s: { start_time: string }) => s.start_time)).toEqual([
      '2026-11-27T16:00:00.000000Z',
    ]);
    fake.setAvailability(thirty(), null);
  });
});

describe('busy times and schedules', () => {
  it('lists busy times with a 7-day limit', async () => {
    const user = fake.defaultUser.uri;
    const r = await call(`/user_busy_times?${q({ user, start_time: '2026-11-26T00:00:00Z', end_time: '2026-12-03T00:00:00Z' })}`);
    expect(r.status).toBe(200);
    expect(r.json.collection.map((b: { type: string }) => b.type)).toEqual(['external', 'calendly', 'external', 'calendly']);
    const long = await call(`/user_busy_times?${q({ user, start_time: '2026-11-26T00:00:00Z', end_time: '2026-12-03T00:00:01Z' })}`);
    expect(long.json.details).toEqual([{ parameter: 'end_time', message: 'must be within 7 days of start_time' }]);
  });

  it('returns the availability schedule with rules and a date override', async () => {
    const r = await call(`/user_availability_schedules?${q({ user: fake.defaultUser.uri })}`);
    const [schedule] = r.json.collection;
    expect(schedule).toMatchObject({ default: true, timezone: 'America/New_York' });
    expect(schedule.rules.find((x: { wday?: string }) => x.wday === 'monday').intervals).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(schedule.rules.some((x: { type: string }) => x.type === 'date')).toBe(true);
  });
});

describe('rate limits and faults', () => {
  it('sends rate-limit headers on every response and 429s over the limit', async () => {
    fake.setRateLimit(3);
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await call('/users/me'));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(replies.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    expect(replies[0]!.headers['x-ratelimit-limit']).toBe('3');
    expect(Number(replies[3]!.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    expect(replies[3]!.json.title).toBe('Too Many Requests');
    fake.advance(60_000);
    expect((await call('/users/me')).status).toBe(200);
    expect((await call('/nope')).headers['x-ratelimit-limit']).toBe('3');
  });

  it('injects a status for the next N requests on a path', async () => {
    const f = fake.fault({ status: 500, times: 1, path: '/users/me' });
    const first = await call('/users/me');
    expect(first.status).toBe(500);
    expect(first.json.title).toBe('Internal Server Error');
    expect((await call('/users/me')).status).toBe(200);
    expect(f.hits).toBe(1);
    fake.fault({ status: 429, resetSeconds: 7, times: 1 });
    const limited = await call('/users/me');
    expect([limited.status, limited.headers['x-ratelimit-remaining'], limited.headers['x-ratelimit-reset']]).toEqual([429, '0', '7']);
  });

  it('sends malformed JSON with a 200', async () => {
    fake.fault({ malformed: true, times: 1 });
    const r = await call('/users/me');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.text).toBe('{"collection": [');
    expect(r.json).toBeUndefined();
  });

  it('drops the connection, hangs, and delays', async () => {
    fake.fault({ dropConnection: true, times: 1 });
    await expect(call('/users/me')).rejects.toThrow();
    fake.fault({ hang: true, times: 1, path: '/event_types' });
    await expect(call('/event_types', { timeoutMs: 300 })).rejects.toThrow('timed out');
    fake.fault({ delayMs: 150, times: 1 });
    const t = Date.now();
    expect((await call('/users/me')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('404s unknown paths with JSON', async () => {
    const r = await call('/scheduled_events_nope');
    expect(r.status).toBe(404);
    expect(r.json.title).toBe('Resource Not Found');
  });
});

describe('OAuth stand-in', () => {
  const verifier = 'v'.repeat(64);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = 'https://abcdefghijklmnop.chromiumapp.org/';
  const auth = (path: string, body?: string) =>
    call(path, { host: 'auth.calendly.com', token: null, method: body ? 'POST' : 'GET', body });

  async function authorize(): Promise<string> {
    const r = await auth(
      `/oauth/authorize?${q({ client_id: 'cid', response_type: 'code', redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz' })}`,
    );
    expect(r.status).toBe(302);
    const back = new URL(String(r.headers.location));
    expect(back.origin + back.pathname).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('xyz');
    return back.searchParams.get('code')!;
  }

  it('exchanges a code with the PKCE verifier, refreshes once per refresh token, expires access tokens', async () => {
    const bad = await auth('/oauth/token', q({ grant_type: 'authorization_code', code: await authorize(), redirect_uri: redirect, code_verifier: 'wrong' }));
    expect([bad.status, bad.json.error]).toEqual([400, 'invalid_grant']);

    const code = await authorize();
    const ok = await auth('/oauth/token', q({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier }));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: 'Bearer', expires_in: 7200, owner: fake.defaultUser.uri });
    expect((await call('/users/me', { token: ok.json.access_token })).status).toBe(200);

    const refresh = q({ grant_type: 'refresh_token', refresh_token: ok.json.refresh_token });
    const rotated = await auth('/oauth/token', refresh);
    expect(rotated.status).toBe(200);
    expect(rotated.json.refresh_token).not.toBe(ok.json.refresh_token);
    const reused = await auth('/oauth/token', refresh);
    expect([reused.status, reused.json.error]).toEqual([400, 'invalid_grant']);

    fake.advance(7200 * 1000);
    const expired = await call('/users/me', { token: rotated.json.access_token });
    expect(expired.status).toBe(401);
    expect(expired.json.title).toBe('Unauthenticated');
  });

  it('refuses authorize requests without S256 PKCE', async () => {
    const r = await auth(`/oauth/authorize?${q({ client_id: 'cid', response_type: 'code', redirect_uri: redirect, state: 's' })}`);
    expect(new URL(String(r.headers.location)).searchParams.get('error')).toBe('invalid_request');
  });
});
