/**
 * A fake Calendly API v2 (`api.calendly.com`) and OAuth server (`auth.calendly.com`) for tests, seeded from
 * `fixtures/*.json`. Mount `handle` on an HTTPS server (see ../server.ts); drive it through the controller.
 * Follows ../../../../shared/reference/calendly-api.md. Sends no CORS headers on purpose: only the
 * extension's service worker (host permission) may reach it.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeApi } from './api';
import { createFaults, type Fault, type FaultSpec } from './faults';
import { ApiError, sendJson, standardError } from './http';
import type { AvailabilityOverride, BusyRecord, EventTypeRecord, FakeCalendlyState, UserRecord } from './model';
import { createOAuth, type OAuthSettings } from './oauth';
import { createRateLimiter } from './rate-limit';
import { seedState } from './seed';
import { createShares } from './shares';
import { isoMicro } from './time';

export type { Fault, FaultSpec } from './faults';
export type * from './model';
export type { OAuthSettings } from './oauth';

/** Options of `createFakeCalendly`. */
export interface FakeCalendlyOptions {
  /** Total organization members; extra ones are generated ("Member 005"...), each with a schedule. */
  orgMembers?: number;
  /** Freeze the fake clock at this instant (default: real time). */
  now?: Date | string | number;
  /** Requests per user per minute (default 500, Calendly's paid plans; free plans get 50). */
  rateLimit?: number;
  /** `/event_type_available_times` range limit in days (default 31; 7 before 2026-07-09). */
  rangeLimitDays?: number;
  /** The full-access personal token registered for the default user; `null` for none. Default `"demo-token"`. */
  token?: string | null;
}

/** One request the fake received. The token itself is never stored: only a fingerprint of it. */
export interface RequestLogEntry {
  method: string;
  host: 'api.calendly.com' | 'auth.calendly.com';
  path: string;
  query: Record<string, string>;
  /** Whether an Authorization header was sent. */
  authorization: boolean;
  /** `tokenFingerprint(token)` of the bearer token sent, or null. */
  tokenFingerprint: string | null;
  /** The user the token resolved to, if it was valid. */
  user: string | null;
  /** Fake-clock time of arrival. */
  at: Date;
  /** Status sent; undefined while pending or when the response was hung or dropped. */
  status?: number;
}

/** A short, one-way fingerprint of a token, to compare against `RequestLogEntry.tokenFingerprint`. */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

const toMs = (d: Date | string | number) => (d instanceof Date ? d.getTime() : typeof d === 'string' ? Date.parse(d) : d);

/** Creates a fake Calendly with fresh state. See the returned controller's members. */
export function createFakeCalendly(options: FakeCalendlyOptions = {}) {
  const state = seedState(options.orgMembers);
  if (options.rateLimit !== undefined) state.rateLimit = options.rateLimit;
  if (options.rangeLimitDays !== undefined) state.rangeLimitDays = options.rangeLimitDays;
  const defaultUser = [...state.users.values()][0]!;
  if (options.token !== null) state.tokens.set(options.token ?? 'demo-token', { user: defaultUser.uri, scopes: 'all', kind: 'personal' });

  let frozen: number | null = options.now === undefined ? null : toMs(options.now);
  let offset = 0;
  const nowMs = () => frozen ?? Date.now() + offset;

  const limiter = createRateLimiter();
  const faults = createFaults();
  const oauthSettings: OAuthSettings = { user: defaultUser.uri, scopes: 'all', deny: false, accessTokenSeconds: 7200 };
  const oauth = createOAuth(state, nowMs, oauthSettings);
  const requests: RequestLogEntry[] = [];
  const shares = createShares(state, nowMs);
  const hanging = new Set<ServerResponse>();

  function findUser(ref: string): UserRecord {
    const u =
      state.users.get(ref) ??
      [...state.users.values()].find((x) => x.uri.endsWith(`/${ref}`) || x.email === ref || x.name === ref || x.slug === ref);
    if (!u) throw new Error(`fake-calendly: no user ${ref}`);
    return u;
  }

  /** Applies a fault; true when the response is fully handled by it. */
  async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.dropConnection) {
      req.socket.destroy();
      return true;
    }
    if (fault.hang) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return true;
    }
    if (fault.malformed) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"collection": [');
      return true;
    }
    if (fault.status) {
      if (fault.status === 429) {
        res.setHeader('X-RateLimit-Remaining', '0');
        res.setHeader('X-RateLimit-Reset', String(fault.resetSeconds ?? 60));
      }
      sendJson(res, fault.status, fault.body ?? standardError(fault.status).body());
      return true;
    }
    return false;
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', 'https://api.calendly.com');
    const isAuth = host === 'auth.calendly.com' || (host !== 'api.calendly.com' && url.pathname.startsWith('/oauth/'));
    const now = nowMs();
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? null;
    const grant = token ? state.tokens.get(token) : undefined;
    const expired = grant?.expiresAt !== undefined && grant.expiresAt <= now;
    const user = grant && !expired ? grant.user : null;
    const method = req.method ?? 'GET';
    const entry: RequestLogEntry = {
      method,
      host: isAuth ? 'auth.calendly.com' : 'api.calendly.com',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization !== undefined,
      tokenFingerprint: token ? tokenFingerprint(token) : null,
      user,
      at: new Date(now),
    };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    const rate = isAuth ? null : limiter.take(user ?? 'anonymous', now, state.rateLimit);
    if (rate) for (const [k, v] of Object.entries(rate.headers)) res.setHeader(k, v);

    const fault = faults.take(method, url.pathname);
    if (fault && (await applyFault(fault, req, res))) return;
    if (isAuth) return oauth.handle(req, res, url);

    try {
      if (!user) throw new ApiError(401, 'Unauthenticated', expired ? 'The access token expired' : 'The access token is invalid');
      if (rate?.limited) throw standardError(429);
      if (await shares.route(req, res, { method, url, user, scopes: grant!.scopes }, sendJson)) return;
      if (method !== 'GET') throw standardError(404);
      sendJson(res, 200, routeApi(state, { url, user, now }, grant!.scopes));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      sendJson(res, err.status, err.body());
    }
  }

  return {
    /** Everything served; mutate freely (e.g. `state.eventTypes.push(...)`). */
    state,
    /** The fixtures' default user, Avery Quinn. */
    defaultUser,
    /** The fixtures' organization. */
    organization: state.organization,
    /** Settings of the OAuth stand-in (user who consents, granted scopes, deny, token lifetime). */
    oauth: oauthSettings,
    /** Every request received, oldest first. */
    requests,
    /** Calendly shares (single-use links): the store, `book(uri, start)`, and their booking pages. */
    shares,

    /** Node request handler for `api.calendly.com` and `auth.calendly.com` (routes by Host header). */
    handle(req: IncomingMessage, res: ServerResponse): void {
      dispatch(req, res).catch((err: unknown) => {
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { title: 'Internal Server Error', message: String(err) });
      });
    },

    /** The fake clock's current time. */
    now: (): Date => new Date(nowMs()),
    /** Freezes the fake clock at `date`; `null` returns to real time. */
    setNow(date: Date | string | number | null): void {
      frozen = date === null ? null : toMs(date);
      offset = 0;
    },
    /** Moves the fake clock forward (frozen or not). */
    advance(ms: number): void {
      if (frozen !== null) frozen += ms;
      else offset += ms;
    },

    /** Registers a bearer token for `user` (URI, uuid, email, name or slug; default the default user). */
    addToken(token: string, grant: { user?: string; scopes?: string[] | 'all'; expiresAt?: Date } = {}): void {
      const scopes = grant.scopes ?? 'all';
      state.tokens.set(token, {
        user: findUser(grant.user ?? defaultUser.uri).uri,
        scopes: scopes === 'all' ? 'all' : new Set(scopes),
        expiresAt: grant.expiresAt?.getTime(),
        kind: 'personal',
      });
    },
    /** Makes `token` unknown (later requests get 401). */
    revokeToken(token: string): void {
      state.tokens.delete(token);
    },
    /** Looks a user up by URI, uuid, email, name or slug. */
    user: findUser,
    /** Looks an event type up by URI, name or slug. */
    eventType(ref: string): EventTypeRecord {
      const e = state.eventTypes.find((x) => x.uri === ref || x.name === ref || x.slug === ref);
      if (!e) throw new Error(`fake-calendly: no event type ${ref}`);
      return e;
    },
    /** Marks an event type deleted: gone from listings, 404 for its available times. */
    deleteEventType(uri: string): void {
      const e = state.eventTypes.find((x) => x.uri === uri);
      if (e) e.deleted_at = isoMicro(nowMs());
    },

    /**
     * Overrides `/event_type_available_times` for one event type: `'none'` = no slots; `'busy'` = no slots and
     * the owner's `/user_busy_times` covers their working hours (fully booked); a list = exactly those starts
     * (within the requested range, not in the past); `null` = back to the schedule.
     */
    setAvailability(eventTypeUri: string, availability: AvailabilityOverride | null): void {
      if (availability === null) state.availability.delete(eventTypeUri);
      else state.availability.set(eventTypeUri, availability);
    },
    /** Adds a one-off busy block (default: the default user, type `calendly`). */
    addBusyTime(busy: { user?: string; start: Date; end: Date; type?: BusyRecord['type'] }): void {
      state.busyTimes.push({
        user: findUser(busy.user ?? defaultUser.uri).uri,
        type: busy.type ?? 'calendly',
        start_time: isoMicro(busy.start.getTime()),
        end_time: isoMicro(busy.end.getTime()),
      });
    },
    /** Sets the `/event_type_available_times` range limit (31 days now; 7 before 2026-07-09). */
    setRangeLimitDays(days: number): void {
      state.rangeLimitDays = days;
    },
    /** Sets requests per user per minute and starts new windows. */
    setRateLimit(limit: number): void {
      state.rateLimit = limit;
      limiter.reset();
    },
    /** Starts new rate-limit windows for everyone. */
    resetRateLimit(): void {
      limiter.reset();
    },

    /** Registers a fault for matching requests (see `FaultSpec`); returns it with a `hits` counter. */
    fault: (spec: FaultSpec): Fault => faults.add(spec),
    /** Removes every fault. */
    clearFaults(): void {
      faults.clear();
    },
    /** Ends every hung response by destroying its connection. */
    releaseHanging(): void {
      for (const res of hanging) res.destroy();
      hanging.clear();
    },

    /** Empties `requests`. */
    resetLog(): void {
      requests.length = 0;
    },
  };
}

/** The controller returned by `createFakeCalendly`. */
export type FakeCalendly = ReturnType<typeof createFakeCalendly>;
