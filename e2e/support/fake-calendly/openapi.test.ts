// @vitest-environment node
/**
 * The fake Calendly cannot drift from Calendly: every response it sends here, for every endpoint the product
 * uses (success, every error it produces, each page of a paginated list, the seed's real shapes: null names,
 * `reserved` holds, `multi_pool`, an unnamed organization, an ad hoc event type), is validated against the
 * operation's response schema for that status in Calendly's published OpenAPI 3.1 spec
 * (../shared/reference/calendly-openapi-excerpt.json, JSON Schema draft 2020-12) with ajv.
 *
 * Two documented adjustments, both from the excerpt's "Surprises":
 * - 400/401/404/500 bodies: the published `title`/`message` enums are generator artifacts (a 404 "must" say
 *   "Internal Server Error"), so those two fields are checked as strings; everything else is as published.
 *   403 bodies keep their enums: they are how a client tells "Permission Denied" from "Insufficient scope".
 * - statuses no operation declares (429, 502…) are checked against the operation's 500 error object.
 * Without ../shared (a user's clone) the suite prints one skip line.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIns, type StandIns } from '../server';
import { standInFetch } from '../stand-in-fetch';
import { createFakeCalendly, type FakeCalendly } from './index';
import { HAS_OPENAPI, OPENAPI_PATH } from '../shared-material';

// Without ../shared (a user's clone) the unit tests' global setup names the missing file in its one skip line.
const spec = HAS_OPENAPI ? (JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Spec) : null;

type Schema = Record<string, unknown>;
interface Spec {
  paths: Record<string, { get: { responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }> } }>;
}

/** Path templates of the spec, most specific first, matched against a request path. */
const TEMPLATES: [RegExp, string][] = [
  [/^\/users\/me$/, '/users/me'],
  [/^\/users\/[^/]+$/, '/users/{uuid}'],
  [/^\/event_types$/, '/event_types'],
  [/^\/event_types\/[^/]+$/, '/event_types/{uuid}'],
  [/^\/event_type_available_times$/, '/event_type_available_times'],
  [/^\/organization_memberships$/, '/organization_memberships'],
  [/^\/organizations\/[^/]+$/, '/organizations/{uuid}'],
  [/^\/user_availability_schedules$/, '/user_availability_schedules'],
  [/^\/user_availability_schedules\/[^/]+$/, '/user_availability_schedules/{uuid}'],
  [/^\/user_busy_times$/, '/user_busy_times'],
];

function templateOf(path: string): string {
  const hit = TEMPLATES.find(([re]) => re.test(path));
  if (!hit) throw new Error(`no operation in the spec for ${path}`);
  return hit[1];
}

/** A copy of an error schema with `title`/`message` enums dropped (Surprise 12), at any depth. */
function withoutTextEnums(schema: Schema): Schema {
  const copy = structuredClone(schema);
  const walk = (s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    const props = o.properties as Record<string, Schema> | undefined;
    if (props) for (const key of ['title', 'message']) if (props[key]) delete props[key].enum;
    for (const v of Object.values(o)) walk(v);
  };
  walk(copy);
  return copy;
}

function createValidator(s: Spec) {
  // unicodeRegExp off: the spec's date pattern escapes '-' (`\\-`), valid in a plain ECMA-262 regex, not with /u.
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  const compiled = new Map<string, ValidateFunction>();
  /** The validator for `template`'s answer with `status`, and the status whose schema it uses. */
  function forResponse(template: string, status: number): { validate: ValidateFunction; schemaStatus: string } {
    const responses = s.paths[template]!.get.responses;
    const declared = responses[String(status)] ? String(status) : '500';
    const key = `${template} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const schema = responses[declared]!.content!['application/json']!.schema;
      validate = ajv.compile(status >= 400 && status !== 403 ? withoutTextEnums(schema) : schema);
      compiled.set(key, validate);
    }
    return { validate, schemaStatus: declared };
  }
  return {
    /** Problems of `body` as the answer of `path` with `status` (empty when it matches the spec). */
    check(path: string, status: number, body: unknown): string[] {
      const { validate } = forResponse(templateOf(path), status);
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    },
  };
}

const API = 'https://api.calendly.com';
const NOW = new Date('2026-12-07T12:00:00Z'); // a Monday

describe.skipIf(!spec)("the fake Calendly answers as Calendly's published OpenAPI spec says", () => {
  let fake: FakeCalendly;
  let standIns: StandIns;
  let fetch: typeof globalThis.fetch;
  let validator: ReturnType<typeof createValidator>;
  /** Every checked answer: `GET /template status`, for the coverage assertion. */
  const covered = new Set<string>();
  const problems: string[] = [];

  beforeAll(async () => {
    validator = createValidator(spec!);
    fake = createFakeCalendly({ now: NOW });
    fake.addToken('casey-token', { user: 'casey@example.com' });
    fake.addToken('sam-token', { user: 'sam@example.com' });
    fake.addToken('users-only', { scopes: ['users:read'] });
    standIns = await startStandIns({ fakeCalendly: fake });
    fetch = standInFetch(standIns.port);
  });
  afterAll(() => standIns?.close());

  /** GETs `pathAndQuery` from the fake, validates the answer, and returns status and body. */
  async function get(pathAndQuery: string, token: string | null = 'demo-token'): Promise<{ status: number; body: any }> {
    const res = await fetch(`${API}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body = JSON.parse(await res.text());
    const path = new URL(pathAndQuery, API).pathname;
    covered.add(`${templateOf(path)} ${res.status}`);
    for (const p of validator.check(path, res.status, body)) problems.push(`GET ${pathAndQuery} -> ${res.status}: ${p}`);
    return { status: res.status, body };
  }

  /** Follows `next_page` from `first`, validating every page; returns all items. */
  async function allPages(first: string, token = 'demo-token'): Promise<any[]> {
    const items: any[] = [];
    let next: string | null = first;
    while (next) {
      const { status, body } = await get(next, token);
      expect(status).toBe(200);
      items.push(...body.collection);
      const link: string | null = body.pagination.next_page;
      next = link ? link.slice(API.length) : null;
    }
    return items;
  }

  const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const range = (days: number, startIn = 60_000) => {
    const start = new Date(NOW.getTime() + startIn);
    return { start_time: start.toISOString(), end_time: new Date(start.getTime() + days * 86_400_000).toISOString() };
  };

  it('users, organizations and memberships', async () => {
    const avery = fake.defaultUser;
    const casey = fake.user('casey@example.com');
    expect((await get('/users/me')).status).toBe(200);
    expect((await get('/users/me', 'casey-token')).body.resource.current_organization).toBe(casey.current_organization);
    expect((await get(new URL(avery.uri).pathname)).status).toBe(200);
    expect((await get(new URL(casey.uri).pathname)).status).toBe(403); // not in Avery's organization
    expect((await get('/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/users/me', null)).status).toBe(401);
    expect((await get('/users/me', 'not-a-token')).status).toBe(401);

    expect((await get(new URL(avery.current_organization).pathname)).status).toBe(200);
    const unnamed = await get(new URL(casey.current_organization).pathname, 'casey-token');
    expect(unnamed.status).toBe(200);
    expect(unnamed.body.resource).not.toHaveProperty('name');
    expect((await get(new URL(avery.current_organization).pathname, 'casey-token')).status).toBe(403);
    expect((await get('/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const members = await allPages(`/organization_memberships?${q({ organization: avery.current_organization, count: '3' })}`);
    expect(members).toHaveLength(4); // two pages of 3 and 1
    expect((await get(`/organization_memberships?${q({ user: casey.uri })}`, 'casey-token')).status).toBe(200);
    expect((await get('/organization_memberships')).status).toBe(400);
    expect((await get(`/organization_memberships?${q({ organization: casey.current_organization })}`)).status).toBe(403);
    expect((await get(`/organization_memberships?${q({ organization: avery.current_organization, count: '500' })}`)).status).toBe(400);
  });

  it('event types, including a null-named one, a multi_pool one and an ad hoc one', async () => {
    const avery = fake.defaultUser;
    const casey = fake.user('casey@example.com');
    const own = await allPages(`/event_types?${q({ user: avery.uri, count: '1' })}`);
    expect(own.length).toBeGreaterThan(1);
    const caseys = await allPages(`/event_types?${q({ user: casey.uri })}`, 'casey-token');
    expect(caseys.map((e) => [e.name, e.type, e.pooling_type])).toEqual([
      [null, 'StandardEventType', null],
      ['Support Rotation', 'StandardEventType', 'multi_pool'],
      [null, 'AdhocEventType', null],
    ]);
    expect(caseys.every((e) => !('hosts' in e) && !('invitees_limit' in e))).toBe(true);
    expect((await get(`/event_types?${q({ organization: avery.current_organization, active: 'true' })}`)).status).toBe(200);
    expect((await get(`/event_types?${q({ user: avery.uri, sort: 'name:desc' })}`)).status).toBe(200);
    expect((await get('/event_types')).status).toBe(400);
    expect((await get(`/event_types?${q({ organization: avery.current_organization })}`, 'sam-token')).status).toBe(403);
    expect((await get(`/event_types?${q({ user: casey.uri })}`)).status).toBe(403);

    for (const [e, token] of [...own.map((x) => [x, 'demo-token'] as const), ...caseys.map((x) => [x, 'casey-token'] as const)]) {
      if (!e.active) continue;
      const r = await get(`/event_type_available_times?${q({ event_type: e.uri, ...range(7) })}`, token);
      expect(r.status).toBe(200);
    }
    const et = own[0].uri;
    expect((await get(`/event_type_available_times?${q({ event_type: et, ...range(40) })}`)).status).toBe(400);
    expect((await get(`/event_type_available_times?${q({ event_type: et, ...range(3, -3_600_000) })}`)).status).toBe(400);
    expect((await get(`/event_type_available_times?${q({ event_type: `${API}/event_types/nope`, ...range(3) })}`)).status).toBe(404);
    expect((await get(`/event_type_available_times?${q({ event_type: caseys[0].uri, ...range(3) })}`)).status).toBe(403);
  });

  it('availability schedules and busy times, including a reserved hold', async () => {
    const avery = fake.defaultUser;
    const casey = fake.user('casey@example.com');
    const schedules = await get(`/user_availability_schedules?${q({ user: avery.uri })}`);
    expect(schedules.status).toBe(200);
    expect((await get(`/user_availability_schedules?${q({ user: casey.uri })}`, 'casey-token')).status).toBe(200);
    expect((await get(`/user_availability_schedules?${q({ user: casey.uri })}`)).status).toBe(403);
    expect((await get('/user_availability_schedules')).status).toBe(400);
    const one = new URL(schedules.body.collection[0].uri).pathname;
    expect((await get(one)).status).toBe(200);
    expect((await get(one, 'casey-token')).status).toBe(403);
    expect((await get('/user_availability_schedules/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const busy = await get(`/user_busy_times?${q({ user: casey.uri, ...range(7) })}`, 'casey-token');
    expect(busy.status).toBe(200);
    const reserved = busy.body.collection.filter((b: { type: string }) => b.type === 'reserved');
    expect(reserved.length).toBeGreaterThan(0);
    expect(reserved.every((b: object) => Object.keys(b).sort().join() === 'end_time,start_time,type')).toBe(true);
    expect((await get(`/user_busy_times?${q({ user: avery.uri, ...range(7) })}`)).status).toBe(200);
    expect((await get(`/user_busy_times?${q({ user: avery.uri, ...range(8) })}`)).status).toBe(400);
    expect((await get(`/user_busy_times?${q({ user: casey.uri, ...range(7) })}`)).status).toBe(403);

    const fault = fake.fault({ path: '/user_busy_times', status: 424, times: 1 });
    expect((await get(`/user_busy_times?${q({ user: avery.uri, ...range(7) })}`)).status).toBe(424);
    expect(fault.hits).toBe(1);
    fake.fault({ path: '/user_busy_times', status: 500, times: 1 });
    expect((await get(`/user_busy_times?${q({ user: avery.uri, ...range(7) })}`)).status).toBe(500);
    fake.fault({ path: '/event_types', status: 503, times: 1 });
    expect((await get(`/event_types?${q({ user: avery.uri })}`)).status).toBe(503);
  });

  it('a token without a scope: 403 "Insufficient scope" with required_scopes, on every endpoint', async () => {
    const avery = fake.defaultUser;
    const schedule = (await get(`/user_availability_schedules?${q({ user: avery.uri })}`)).body.collection[0].uri as string;
    for (const path of [
      `/event_types?${q({ user: avery.uri })}`,
      `/event_type_available_times?${q({ event_type: `${API}/event_types/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c01`, ...range(3) })}`,
      `/organization_memberships?${q({ organization: avery.current_organization })}`,
      new URL(avery.current_organization).pathname,
      `/user_availability_schedules?${q({ user: avery.uri })}`,
      new URL(schedule).pathname,
      `/user_busy_times?${q({ user: avery.uri, ...range(3) })}`,
    ]) {
      const r = await get(path, 'users-only');
      expect(r.status).toBe(403);
      expect(r.body.title).toBe('Insufficient scope');
      expect(r.body.required_scopes).toHaveLength(1);
    }
  });

  it('a rate-limited answer (429, which no operation declares) has the error shape', async () => {
    fake.setRateLimit(1);
    try {
      await get('/users/me');
      expect((await get('/users/me')).status).toBe(429);
    } finally {
      fake.setRateLimit(500);
    }
  });

  it('every answer above matches the spec, and every endpoint the product uses was covered', () => {
    expect(problems).toEqual([]);
    const templates = new Set([...covered].map((c) => c.split(' ')[0]));
    for (const t of TEMPLATES.map(([, name]) => name).filter((n) => n !== '/event_types/{uuid}')) expect(templates).toContain(t);
    for (const status of ['200', '400', '401', '403', '404', '424', '429', '500', '503']) {
      expect([...covered].some((c) => c.endsWith(` ${status}`)), `a ${status} answer was checked`).toBe(true);
    }
    console.log(`[openapi] ${covered.size} operation/status pairs checked against ${relative(process.cwd(), OPENAPI_PATH)}`);
  });

  it('fails on a shape Calendly would not send', async () => {
    const avery = fake.defaultUser;
    const good = (await get(`/event_types?${q({ user: avery.uri })}`)).body;
    expect(validator.check('/event_types', 200, good)).toEqual([]);
    const noUrl = structuredClone(good);
    delete noUrl.collection[0].scheduling_url;
    expect(validator.check('/event_types', 200, noUrl).join('\n')).toContain("must have required property 'scheduling_url'");
    const numberName = structuredClone(good);
    numberName.collection[0].name = 42;
    expect(validator.check('/event_types', 200, numberName)).not.toEqual([]);
    // Issue 19: `locale` is required and an enum; a test may give an event type another language of the enum.
    const french = structuredClone(good);
    french.collection[0].locale = 'fr';
    expect(validator.check('/event_types', 200, french)).toEqual([]);
    const noLocale = structuredClone(good);
    delete noLocale.collection[0].locale;
    expect(validator.check('/event_types', 200, noLocale).join('\n')).toContain("must have required property 'locale'");
    const japanese = structuredClone(good);
    japanese.collection[0].locale = 'ja';
    expect(validator.check('/event_types', 200, japanese).join('\n')).toContain('allowed values');
    const noPagination = { collection: good.collection };
    expect(validator.check('/event_types', 200, noPagination).join('\n')).toContain('pagination');

    const tentative = { collection: [{ type: 'tentative', start_time: '2026-12-08T15:00:00.000000Z', end_time: '2026-12-08T16:00:00.000000Z' }] };
    expect(validator.check('/user_busy_times', 200, tentative).join('\n')).toContain('allowed values');
    const nullBuffer = { collection: [{ type: 'calendly', start_time: '2026-12-08T15:00:00Z', end_time: '2026-12-08T16:00:00Z', buffered_start_time: null }] };
    expect(validator.check('/user_busy_times', 200, nullBuffer)).not.toEqual([]);
    const noOrgFields = { resource: { uri: avery.current_organization, name: 'Quinn & Co' } };
    expect(validator.check('/organizations/{uuid}', 200, noOrgFields).join('\n')).toContain("'plan'");
    // The old fake's scope refusal: "Permission Denied" with a made-up message and details, neither 403 variant.
    const oldScope403 = { title: 'Permission Denied', message: 'This token does not have the required scope: users:read', details: [{ parameter: 'scope', message: 'x' }] };
    expect(validator.check('/users/me', 403, oldScope403)).not.toEqual([]);

    // And through the fake itself: a fault that sends a wrong body is caught.
    fake.fault({ path: '/users/me', status: 200, body: { resource: { uri: avery.uri, name: 'Avery' } }, times: 1 });
    const before = problems.length;
    await get('/users/me');
    expect(problems.length).toBeGreaterThan(before);
    problems.length = before; // deliberately wrong: not a finding about the fake
  });
});
