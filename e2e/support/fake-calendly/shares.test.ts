// @vitest-environment node
import { request } from 'node:https';
import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ShareSchema } from '../../../lib/calendly/shares';
import { makeCert } from '../certs';
import { startStandIns, type StandIns } from '../server';
import { createFakeCalendly, type FakeCalendly } from './index';

let fake: FakeCalendly;
let server: StandIns;

/** A real HTTPS request to the stand-in (JSON body for writes). */
function call(path: string, opts: { method?: string; body?: unknown; token?: string; host?: string } = {}) {
  return new Promise<{ status: number; json: any; text: string }>((resolve, reject) => {
    const host = opts.host ?? 'api.calendly.com';
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: opts.method ?? 'GET',
        servername: host,
        ca: makeCert().cert,
        headers: { host, authorization: `Bearer ${opts.token ?? 'demo-token'}`, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
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
          resolve({ status: res.statusCode ?? 0, json, text });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body ? JSON.stringify(opts.body) : undefined);
  });
}

// Monday 2026-11-23 and Tuesday 2026-11-24, Berlin; "now" is the Friday before.
const NOW = '2026-11-20T12:00:00Z';
const offer = (eventType: string) => ({
  event_type: eventType,
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
});

beforeAll(async () => {
  fake = createFakeCalendly({ now: NOW });
  server = await startStandIns({ fakeCalendly: fake });
});
afterAll(() => server.close());
beforeEach(() => {
  fake.shares.all.length = 0;
  fake.state.busyTimes.length = 0;
});

const eventTypeUri = () => fake.eventType('30 Minute Meeting').uri;

describe('fake Calendly shares', () => {
  it('creates a share as documented: 201, the resource valid for the client schema, the rules kept', async () => {
    const r = await call('/shares', { method: 'POST', body: offer(eventTypeUri()) });
    expect(r.status).toBe(201);
    const share = v.parse(ShareSchema, r.json.resource);
    expect(share.status).toBe('active');
    expect(share.share_override.availability_rule).toEqual(offer(eventTypeUri()).availability_rule);
    expect(share.share_override.period_type).toBe('fixed');
    expect(share.scheduling_links[0]!.booking_url).toMatch(/^https:\/\/calendly\.com\/d\/[\w-]+\/[\w-]+$/);
    expect(share.scheduling_links[0]!.owner).toBe(eventTypeUri());
  });

  it('refuses a group or pooled event type, bad rules, and fixed periods without dates', async () => {
    const et = fake.eventType('Intro Call');
    et.kind = 'group';
    try {
      const r = await call('/shares', { method: 'POST', body: offer(et.uri) });
      expect(r.status).toBe(400);
      expect(r.json.details).toEqual([{ parameter: 'event_type', message: 'must be a one-on-one event type' }]);
    } finally {
      et.kind = 'solo';
    }
    const noDates = { ...offer(eventTypeUri()), start_date: undefined };
    expect((await call('/shares', { method: 'POST', body: noDates })).json.details[0].parameter).toBe('start_date');
    const badRule = offer(eventTypeUri());
    badRule.availability_rule.rules[0]!.intervals[0] = { from: '10:00', to: '09:00' };
    expect((await call('/shares', { method: 'POST', body: badRule })).json.details[0].parameter).toBe('availability_rule');
    expect(fake.shares.all).toHaveLength(0);
  });

  it('answers 403 Insufficient scope with required_scopes when the token lacks shares:write / shares:read', async () => {
    fake.addToken('read-only', { scopes: ['users:read', 'event_types:read'] });
    const w = await call('/shares', { method: 'POST', body: offer(eventTypeUri()), token: 'read-only' });
    expect(w.status).toBe(403);
    expect(w.json).toMatchObject({ title: 'Insufficient scope', required_scopes: ['shares:write'] });
    const r = await call(`/shares?user=${encodeURIComponent(fake.defaultUser.uri)}`, { token: 'read-only' });
    expect(r.json.required_scopes).toEqual(['shares:read']);
  });

  it('lists the caller\'s shares newest first, only for the caller', async () => {
    await call('/shares', { method: 'POST', body: offer(eventTypeUri()) });
    fake.advance(60_000);
    await call('/shares', { method: 'POST', body: offer(eventTypeUri()) });
    const r = await call(`/shares?user=${encodeURIComponent(fake.defaultUser.uri)}`);
    expect(r.status).toBe(200);
    const list = v.parse(v.array(ShareSchema), r.json.collection);
    expect(list).toHaveLength(2);
    expect(list[0]!.created_at > list[1]!.created_at).toBe(true);
    const other = [...fake.state.users.values()][1]!.uri;
    expect((await call(`/shares?user=${encodeURIComponent(other)}`)).status).toBe(403);
  });

  it('booking one time turns the share booked, its page unavailable, and the time busy; a booked share cannot be deleted', async () => {
    const share = (await call('/shares', { method: 'POST', body: offer(eventTypeUri()) })).json.resource;
    const path = new URL(share.scheduling_links[0].booking_url).pathname;
    const before = await call(`${path}?month=2026-11&date=2026-11-23`, { host: 'calendly.com' });
    expect(before.status).toBe(200);
    expect(before.text).toContain('data-start="2026-11-23T08:00:00.000Z"');
    expect(before.text).not.toContain('2026-11-24T09:00:00.000Z'); // another date than ?date=

    fake.shares.book(share.uri, new Date('2026-11-23T13:00:00Z'));
    const list = await call(`/shares?user=${encodeURIComponent(fake.defaultUser.uri)}`);
    expect(list.json.collection[0].status).toBe('booked');
    const after = await call(`${path}?month=2026-11&date=2026-11-24`, { host: 'calendly.com' });
    expect(after.status).toBe(404);
    expect(after.text).toContain('no longer available');
    expect(fake.state.busyTimes.map((b) => b.start_time)).toEqual(['2026-11-23T13:00:00.000000Z']);
    expect(() => fake.shares.book(share.uri, new Date('2026-11-24T09:00:00Z'))).toThrow(/booked/);

    const del = await call(`/shares/${share.uri.split('/').pop()}`, { method: 'DELETE' });
    expect(del.status).toBe(400);
  });

  it('deletes an unbooked share (204); its page is then unavailable and it leaves the list', async () => {
    const share = (await call('/shares', { method: 'POST', body: offer(eventTypeUri()) })).json.resource;
    const del = await call(`/shares/${share.uri.split('/').pop()}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const page = await call(new URL(share.scheduling_links[0].booking_url).pathname, { host: 'calendly.com' });
    expect(page.text).toContain('no longer available');
    expect((await call(`/shares?user=${encodeURIComponent(fake.defaultUser.uri)}`)).json.collection).toHaveLength(0);
  });

  it('marks a share expired once its fixed period is over', async () => {
    await call('/shares', { method: 'POST', body: offer(eventTypeUri()) });
    fake.advance(5 * 86_400_000);
    try {
      const r = await call(`/shares?user=${encodeURIComponent(fake.defaultUser.uri)}`);
      expect(r.json.collection[0].status).toBe('expired');
    } finally {
      fake.setNow(NOW);
    }
  });
});
