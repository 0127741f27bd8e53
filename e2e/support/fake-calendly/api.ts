/** The `api.calendly.com` endpoints Open Slots reads, with Calendly's validation rules and error bodies. */
import { availableTime, busyBlocks, defaultSchedule, fullyBookedBlocks, slotStarts } from './availability';
import { ApiError, invalid, paginate, standardError } from './http';
import type { FakeCalendlyState, MembershipRecord, UserRecord } from './model';
import { parseInstant } from './time';

const API = 'https://api.calendly.com';
const DAY = 86_400_000;

/** What a route gets: the request URL, the authenticated user's URI, and the fake clock. */
export interface RouteContext {
  url: URL;
  user: string;
  now: number;
}

interface Route {
  pattern: RegExp;
  /** OAuth scope needed (`:write` of the same resource also satisfies it). */
  scope: string;
  handler: (state: FakeCalendlyState, ctx: RouteContext, match: RegExpExecArray) => unknown;
}

function user(state: FakeCalendlyState, uri: string): UserRecord {
  const u = state.users.get(uri);
  if (!u) throw standardError(404);
  return u;
}

function membershipOf(state: FakeCalendlyState, userUri: string): MembershipRecord | undefined {
  return state.memberships.find((m) => m.user === userUri && m.organization === state.organization.uri);
}

const isAdmin = (state: FakeCalendlyState, userUri: string) =>
  ['admin', 'owner'].includes(membershipOf(state, userUri)?.role ?? '');

/** A user may read their own data; admins and owners may read their organization members' data. */
function assertMayRead(state: FakeCalendlyState, ctx: RouteContext, target: string): void {
  if (target === ctx.user) return;
  if (!state.users.has(target)) throw standardError(404);
  if (isAdmin(state, ctx.user) && membershipOf(state, target)) return;
  throw standardError(403);
}

function required(url: URL, name: string): string {
  const v = url.searchParams.get(name);
  if (!v) throw invalid({ parameter: name, message: 'is required' });
  return v;
}

/** Validates a start/end pair: both ISO instants, start not in the past, end after start, range limit. */
function timeRange(url: URL, now: number, limitDays: number): { from: number; to: number } {
  const details: Array<{ parameter: string; message: string }> = [];
  const from = parseInstant(url.searchParams.get('start_time'));
  const to = parseInstant(url.searchParams.get('end_time'));
  if (from === null) details.push({ parameter: 'start_time', message: url.searchParams.get('start_time') ? 'must be a valid ISO 8601 date-time' : 'is required' });
  if (to === null) details.push({ parameter: 'end_time', message: url.searchParams.get('end_time') ? 'must be a valid ISO 8601 date-time' : 'is required' });
  if (from !== null && from < now) details.push({ parameter: 'start_time', message: 'must be in the future' });
  if (from !== null && to !== null) {
    if (to <= from) details.push({ parameter: 'end_time', message: 'must be after start_time' });
    else if (to - from > limitDays * DAY) details.push({ parameter: 'end_time', message: `must be within ${limitDays} days of start_time` });
  }
  if (details.length) throw invalid(...details);
  return { from: from!, to: to! };
}

const expandMembership = (state: FakeCalendlyState, m: MembershipRecord) => {
  const { current_organization: _o, resource_type: _r, locale: _l, ...u } = user(state, m.user);
  return { ...m, user: u };
};

const ROUTES: Route[] = [
  {
    pattern: /^\/users\/me$/,
    scope: 'users:read',
    handler: (state, ctx) => ({ resource: user(state, ctx.user) }),
  },
  {
    pattern: /^\/users\/([\w-]+)$/,
    scope: 'users:read',
    handler: (state, ctx, m) => {
      const target = `${API}/users/${m[1]}`;
      const u = user(state, target);
      if (target !== ctx.user && !membershipOf(state, target)) throw standardError(403);
      return { resource: u };
    },
  },
  {
    pattern: /^\/event_types$/,
    scope: 'event_types:read',
    handler: (state, ctx) => {
      const { url } = ctx;
      const byUser = url.searchParams.get('user');
      const byOrg = url.searchParams.get('organization');
      if (!byUser && !byOrg) {
        throw invalid(
          { parameter: 'user', message: 'user or organization is required' },
          { parameter: 'organization', message: 'user or organization is required' },
        );
      }
      if (byOrg) {
        if (byOrg !== state.organization.uri || !isAdmin(state, ctx.user)) throw standardError(403);
      }
      if (byUser) assertMayRead(state, ctx, byUser);
      let items = state.eventTypes.filter((e) => !e.deleted_at);
      if (byUser) items = items.filter((e) => e.profile.owner === byUser);
      if (byOrg) items = items.filter((e) => membershipOf(state, e.profile.owner));
      const active = url.searchParams.get('active');
      if (active === 'true' || active === 'false') items = items.filter((e) => e.active === (active === 'true'));
      const sort = url.searchParams.get('sort');
      if (sort) {
        const [field, dir] = sort.split(':');
        if (field !== 'name' && field !== 'created_at' && field !== 'position') throw invalid({ parameter: 'sort', message: 'is invalid' });
        if (field !== 'position') {
          items = [...items].sort((a, b) => String(a[field]).localeCompare(String(b[field])) * (dir === 'desc' ? -1 : 1));
        }
      }
      return paginate(items, url);
    },
  },
  {
    pattern: /^\/event_type_available_times$/,
    scope: 'event_types:read',
    handler: (state, ctx) => {
      const { url } = ctx;
      const uri = required(url, 'event_type');
      const { from, to } = timeRange(url, ctx.now, state.rangeLimitDays);
      const et = state.eventTypes.find((e) => e.uri === uri && !e.deleted_at);
      if (!et) throw standardError(404);
      assertMayRead(state, ctx, et.profile.owner);
      const zone = defaultSchedule(state, et.profile.owner)?.timezone ?? 'UTC';
      const remaining = et.kind === 'group' ? Number(et.invitees_limit ?? 10) : 1;
      return { collection: slotStarts(state, et, from, to, ctx.now).map((t) => availableTime(et, t, zone, remaining)) };
    },
  },
  {
    pattern: /^\/organizations\/([\w-]+)$/,
    scope: 'organizations:read',
    handler: (state, ctx, m) => {
      if (`${API}/organizations/${m[1]}` !== state.organization.uri) throw standardError(404);
      if (!membershipOf(state, ctx.user)) throw standardError(403);
      return { resource: { uri: state.organization.uri, name: state.organization.name } };
    },
  },
  {
    pattern: /^\/organization_memberships$/,
    scope: 'organizations:read',
    handler: (state, ctx) => {
      const { url } = ctx;
      const byOrg = url.searchParams.get('organization');
      const byUser = url.searchParams.get('user');
      if (!byOrg && !byUser) {
        throw invalid(
          { parameter: 'organization', message: 'organization or user is required' },
          { parameter: 'user', message: 'organization or user is required' },
        );
      }
      if (byOrg && byOrg !== state.organization.uri) throw standardError(403);
      if (byUser) assertMayRead(state, ctx, byUser);
      if (!membershipOf(state, ctx.user)) throw standardError(403);
      let items = state.memberships.filter((m) => m.organization === state.organization.uri);
      if (byUser) items = items.filter((m) => m.user === byUser);
      const email = url.searchParams.get('email');
      if (email) items = items.filter((m) => state.users.get(m.user)?.email === email);
      const page = paginate(items, url);
      return { ...page, collection: page.collection.map((m) => expandMembership(state, m)) };
    },
  },
  {
    pattern: /^\/user_availability_schedules$/,
    scope: 'availability:read',
    handler: (state, ctx) => {
      const target = required(ctx.url, 'user');
      assertMayRead(state, ctx, target);
      return { collection: state.schedules.filter((s) => s.user === target) };
    },
  },
  {
    pattern: /^\/user_availability_schedules\/([\w-]+)$/,
    scope: 'availability:read',
    handler: (state, ctx, m) => {
      const s = state.schedules.find((x) => x.uri === `${API}/user_availability_schedules/${m[1]}`);
      if (!s) throw standardError(404);
      assertMayRead(state, ctx, s.user);
      return { resource: s };
    },
  },
  {
    pattern: /^\/user_busy_times$/,
    scope: 'availability:read',
    handler: (state, ctx) => {
      const target = required(ctx.url, 'user');
      const { from, to } = timeRange(ctx.url, ctx.now, 7);
      assertMayRead(state, ctx, target);
      const fullyBooked = state.eventTypes.some((e) => e.profile.owner === target && state.availability.get(e.uri) === 'busy');
      const blocks = fullyBooked ? fullyBookedBlocks(state, target, from, to) : busyBlocks(state, target, from, to);
      return { collection: blocks };
    },
  },
];

/** Runs the API route for `ctx.url`; throws `ApiError` (404 for unknown paths, 403 for a missing scope). */
export function routeApi(state: FakeCalendlyState, ctx: RouteContext, scopes: ReadonlySet<string> | 'all'): unknown {
  for (const route of ROUTES) {
    const match = route.pattern.exec(ctx.url.pathname);
    if (!match) continue;
    if (scopes !== 'all' && !scopes.has(route.scope) && !scopes.has(route.scope.replace(':read', ':write'))) {
      throw new ApiError(403, 'Permission Denied', `This token does not have the required scope: ${route.scope}`, [
        { parameter: 'scope', message: `${route.scope} is required; create a new token that includes it` },
      ]);
    }
    return route.handler(state, ctx, match);
  }
  throw standardError(404);
}

