/**
 * Calendly failures as data: a closed set of kinds, one user-facing sentence each, and a serializable
 * shape (`ErrorInfo`) that can cross extension messaging. Messages never contain the access token.
 * The sentences come from the message catalogue (lib/i18n), in the browser's language; English without it.
 */
import { lazyMessages, t, tn } from '../i18n/t';
import type { ErrorBody } from './types';

export type ErrorKind =
  | 'not_connected'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  /** 424 from /user_busy_times: Calendly cannot reach a calendar connected to the account. */
  | 'calendar_unreachable';

/** Plain, structured-clone-safe description of a failure. `message` is one sentence for the user. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  status?: number;
  details?: string[];
  scope?: string;
  retryAfterSeconds?: number;
}

/** The only error type the Calendly client throws (user cancellation aside, which rethrows the abort reason). */
export class CalendlyError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'CalendlyError';
    this.info = info;
  }
}

const KINDS: readonly ErrorKind[] = [
  'not_connected', 'unauthenticated', 'forbidden', 'not_found', 'invalid_request',
  'rate_limited', 'server', 'network', 'timeout', 'malformed', 'calendar_unreachable',
];

/** User-facing sentences for kinds that need no request context (read when used, in the UI language). */
export const MESSAGES = lazyMessages({
  not_connected: 'errNotConnected',
  unauthenticated: 'errUnauthenticated',
  not_found: 'errNotFound',
  network: 'errNetwork',
  timeout: 'errTimeout',
  malformed: 'errMalformed',
  server: 'errServer',
  cancelled: 'errCancelled',
  unknown: 'errUnknown',
  calendar_unreachable: 'errCalendarUnreachable',
});

/**
 * Scope each endpoint needs (first path segment), as the published spec's operation descriptions say. Only a
 * fallback: a 403 "Insufficient scope" names the scopes itself in `required_scopes`.
 */
const SCOPE_BY_ENDPOINT: Record<string, string> = {
  users: 'users:read',
  event_types: 'event_types:read',
  event_type_available_times: 'availability:read',
  user_availability_schedules: 'availability:read',
  user_busy_times: 'availability:read',
  organization_memberships: 'organizations:read',
  organizations: 'organizations:read',
  shares: 'shares:read',
};

/** Scopes we ask for with write access (a single-use offer creates a share); the rest we only read. */
const WRITE_SCOPES = new Set(['shares:write']);

/** The scope a Calendly API path (or absolute URL) requires, if known. */
export function scopeForPath(pathOrUrl: string): string | undefined {
  let path = pathOrUrl;
  try {
    path = new URL(pathOrUrl, 'https://api.calendly.com').pathname;
  } catch {
    // keep the raw string
  }
  const segment = path.split('/').filter(Boolean)[0] ?? '';
  return SCOPE_BY_ENDPOINT[segment];
}

function bodyText(body: ErrorBody): string {
  return [body.title, body.message, ...body.details.flatMap((d) => [d.parameter, d.message])].join(' ');
}

/** "start_time must be in the future" from `{parameter:'start_time', message:'must be in the future'}`. */
export function formatDetails(body: ErrorBody): string[] {
  return body.details
    .map((d) => [d.parameter, d.message].filter(Boolean).join(' ').trim())
    .filter(Boolean);
}

function sentence(text: string): string {
  const s = text.trim().replace(/[.\s]+$/, '');
  return s ? `${s}.` : '';
}

function clause(text: string): string {
  const c = text.trim().replace(/[.\s]+$/, '');
  // lower-case a leading capital unless it starts an acronym ("API", "URL")
  return /^[A-Z][a-z]/.test(c) ? c[0]!.toLowerCase() + c.slice(1) : c;
}

/**
 * Which scope a 403 is about. Calendly's "Insufficient scope" body lists them in `required_scopes` (the
 * published InsufficientScopeError); that wins. Else a scope named in the text, else the endpoint's scope
 * if the body talks about scopes.
 */
export function detectScope(pathOrUrl: string, body: ErrorBody): string | undefined {
  const listed = (body.required_scopes ?? []).filter((s) => /^[a-z_]+:(read|write)$/.test(s));
  if (listed.length) return listed.join(', ');
  const text = bodyText(body);
  const named = /\b([a-z_]+):(read|write)\b/.exec(text);
  if (named && WRITE_SCOPES.has(named[0])) return named[0];
  if (named) return `${named[1]}:read`; // a :write scope includes :read, and :read is what we ask for
  if (/scope/i.test(text)) return scopeForPath(pathOrUrl);
  return undefined;
}

/** The 429 answer for the API and the OAuth endpoints alike: wait `seconds`, then try again. */
export function rateLimitedInfo(seconds: number): Pick<ErrorInfo, 'kind' | 'retryAfterSeconds' | 'message'> {
  return { kind: 'rate_limited', retryAfterSeconds: seconds, message: rateLimitedMessage(seconds) };
}

export function rateLimitedMessage(seconds: number): string {
  return tn('errRateLimited', seconds);
}

/** Seconds, rounded up, never below 1. */
function wholeSeconds(s: number): number {
  return Math.max(1, Math.ceil(s));
}

/** Context of a failed HTTP response, as seen by the client. */
export interface HttpFailure {
  status: number;
  pathOrUrl: string;
  body: ErrorBody;
  /** The request asked for organization-wide data (needs an admin or owner role). */
  organizationScoped?: boolean;
  retryAfterSeconds?: number;
}

/** Builds the ErrorInfo for a non-2xx Calendly response. */
export function infoFromResponse(f: HttpFailure): ErrorInfo {
  const { status, body } = f;
  const details = formatDetails(body);
  const base = { status, ...(details.length ? { details } : {}) };
  if (status === 401) return { kind: 'unauthenticated', message: MESSAGES.unauthenticated, ...base };
  if (status === 403) {
    const scope = detectScope(f.pathOrUrl, body);
    if (scope) {
      return {
        kind: 'forbidden',
        scope,
        message: t('errMissingScope', scope),
        ...base,
      };
    }
    const reason = clause(body.message) || t('errRefusedReason');
    const forward = t(f.organizationScoped ? 'errRefusedOrgRole' : 'errRefusedReconnect');
    return { kind: 'forbidden', message: t('errRefused', reason, forward), ...base };
  }
  if (status === 404) return { kind: 'not_found', message: MESSAGES.not_found, ...base };
  if (status === 424) return { kind: 'calendar_unreachable', message: MESSAGES.calendar_unreachable, ...base };
  if (status === 429) {
    return { ...rateLimitedInfo(wholeSeconds(f.retryAfterSeconds ?? 60)), ...base };
  }
  if (status >= 500) {
    return {
      kind: 'server',
      message: t('errServerStatus', status),
      ...base,
    };
  }
  const what = details.length ? details.join('; ') : body.message || body.title || t('errStatus', status);
  return { kind: 'invalid_request', message: t('errRejected', sentence(what)), ...base };
}

function isErrorInfo(e: unknown): e is ErrorInfo {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.message === 'string' && KINDS.includes(o.kind as ErrorKind);
}

/** Any thrown value (or an ErrorInfo that crossed messaging) as a serializable ErrorInfo. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof CalendlyError) return { ...e.info, ...(e.info.details ? { details: [...e.info.details] } : {}) };
  if (isErrorInfo(e)) return { ...e };
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError') return { kind: 'timeout', message: MESSAGES.timeout };
  if (name === 'AbortError') return { kind: 'network', message: MESSAGES.cancelled };
  if (e instanceof TypeError) return { kind: 'network', message: MESSAGES.network };
  if (e instanceof SyntaxError) return { kind: 'malformed', message: MESSAGES.malformed };
  return { kind: 'server', message: MESSAGES.unknown };
}
