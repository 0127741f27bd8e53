/** The `api.calendly.com` endpoints Open Slots reads, with Calendly's validation rules and error bodies. */
import { availableTime, busyBlocks, defaultSchedule, fullyBookedBlocks, slotStarts } from './availability';
import { ApiError, insufficientScope, invalid, notInOrganization, paginate, standardError } from './http';
import { FAKE_ONLY_FIELDS, hostOf, type EventTypeRecord, type FakeCalendlyState, type MembershipRecord, type UserRecord } from './model';
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

/** The organization a user belongs to (their `current_organization`). */
const orgOf = (state: FakeCalendlyState, userUri: string) => state.users.get(userUri)?.current_organization;

/** `userUri`'s membership of `org` (default: their own organization). */
function membershipOf(state: FakeCalendlyState, userUri: string, org = orgOf(state, userUri)): MembershipRecord | undefined {
  return state.memberships.find((m) => m.user === userUri && m.organization === org);
}

const isAdmin = (state: FakeCalendlyState, userUri: string) =>
  ['admin', 'owner'].includes(membershipOf(state, userUri)?.role ?? '');

/**
 * A user may read their own data; admins and owners may read their organization members' data. Otherwise
 * 403 with `refusal` (the body this endpoint's spec declares: "This user is not in your organization" where
 * the spec says UserNotInOrganizationError, the generic permission text elsewhere).
 */
function assertMayRead(state: FakeCalendlyState, ctx: RouteContext, target: string, refusal: () => ApiError = () => standardError(403)): void {
  if (target === ctx.user) return;
  if (!state.users.has(target)) throw standardError(404);
  if (isAdmin(state, ctx.user) && membershipOf(state, target, orgOf(state, ctx.user))) return;
  throw refusal();
}

/** An event type as Calendly sends it: without the fake's own bookkeeping fields. */
function publicEventType(e: EventTypeRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { ...e };
  for (const f of FAKE_ONLY_FIELDS) delete out[f];
  return out;
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

/** The membership's `user` is a subset of User: no current_organization, resource_type or time_notation. */
const expandMembership = (state: FakeCalendlyState, m: MembershipRecord) => {
  const { current_organization: _o, resource_type: _r, ...u } = user(state, m.user);
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
      if (target !== ctx.user && !membershipOf(state, target, orgOf(state, ctx.user))) throw standardError(403);
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
        if (byOrg !== orgOf(state, ctx.user) || !isAdmin(state, ctx.user)) throw standardError(403);
      }
      if (byUser) assertMayRead(state, ctx, byUser, notInOrganization);
      let items = state.eventTypes.filter((e) => !e.deleted_at);
      // A user's event types: those they own and the team ones (e.g. multi_pool) they host.
      if (byUser) items = items.filter((e) => e.profile.owner === byUser || (e.hosts ?? []).includes(byUser));
      if (byOrg) items = items.filter((e) => membershipOf(state, hostOf(e), byOrg));
      const active = url.searchParams.get('active');
      if (active === 'true' || active === 'false') items = items.filter((e) => e.active === (active === 'true'));
      const sort = url.searchParams.get('sort');
      if (sort) {
        const [field, dir] = sort.split(':');
        if (field !== 'name' && field !== 'created_at' && field !== 'position') throw invalid({ parameter: 'sort', message: 'is invalid' });
        if (field !== 'position') {
          items = [...items].sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')) * (dir === 'desc' ? -1 : 1));
        }
      }
      const page = paginate(items, url);
      return { ...page, collection: page.collection.map(publicEventType) };
    },
  },
  {
    pattern: /^\/event_type_available_times$/,
    scope: 'availability:read', // as the published spec's operation description says
    handler: (state, ctx) => {
      const { url } = ctx;
      const uri = required(url, 'event_type');
      const { from, to } = timeRange(url, ctx.now, state.rangeLimitDays);
      const et = state.eventTypes.find((e) => e.uri === uri && !e.deleted_at);
      if (!et) throw standardError(404);
      assertMayRead(state, ctx, hostOf(et));
      const zone = defaultSchedule(state, hostOf(et))?.timezone ?? 'UTC';
      const remaining = et.kind === 'group' ? Number(et.invitees_limit ?? 10) : 1;
      return { collection: slotStarts(state, et, from, to, ctx.now).map((t) => availableTime(et, t, zone, remaining)) };
    },
  },
  {
    pattern: /^\/organizations\/([\w-]+)$/,
    scope: 'organizations:read',
    handler: (state, ctx, m) => {
      const org = state.organizations.get(`${API}/organizations/${m[1]}`);
      if (!org) throw standardError(404);
      if (!membershipOf(state, ctx.user, org.uri)) throw standardError(403);
      return { resource: org };
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
      const own = orgOf(state, ctx.user);
      if (byOrg && byOrg !== own) throw standardError(403);
      if (byUser) assertMayRead(state, ctx, byUser);
      if (!membershipOf(state, ctx.user)) throw standardError(403);
      let items = state.memberships.filter((m) => m.organization === own);
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
      assertMayRead(state, ctx, target, notInOrganization);
      return { collection: state.schedules.filter((s) => s.user === target) };
    },
  },
  {
    pattern: /^\/user_availability_schedules\/([\w-]+)$/,
    scope: 'availability:read',
    handler: (state, ctx, m) => {
      const s = state.schedules.find((x) => x.uri === `${API}/user_availability_schedules/${m[1]}`);
      if (!s) throw standardError(404);
      assertMayRead(state, ctx, s.user, notInOrganization);
      return { resource: s };
    },
  },
  {
    pattern: /^\/user_busy_times$/,
    scope: 'availability:read',
    handler: (state, ctx) => {
      const target = required(ctx.url, 'user');
      const { from, to } = timeRange(ctx.url, ctx.now, 7);
      assertMayRead(state, ctx, target, notInOrganization);
      const fullyBooked = state.eventTypes.some((e) => hostOf(e) === target && state.availability.get(e.uri) === 'busy');
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
      throw insufficientScope(route.scope);
    }
    return route.handler(state, ctx, match);
  }
  throw standardError(404);
}

