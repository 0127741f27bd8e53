/**
 * Calendly failures as data: a closed set of kinds, one user-facing sentence each, and a serializable
 * shape (`ErrorInfo`) that can cross extension messaging. Messages never contain the access token.
 */
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
  | 'malformed';

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
  'rate_limited', 'server', 'network', 'timeout', 'malformed',
];

const ALL_SCOPES = 'users:read, event_types:read, availability:read and organizations:read';

/** User-facing sentences for kinds that need no request context. */
export const MESSAGES = {
  not_connected: 'Open Slots is not connected to Calendly yet. Connect your account in Open Slots options.',
  unauthenticated: 'Your Calendly connection has expired or was revoked. Reconnect in Open Slots options.',
  not_found:
    'Calendly could not find that event type or account; it may have been deleted. Refresh your event types in Open Slots options.',
  network: "Can't reach Calendly. Check your connection and try again.",
  timeout: 'Calendly took too long to answer. Try again in a moment.',
  malformed: 'Calendly sent an unexpected response. Try again in a moment.',
  server: 'Calendly is having trouble right now. Try again in a few minutes.',
  cancelled: 'The request to Calendly was cancelled. Try again.',
  unknown: 'Something went wrong while talking to Calendly. Try again in a moment.',
} as const;

/** Scope each endpoint needs (first path segment), per the 2026-03-03 scopes change. */
const SCOPE_BY_ENDPOINT: Record<string, string> = {
  users: 'users:read',
  event_types: 'event_types:read',
  event_type_available_times: 'event_types:read',
  user_availability_schedules: 'availability:read',
  user_busy_times: 'availability:read',
  organization_memberships: 'organizations:read',
};

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
  const t = text.trim().replace(/[.\s]+$/, '');
  return t ? `${t}.` : '';
}

function clause(text: string): string {
  const t = text.trim().replace(/[.\s]+$/, '');
  // lower-case a leading capital unless it starts an acronym ("API", "URL")
  return /^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
}

/** Which scope a 403 is about: a scope named in the body wins; else the endpoint's scope if the body talks about scopes. */
export function detectScope(pathOrUrl: string, body: ErrorBody): string | undefined {
  const text = bodyText(body);
  const named = /\b([a-z_]+):(read|write)\b/.exec(text);
  if (named) return `${named[1]}:read`; // a :write scope includes :read, and :read is what we ask for
  if (/scope/i.test(text)) return scopeForPath(pathOrUrl);
  return undefined;
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
        message: `Your Calendly token is missing the “${scope}” scope. Create a new personal access token with ${ALL_SCOPES}, then reconnect.`,
        ...base,
      };
    }
    const reason = clause(body.message) || 'this account is not allowed to see that';
    const forward = f.organizationScoped
      ? 'organization-wide event types need an admin or owner role, so ask your Calendly admin or use your own event types'
      : `reconnect with a token that has ${ALL_SCOPES}`;
    return { kind: 'forbidden', message: `Calendly refused access: ${reason}; ${forward}.`, ...base };
  }
  if (status === 404) return { kind: 'not_found', message: MESSAGES.not_found, ...base };
  if (status === 429) {
    const n = wholeSeconds(f.retryAfterSeconds ?? 60);
    return {
      kind: 'rate_limited',
      retryAfterSeconds: n,
      message: `Calendly's rate limit was reached. Try again in ${n} second${n === 1 ? '' : 's'}.`,
      ...base,
    };
  }
  if (status >= 500) {
    return {
      kind: 'server',
      message: `Calendly is having trouble right now (error ${status}). Try again in a few minutes.`,
      ...base,
    };
  }
  const what = details.length ? details.join('; ') : body.message || body.title || `error ${status}`;
  return { kind: 'invalid_request', message: `Calendly rejected the request: ${sentence(what)}`, ...base };
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
