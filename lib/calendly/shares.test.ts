import { describe, expect, it } from 'vitest';
import { createCalendlyApi } from './api';
import { shareUuid, type CreateShareRequest } from './shares';
import { errorBody, failure, fakeClock, fakeFetch, json, type Route } from './testing';

const BASE = 'https://api.calendly.com';
const USER = `${BASE}/users/U1`;
const ET = `${BASE}/event_types/E1`;
const SHARE = `${BASE}/shares/S1`;

function setup(route: Route) {
  const clock = fakeClock('2026-11-20T12:00:00Z');
  const f = fakeFetch(route);
  const api = createCalendlyApi({ getToken: async () => 'tok', fetch: f.fetch, now: clock.now, sleep: clock.sleep, random: () => 0.5 });
  return { shares: api.shares, calls: f.calls };
}

const request: CreateShareRequest = {
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
};

/** Calendly's pagination object (every field present, as published). */
const page = (next: string | null) => ({ count: 2, next_page: next, previous_page: null, next_page_token: next ? 'p2' : null, previous_page_token: null });

const share = (over: Record<string, unknown> = {}) => ({
  uri: SHARE,
  created_at: '2026-11-20T12:00:00.000000Z',
  status: 'active',
  contact: null,
  scheduling_links: [{ booking_url: 'https://calendly.com/d/abc-def-ghi/30-minute-meeting', owner: ET, owner_type: 'EventType' }],
  share_override: { name: '30 Minute Meeting', duration: 30, period_type: 'fixed', start_date: '2026-11-23', end_date: '2026-11-24', availability_rule: request.availability_rule, hide_location: false, location_configurations: [] },
  ...over,
});

describe('shares client', () => {
  it('creates a share with one JSON POST and returns the resource', async () => {
    const { shares, calls } = setup(() => json({ resource: share() }, 201));
    const created = await shares.create(request);
    expect(created.scheduling_links[0]!.booking_url).toBe('https://calendly.com/d/abc-def-ghi/30-minute-meeting');
    expect(created.status).toBe('active');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.url.href).toBe(`${BASE}/shares`);
    expect(calls[0]!.headers.get('Content-Type')).toBe('application/json');
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer tok');
    expect(JSON.parse(calls[0]!.body!)).toEqual(request);
  });

  it('never sends a POST twice after a server fault (it may have created the share)', async () => {
    const { shares, calls } = setup(() => json(errorBody('Internal Server Error', 'boom'), 500));
    const info = await failure(shares.create(request));
    expect(info.kind).toBe('server');
    expect(calls).toHaveLength(1);
  });

  it('waits and repeats a POST answered 429 (Calendly did not carry it out)', async () => {
    const { shares, calls } = setup((_u, i) =>
      i === 0 ? json(errorBody('Too Many Requests', 'slow down'), 429, { 'X-RateLimit-Reset': '2' }) : json({ resource: share() }, 201),
    );
    await shares.create(request);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']);
  });

  it('names shares:write when the token lacks it (403 with required_scopes)', async () => {
    const { shares } = setup(() =>
      json({ title: 'Insufficient scope', message: "This operation requires the scopes listed in the 'required_scopes' array.", required_scopes: ['shares:write'] }, 403),
    );
    const info = await failure(shares.create(request));
    expect(info.kind).toBe('forbidden');
    expect(info.scope).toBe('shares:write');
    expect(info.message).toContain('shares:write');
  });

  it('names shares:read for a list refused for its scope', async () => {
    const { shares } = setup(() =>
      json({ title: 'Insufficient scope', message: "This operation requires the scopes listed in the 'required_scopes' array.", required_scopes: ['shares:read'] }, 403),
    );
    expect((await failure(shares.list(USER))).scope).toBe('shares:read');
  });

  it('reports a 400 (e.g. a group event type) with Calendly\'s own details', async () => {
    const { shares } = setup(() =>
      json(errorBody('Invalid Argument', 'The supplied parameters are invalid.', [{ parameter: 'event_type', message: 'must be a one-on-one event type' }]), 400),
    );
    const info = await failure(shares.create(request));
    expect(info.kind).toBe('invalid_request');
    expect(info.message).toContain('event_type must be a one-on-one event type');
  });

  it('rejects a create answer without a booking link list as malformed', async () => {
    const { shares } = setup(() => json({ resource: { ...share(), scheduling_links: undefined } }, 201));
    expect((await failure(shares.create(request))).kind).toBe('malformed');
  });

  it('lists the user\'s shares across pages, up to the limit', async () => {
    const { shares, calls } = setup((url) =>
      url.searchParams.get('page_token')
        ? json({ collection: [share({ uri: `${BASE}/shares/S3`, status: 'expired' })], pagination: page(null) })
        : json({
            collection: [share(), share({ uri: `${BASE}/shares/S2`, status: 'booked' })],
            pagination: page(`${BASE}/shares?user=${encodeURIComponent(USER)}&count=100&page_token=p2`),
          }),
    );
    const list = await shares.list(USER);
    expect(list.map((s) => [s.uri, s.status])).toEqual([
      [SHARE, 'active'],
      [`${BASE}/shares/S2`, 'booked'],
      [`${BASE}/shares/S3`, 'expired'],
    ]);
    expect(calls[0]!.url.searchParams.get('user')).toBe(USER);
    expect(calls).toHaveLength(2);
  });

  it('shows an unknown future status as expired instead of failing the list', async () => {
    const { shares } = setup(() => json({ collection: [share({ status: 'archived' })], pagination: page(null) }));
    expect((await shares.list(USER))[0]!.status).toBe('expired');
  });

  it('deletes by uuid with DELETE and accepts 204 without a body', async () => {
    const { shares, calls } = setup(() => new Response(null, { status: 204 }));
    await shares.remove(SHARE);
    expect(calls[0]!.method).toBe('DELETE');
    expect(calls[0]!.url.href).toBe(`${BASE}/shares/S1`);
  });

  it('reports Calendly refusing to delete a booked share', async () => {
    const { shares } = setup(() =>
      json(errorBody('Invalid Argument', 'The supplied parameters are invalid.', [{ parameter: 'share', message: 'is booked and cannot be deleted' }]), 400),
    );
    const info = await failure(shares.remove(SHARE));
    expect(info.kind).toBe('invalid_request');
    expect(info.message).toContain('booked');
  });

  it('refuses to delete anything that is not a share URI on the API (no request)', async () => {
    const { shares, calls } = setup(() => new Response(null, { status: 204 }));
    expect((await failure(shares.remove('https://evil.example/shares/S1'))).kind).toBe('malformed');
    expect((await failure(shares.remove(`${BASE}/event_types/E1`))).kind).toBe('malformed');
    expect(calls).toHaveLength(0);
    expect(shareUuid(SHARE)).toBe('S1');
  });
});
