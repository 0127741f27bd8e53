/**
 * The Calendly API v2 operations Open Slots uses, on top of `http.ts`: pagination, range windowing
 * with bounded concurrency, and the 31 → 7 day fallback for available times.
 */
import * as v from 'valibot';
import { CalendlyError, MESSAGES } from './errors';
import { createHttp, type GetOptions, type HttpDeps, type Query } from './http';
import { runOrdered } from './pool';
import { createSharesClient } from './shares';
import {
  AvailabilityScheduleSchema,
  AvailableTimeSchema,
  BusyTimeSchema,
  EventTypeSchema,
  MembershipSchema,
  OrganizationSchema,
  PaginationSchema,
  UserSchema,
  type AvailabilitySchedule,
  type AvailableTime,
  type BusyTime,
  type CalendlyUser,
  type EventType,
  type Membership,
  type Organization,
} from './types';
import { splitIntoWindows, type TimeWindow } from './windows';

const PAGE_SIZE = 100;
const MAX_PAGES = 100;
/** Current limit for /event_type_available_times (raised from 7 on 2026-07-09). */
const AVAILABLE_TIMES_DAYS = 31;
const LEGACY_AVAILABLE_TIMES_DAYS = 7;
/** /user_busy_times kept the 7-day limit. */
const BUSY_TIMES_DAYS = 7;

export interface AvailableTimesQuery {
  /** Event type URI. */
  eventType: string;
  start: Date;
  end: Date;
  /** Return at most this many slots, fetching as few windows as possible. */
  limit?: number;
  signal?: AbortSignal;
}

export interface BusyTimesQuery {
  /** User URI. */
  user: string;
  start: Date;
  end: Date;
}

export interface EventTypesQuery {
  /** User URI (one of user/organization is required by Calendly). */
  user?: string;
  /** Organization URI; needs an admin or owner role. */
  organization?: string;
  /** Default true. */
  active?: boolean;
}

/** The envelope of a list: `collection` must be an array; its items are checked one by one (see `usable`). */
const ListEnvelope = v.object({ collection: v.array(v.unknown()) });
const PagedEnvelope = v.object({ collection: v.array(v.unknown()), pagination: PaginationSchema });
const UserResponse = v.object({ resource: UserSchema });
const OrganizationResponse = v.object({ resource: OrganizationSchema });

function timeOf(iso: string): number {
  return Date.parse(iso);
}

/** A 400 about the requested range (e.g. `end_time: must be within 7 days of start_time`). */
function isRangeRejection(e: unknown): boolean {
  if (!(e instanceof CalendlyError) || e.info.kind !== 'invalid_request') return false;
  const text = [e.info.message, ...(e.info.details ?? [])].join(' ');
  return /end_time|range|\d+\s*days?\b|seven days/i.test(text);
}

function mergeSlots(groups: AvailableTime[][]): AvailableTime[] {
  const seen = new Set<number>();
  const out: AvailableTime[] = [];
  for (const slot of groups.flat()) {
    const t = timeOf(slot.start_time);
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(slot);
  }
  return out.sort((a, b) => timeOf(a.start_time) - timeOf(b.start_time));
}

function mergeBusy(groups: BusyTime[][]): BusyTime[] {
  const seen = new Set<string>();
  const out: BusyTime[] = [];
  for (const b of groups.flat()) {
    const key = `${timeOf(b.start_time)}|${timeOf(b.end_time)}|${b.type}|${b.event?.uri ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out.sort((a, b) => timeOf(a.start_time) - timeOf(b.start_time));
}

/** What names an item in the log: its URI, else its event's URI or booking link, else its place in the list. */
function itemName(item: unknown, index: number): string {
  const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const event = (typeof o.event === 'object' && o.event !== null ? o.event : {}) as Record<string, unknown>;
  for (const candidate of [o.uri, event.uri, o.scheduling_url]) if (typeof candidate === 'string' && candidate) return candidate;
  return `item ${index}`;
}

/** Items already reported in this worker's console (each odd item is logged once, not on every request). */
const reported = new Set<string>();

/**
 * The items of a list that match `schema`, in order. An item that does not (a shape Calendly may send
 * tomorrow, a field missing) is skipped, counted in `onSkip` and logged once with its URI, so one odd item
 * never takes the whole list down. Nothing logged comes from the request (no token), only from the answer.
 */
function usable<T>(items: readonly unknown[], schema: v.GenericSchema<unknown, T>, what: string, onSkip: (n: number) => void): T[] {
  const out: T[] = [];
  items.forEach((item, index) => {
    const parsed = v.safeParse(schema, item);
    if (parsed.success) {
      out.push(parsed.output);
      return;
    }
    onSkip(1);
    const name = itemName(item, index);
    const issue = parsed.issues[0];
    const why = issue ? `${v.getDotPath(issue) ?? '(item)'}: ${issue.message}` : 'does not match';
    const key = `${what}|${name}|${why}`;
    if (reported.has(key)) return;
    reported.add(key);
    console.warn(`Open Slots: skipped one of the ${what} Calendly sent, ${name} (${why}); the others are used.`);
  });
  return out;
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}

/** Creates a Calendly client. One object per connection: it remembers the available-times window size. */
export function createCalendlyApi(deps: HttpDeps & { now?: () => number; concurrency?: number }) {
  const http = createHttp(deps);
  const now = deps.now ?? Date.now;
  const concurrency = Math.max(1, deps.concurrency ?? 3);
  let availableDays = AVAILABLE_TIMES_DAYS;

  let skipped = 0;
  const countSkip = (n: number) => {
    skipped += n;
  };
  const keep = <T,>(items: readonly unknown[], schema: v.GenericSchema<unknown, T>, what: string) => usable(items, schema, what, countSkip);

  /** All usable items of a paginated collection, following `next_page` (or `next_page_token`). */
  async function paginate<T>(path: string, query: Query, item: v.GenericSchema<unknown, T>, what: string): Promise<T[]> {
    const schema = PagedEnvelope;
    const firstQuery = { ...query, count: PAGE_SIZE };
    let page = await http.get(path, firstQuery, schema);
    const items = keep(page.collection, item, what);
    const seen = new Set<string>();
    for (let pages = 1; ; pages++) {
      const next = page.pagination?.next_page;
      const token = page.pagination?.next_page_token;
      if (!next && !token) return items;
      const key = next ?? `token:${token}`;
      if (seen.has(key) || pages >= MAX_PAGES) {
        throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, details: ['pagination does not end'] });
      }
      seen.add(key);
      page = next ? await http.get(next, {}, schema) : await http.get(path, { ...firstQuery, page_token: token ?? undefined }, schema);
      items.push(...keep(page.collection, item, what));
    }
  }

  async function availableIn(days: number, q: AvailableTimesQuery): Promise<AvailableTime[]> {
    const windows = splitIntoWindows(q.start, q.end, days, new Date(now()));
    const fetchWindow = async (w: TimeWindow): Promise<AvailableTime[]> => {
      const res = await http.get(
        '/event_type_available_times',
        { event_type: q.eventType, start_time: w.start.toISOString(), end_time: w.end.toISOString() },
        ListEnvelope,
        q.signal ? { signal: q.signal } : {},
      );
      const t = now();
      return keep(res.collection, AvailableTimeSchema, 'available times').filter((s) => s.status === 'available' && timeOf(s.start_time) > t);
    };
    const { limit } = q;
    if (limit === undefined) {
      const all = await runOrdered(windows.length, concurrency, (i) => fetchWindow(windows[i]!));
      return mergeSlots(all.filter(isDefined));
    }
    if (limit <= 0 || windows.length === 0) return [];
    // Windows in order, one at a time, stopping as soon as the windows fetched so far hold `limit` slots:
    // later windows can only hold later times. (Fetching ahead concurrently cost up to every window on a
    // sparse calendar: 6 requests instead of 4 for a 30-day insert on the 7-day fallback.)
    const groups: AvailableTime[][] = [];
    for (const w of windows) {
      groups.push(await fetchWindow(w));
      if (mergeSlots(groups).length >= limit) break;
    }
    return mergeSlots(groups).slice(0, limit);
  }

  return {
    /** GET /users/me. */
    async getCurrentUser(): Promise<CalendlyUser> {
      return (await http.get('/users/me', {}, UserResponse)).resource;
    },

    /**
     * GET /organizations/{uuid}, given the organization's URI (as /users/me names it). A URI that is not an
     * organization on the Calendly API is refused without a request.
     */
    async getOrganization(uri: string, opts: GetOptions = {}): Promise<Organization> {
      // http.get refuses any other origin; this refuses any other resource on the API.
      if (!/^[a-z]+:\/\/[^/]+\/organizations\/[\w-]+$/.test(uri)) {
        throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, details: ['not an organization URI'] });
      }
      return (await http.get(uri, {}, OrganizationResponse, opts)).resource;
    },

    /** Every event type of a user or organization (all pages), active ones by default, in API order. */
    listEventTypes(q: EventTypesQuery): Promise<EventType[]> {
      return paginate('/event_types', { user: q.user, organization: q.organization, active: q.active ?? true }, EventTypeSchema, 'event types');
    },

    /**
     * Bookable slots of an event type in [start, end): status "available", start still in the future,
     * ascending, no duplicates. Uses 31-day windows, falling back to 7 for good if Calendly rejects the range.
     */
    async getAvailableTimes(q: AvailableTimesQuery): Promise<AvailableTime[]> {
      const days = availableDays;
      try {
        return await availableIn(days, q);
      } catch (e) {
        if (days <= LEGACY_AVAILABLE_TIMES_DAYS || !isRangeRejection(e)) throw e;
        availableDays = LEGACY_AVAILABLE_TIMES_DAYS;
        return availableIn(availableDays, q);
      }
    },

    /** Window size (days) currently used for available times: 31, or 7 after a range rejection. */
    windowDays(): number {
      return availableDays;
    },

    /** Every member of an organization (all pages). */
    listOrganizationMemberships(organization: string): Promise<Membership[]> {
      return paginate('/organization_memberships', { organization }, MembershipSchema, 'organization members');
    },

    /** A user's availability schedules (not paginated). */
    async listAvailabilitySchedules(user: string): Promise<AvailabilitySchedule[]> {
      return keep((await http.get('/user_availability_schedules', { user }, ListEnvelope)).collection, AvailabilityScheduleSchema, 'availability schedules');
    },

    /** A user's busy times in [start, end), fetched in 7-day windows, merged ascending. */
    async getBusyTimes(q: BusyTimesQuery): Promise<BusyTime[]> {
      const windows = splitIntoWindows(q.start, q.end, BUSY_TIMES_DAYS, new Date(now()));
      const groups = await runOrdered(windows.length, concurrency, async (i) => {
        const w = windows[i]!;
        const res = await http.get(
          '/user_busy_times',
          { user: q.user, start_time: w.start.toISOString(), end_time: w.end.toISOString() },
          ListEnvelope,
        );
        return keep(res.collection, BusyTimeSchema, 'busy times');
      });
      return mergeBusy(groups.filter(isDefined));
    },

    /** Single-use offers (Calendly shares): create, list, delete. */
    shares: createSharesClient(http),

    /** How many list items this client skipped because Calendly sent them in a shape it cannot use. */
    skippedItems(): number {
      return skipped;
    },

    /** Latest rate-limit state reported by Calendly. */
    rateLimit: http.rateLimit,
  };
}

/** The Calendly client. */
export type CalendlyApi = ReturnType<typeof createCalendlyApi>;
