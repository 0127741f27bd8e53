/**
 * Calendly Shares in the fake, as documented (see lib/calendly/SHARES.md): `POST /shares` (one-on-one event
 * types only, `shares:write`), `GET /shares` (`shares:read`, the caller's own, newest first), `DELETE
 * /shares/{uuid}` (not when booked). A share is single-use: `book()` (what an invitee does on the booking
 * page) turns it `booked`, and its booking page then answers "unavailable" for every time, as it does for a
 * deleted share. The booking pages live at `https://calendly.com/d/<code>/<event slug>`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { busyBlocks } from './availability';
import { ApiError, invalid, paginate, readBody, standardError, type ErrorDetail } from './http';
import type { FakeCalendlyState } from './model';
import { hhmmToMinutes, isoMicro, localDate, wallToUtc } from './time';

const API = 'https://api.calendly.com';
const PERIOD_TYPES = ['available_moving', 'moving', 'fixed', 'unlimited'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

type Rule = { type: 'date'; date: string; intervals: Interval[] } | { type: 'wday'; wday: string; intervals: Interval[] };
interface Interval {
  from: string;
  to: string;
}

/** A share the fake keeps: the API resource's fields, plus what it needs to decide (owner, booking). */
export interface ShareRecord {
  uri: string;
  owner: string;
  eventType: string;
  code: string;
  created_at: string;
  name: string;
  duration: number;
  period_type: string;
  start_date: string | null;
  end_date: string | null;
  max_booking_time: number | null;
  availability_rule: { timezone: string; rules: Rule[] };
  /** The start (epoch ms) that was booked, once booked. */
  bookedStart: number | null;
  deleted: boolean;
}

const isZone = (z: unknown): z is string => {
  if (typeof z !== 'string' || !z) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: z });
    return true;
  } catch {
    return false;
  }
};

const insufficientScope = (scope: string) =>
  Object.assign(new ApiError(403, 'Insufficient scope', "This operation requires the scopes listed in the 'required_scopes' array."), {
    requiredScopes: [scope],
  });

/** Validates an `availability_rule` as Calendly's schema describes it; returns the details of what is wrong. */
function ruleProblems(rule: unknown): ErrorDetail[] {
  const bad = (message: string): ErrorDetail[] => [{ parameter: 'availability_rule', message }];
  if (typeof rule !== 'object' || rule === null) return bad('must be an object');
  const { timezone, rules } = rule as { timezone?: unknown; rules?: unknown };
  if (!isZone(timezone)) return bad('timezone must be a valid IANA time zone');
  if (!Array.isArray(rules) || rules.length === 0) return bad('rules must be a non-empty array');
  for (const r of rules as Array<Record<string, unknown>>) {
    if (r?.type === 'date') {
      if (typeof r.date !== 'string' || !DATE.test(r.date)) return bad('rules date must be YYYY-MM-DD');
    } else if (r?.type === 'wday') {
      if (!WDAYS.includes(String(r.wday))) return bad('rules wday is invalid');
    } else return bad('rules type must be wday or date');
    if (!Array.isArray(r.intervals)) return bad('rules intervals must be an array');
    for (const iv of r.intervals as Array<Record<string, unknown>>) {
      if (!HHMM.test(String(iv?.from)) || !HHMM.test(String(iv?.to))) return bad('intervals from and to must be HH:MM');
      if (hhmmToMinutes(String(iv.from)) >= hhmmToMinutes(String(iv.to))) return bad('intervals from must be before to');
    }
  }
  return [];
}

/** The share store and its routes; one per fake Calendly. */
export function createShares(state: FakeCalendlyState, nowMs: () => number) {
  const shares: ShareRecord[] = [];

  /** Bookable starts of a share: every duration-long start inside its date rules (its whole offer). */
  function offeredStarts(s: ShareRecord): number[] {
    const out: number[] = [];
    for (const r of s.availability_rule.rules) {
      if (r.type !== 'date') continue;
      for (const iv of r.intervals) {
        for (let m = hhmmToMinutes(iv.from); m + s.duration <= hhmmToMinutes(iv.to); m += s.duration) {
          out.push(wallToUtc(r.date, m, s.availability_rule.timezone));
        }
      }
    }
    return out.sort((a, b) => a - b);
  }

  function status(s: ShareRecord): 'active' | 'booked' | 'expired' {
    if (s.bookedStart !== null) return 'booked';
    const now = nowMs();
    if (s.period_type === 'fixed' && s.end_date && localDate(now, s.availability_rule.timezone) > s.end_date) return 'expired';
    const starts = offeredStarts(s);
    if (starts.length > 0 && starts.every((t) => t <= now)) return 'expired';
    return 'active';
  }

  function resource(s: ShareRecord) {
    const et = state.eventTypes.find((e) => e.uri === s.eventType);
    return {
      uri: s.uri,
      contact: null,
      created_at: s.created_at,
      status: status(s),
      scheduling_links: [{ booking_url: bookingUrl(s), owner: s.eventType, owner_type: 'EventType' }],
      share_override: {
        name: s.name,
        duration: s.duration,
        duration_options: null,
        period_type: s.period_type,
        start_date: s.start_date,
        end_date: s.end_date,
        max_booking_time: s.max_booking_time,
        min_booking_time: null,
        hide_location: false,
        location_configurations: (et?.locations as unknown[] | undefined) ?? [],
        availability_rule: s.availability_rule,
      },
    };
  }

  const bookingUrl = (s: ShareRecord) => {
    const slug = state.eventTypes.find((e) => e.uri === s.eventType)?.slug ?? 'meeting';
    return `https://calendly.com/d/${s.code}/${slug}`;
  };

  function create(user: string, body: Record<string, unknown>) {
    const uri = body.event_type;
    if (typeof uri !== 'string' || !uri) throw invalid({ parameter: 'event_type', message: 'is required' });
    const et = state.eventTypes.find((e) => e.uri === uri && !e.deleted_at);
    if (!et) throw standardError(404);
    if (et.profile.owner !== user) throw standardError(403);
    // "This feature is only available for one-on-one event types."
    if (et.kind !== 'solo' || et.pooling_type !== null) {
      throw invalid({ parameter: 'event_type', message: 'must be a one-on-one event type' });
    }
    const details: ErrorDetail[] = [];
    const periodType = body.period_type ?? 'fixed';
    if (typeof periodType !== 'string' || !PERIOD_TYPES.includes(periodType)) details.push({ parameter: 'period_type', message: 'is invalid' });
    if (periodType === 'fixed') {
      for (const k of ['start_date', 'end_date'] as const) {
        if (typeof body[k] !== 'string' || !DATE.test(body[k] as string)) details.push({ parameter: k, message: "is required when period_type is 'fixed'" });
      }
      if (!details.length && (body.end_date as string) < (body.start_date as string)) details.push({ parameter: 'end_date', message: 'must be on or after start_date' });
    }
    if ((periodType === 'moving' || periodType === 'available_moving') && typeof body.max_booking_time !== 'number') {
      details.push({ parameter: 'max_booking_time', message: `is required when period_type is '${periodType}'` });
    }
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 55)) details.push({ parameter: 'name', message: 'must be at most 55 characters' });
    if (body.duration !== undefined && (!Number.isInteger(body.duration) || (body.duration as number) < 1 || (body.duration as number) > 720)) {
      details.push({ parameter: 'duration', message: 'must be between 1 and 720' });
    }
    if (body.availability_rule !== undefined) details.push(...ruleProblems(body.availability_rule));
    if (details.length) throw invalid(...details);
    const schedule = state.schedules.find((s) => s.user === user && s.default);
    const uuid = randomUUID();
    const record: ShareRecord = {
      uri: `${API}/shares/${uuid}`,
      owner: user,
      eventType: et.uri,
      code: uuid.slice(0, 11),
      created_at: isoMicro(nowMs()),
      name: (body.name as string | undefined) ?? et.name ?? et.slug ?? 'Meeting',
      duration: (body.duration as number | undefined) ?? et.duration,
      period_type: periodType as string,
      start_date: (body.start_date as string | undefined) ?? null,
      end_date: (body.end_date as string | undefined) ?? null,
      max_booking_time: (body.max_booking_time as number | undefined) ?? null,
      // Not sent = the event type's own (its owner's schedule), as the docs say.
      availability_rule: (body.availability_rule as ShareRecord['availability_rule'] | undefined) ?? {
        timezone: schedule?.timezone ?? 'UTC',
        rules: (schedule?.rules ?? []) as Rule[],
      },
      bookedStart: null,
      deleted: false,
    };
    shares.push(record);
    return record;
  }

  function find(uuid: string, user: string): ShareRecord {
    const s = shares.find((x) => x.uri === `${API}/shares/${uuid}` && !x.deleted);
    if (!s || s.owner !== user) throw standardError(404);
    return s;
  }

  return {
    /** Every share ever created (deleted ones keep `deleted: true`). */
    all: shares,
    status,
    offeredStarts,
    bookingUrl,

    /**
     * Answers a `/shares` request; false when the path is not a shares route. The scopes check and the
     * bodies follow Calendly's (403 "Insufficient scope" with `required_scopes`).
     */
    async route(
      req: IncomingMessage,
      res: ServerResponse,
      ctx: { method: string; url: URL; user: string; scopes: ReadonlySet<string> | 'all' },
      send: (res: ServerResponse, status: number, body: unknown) => void,
    ): Promise<boolean> {
      const { method, url, user, scopes } = ctx;
      const one = /^\/shares\/([\w-]+)$/.exec(url.pathname);
      if (url.pathname !== '/shares' && !one) return false;
      const has = (s: string) => scopes === 'all' || scopes.has(s);
      try {
        if (url.pathname === '/shares' && method === 'POST') {
          if (!has('shares:write')) throw insufficientScope('shares:write');
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(await readBody(req)) as Record<string, unknown>;
          } catch {
            throw invalid({ parameter: 'body', message: 'must be JSON' });
          }
          send(res, 201, { resource: resource(create(user, body ?? {})) });
        } else if (url.pathname === '/shares' && method === 'GET') {
          if (!has('shares:read') && !has('shares:write')) throw insufficientScope('shares:read');
          const who = url.searchParams.get('user');
          if (!who) throw invalid({ parameter: 'user', message: 'is required' });
          if (who !== user) throw standardError(403);
          const min = url.searchParams.get('min_created_at');
          const mine = shares
            .filter((s) => s.owner === user && !s.deleted && (!min || s.created_at >= min))
            .sort((a, b) => b.created_at.localeCompare(a.created_at));
          const page = paginate(mine, url);
          send(res, 200, { ...page, collection: page.collection.map(resource) });
        } else if (one && method === 'DELETE') {
          if (!has('shares:write')) throw insufficientScope('shares:write');
          const s = find(one[1]!, user);
          if (s.bookedStart !== null) throw invalid({ parameter: 'share', message: 'is booked and cannot be deleted' });
          s.deleted = true;
          res.writeHead(204).end();
        } else {
          throw standardError(404);
        }
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const extra = (err as ApiError & { requiredScopes?: string[] }).requiredScopes;
        send(res, err.status, { ...err.body(), ...(extra ? { required_scopes: extra } : {}) });
      }
      return true;
    },

    /**
     * Books `start` on the share (what the invitee does on its booking page): only an active share, only one of
     * its offered times, once. The owner becomes busy then, so the event type's normal times lose it too.
     */
    book(uri: string, start: Date): void {
      const s = shares.find((x) => x.uri === uri);
      if (!s || s.deleted) throw new Error(`fake-calendly: no share ${uri}`);
      if (status(s) !== 'active') throw new Error(`fake-calendly: share ${uri} is ${status(s)}`);
      const t = start.getTime();
      if (!offeredStarts(s).includes(t)) throw new Error(`fake-calendly: ${start.toISOString()} is not offered by ${uri}`);
      s.bookedStart = t;
      state.busyTimes.push({ user: s.owner, type: 'calendly', start_time: isoMicro(t), end_time: isoMicro(t + s.duration * 60_000) });
    },

    /**
     * Serves a share's booking page (`/d/<code>/…` on calendly.com): the open times (for `?date=`, that
     * day's), or Calendly's "unavailable" page for a booked, deleted or expired share. False for other paths.
     */
    bookingPage(req: IncomingMessage, res: ServerResponse): boolean {
      const url = new URL(req.url ?? '/', 'https://calendly.com');
      const m = /^\/d\/([\w-]+)(?:\/[\w-]*)?$/.exec(url.pathname);
      if (!m) return false;
      const s = shares.find((x) => x.code === m[1]);
      const open = s && !s.deleted && status(s) === 'active';
      const date = url.searchParams.get('date');
      const zone = s?.availability_rule.timezone ?? 'UTC';
      const times = open
        ? offeredStarts(s).filter((t) => t > nowMs() && (!date || localDate(t, zone) === date) && !busyBlocks(state, s.owner, t, t + s.duration * 60_000).length)
        : [];
      const body = open
        ? `<h1>${escape(s.name)}</h1><ul id="times">${times.map((t) => `<li data-start="${new Date(t).toISOString()}">${new Date(t).toISOString()}</li>`).join('')}</ul>`
        : '<h1 id="unavailable">This link is no longer available</h1><p>The person who sent it can send you a new one.</p>';
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calendly</title></head><body data-share-status="${s ? (s.deleted ? 'deleted' : status(s)) : 'unknown'}">${body}</body></html>`;
      res.writeHead(open ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      return true;
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type FakeShares = ReturnType<typeof createShares>;
