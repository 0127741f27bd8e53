/**
 * Calendly OAuth 2.0 (authorization code + PKCE S256) as plain functions over an injected `fetch` and clock:
 * the authorize URL, the redirect's `code`, the code exchange, refresh and revoke against
 * `https://auth.calendly.com`, and a token source that keeps an access token fresh.
 *
 * Calendly's rules (../../shared/reference/calendly-api.md, "OAuth 2.0"): access tokens live 2 hours;
 * refresh tokens are single-use and rotate, so each new pair is stored at once and two refreshes never run
 * together (the second would fail with `invalid_grant`). No extension APIs here; see ../background/auth.ts.
 */
import * as v from 'valibot';
import { lazyMessages, t } from '../i18n/t';
import { CalendlyError, MESSAGES, rateLimitedInfo, type ErrorInfo } from './errors';
import { deadline, parseJson, transportFailure } from './transport';

export const AUTH_BASE_URL = 'https://auth.calendly.com';

/** Scopes Open Slots reads with (see the reference's "Scopes" section). Sent only when asked to. */
export const OAUTH_SCOPES = ['users:read', 'event_types:read', 'availability:read', 'organizations:read'] as const;

/** Refresh when the access token has less than this left (or less than half its lifetime, if shorter). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Sign-in sentences for the user (read when used, in the UI language). */
export const OAUTH_MESSAGES = lazyMessages({
  expired: 'oauthExpired',
  codeRejected: 'oauthCodeRejected',
  badClient: 'oauthBadClient',
  cancelled: 'oauthCancelled',
  denied: 'oauthDenied',
  stateMismatch: 'oauthStateMismatch',
  unavailable: 'oauthUnavailable',
});

/** What is stored after a code exchange or refresh. JSON-safe; `expiresAt` is epoch ms on the local clock. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  /** Epoch ms (local clock) when the pair was requested. */
  obtainedAt: number;
  tokenType: string;
  /** The Calendly user URI the tokens belong to, when Calendly says. */
  owner: string | null;
  scope: string | null;
}

/** Calendly's token response. Unknown fields (e.g. `organization`) are dropped. */
export const TokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  refresh_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.pipe(v.number(), v.finite(), v.minValue(0)),
  token_type: v.pipe(v.string(), v.regex(/^bearer$/i)),
  created_at: v.optional(v.number()),
  owner: v.optional(v.nullable(v.string()), null),
  scope: v.optional(v.nullable(v.string()), null),
});
export type TokenResponse = v.InferOutput<typeof TokenResponseSchema>;

const OAuthErrorSchema = v.object({
  error: v.optional(v.string(), ''),
  error_description: v.optional(v.string(), ''),
  title: v.optional(v.string(), ''),
  message: v.optional(v.string(), ''),
});

/** Injectable dependencies of the network functions. */
export interface OAuthDeps {
  fetch?: typeof fetch;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Per request, including the body. Default 15 000. */
  timeoutMs?: number;
  /** Default `https://auth.calendly.com`. */
  baseUrl?: string;
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string;
  /** Space-joined into `scope`; omitted when absent, so Calendly grants the app's registered scopes. */
  scopes?: readonly string[];
}

/** `https://auth.calendly.com/oauth/authorize?...` for the authorization-code flow with PKCE S256. */
export function buildAuthorizeUrl(p: AuthorizeParams, baseUrl = AUTH_BASE_URL): string {
  const url = new URL('/oauth/authorize', baseUrl);
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', p.state);
  if (p.scopes?.length) url.searchParams.set('scope', p.scopes.join(' '));
  return url.toString();
}

/**
 * The `code` from the URL Calendly redirected to. Rejects a URL that is not under `redirectUri`, a `state`
 * other than `expectedState` (a forged or stale answer), and an `error` answer (e.g. `access_denied`).
 */
export function parseRedirect(redirectUrl: string, expected: { redirectUri: string; state: string }): string {
  let url: URL;
  let base: URL;
  try {
    url = new URL(redirectUrl);
    base = new URL(expected.redirectUri);
  } catch {
    throw new CalendlyError({ kind: 'invalid_request', message: OAUTH_MESSAGES.stateMismatch, details: ['redirect is not a URL'] });
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || !(url.pathname === base.pathname || url.pathname.startsWith(`${basePath}/`))) {
    throw new CalendlyError({ kind: 'invalid_request', message: OAUTH_MESSAGES.stateMismatch, details: ['redirect to an unexpected address'] });
  }
  // State first: an answer we did not ask for is ignored whatever it says.
  if (url.searchParams.get('state') !== expected.state) {
    throw new CalendlyError({ kind: 'invalid_request', message: OAUTH_MESSAGES.stateMismatch, details: ['state mismatch'] });
  }
  const error = url.searchParams.get('error');
  if (error) {
    const description = url.searchParams.get('error_description') ?? '';
    if (error === 'access_denied') {
      throw new CalendlyError({ kind: 'not_connected', message: OAUTH_MESSAGES.denied, details: [error] });
    }
    if (error === 'invalid_client' || error === 'unauthorized_client') {
      throw new CalendlyError({ kind: 'invalid_request', message: OAUTH_MESSAGES.badClient, details: [error] });
    }
    throw new CalendlyError({
      kind: 'invalid_request',
      message: description ? t('oauthRefusedWhy', description.replace(/[.\s]+$/, '')) : t('oauthRefused'),
      details: [error],
    });
  }
  const code = url.searchParams.get('code');
  if (!code) {
    throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, details: ['redirect without a code'] });
  }
  return code;
}

function scrubber(secrets: string[]) {
  const list = secrets.filter((s) => s.length >= 4);
  return (s: string) => list.reduce((acc, secret) => acc.split(secret).join('[redacted]'), s);
}

function toTokens(r: TokenResponse, startedAt: number): OAuthTokens {
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    // From our own clock at request start (not `created_at`): a skewed clock can't make a token look fresh.
    expiresAt: startedAt + r.expires_in * 1000,
    obtainedAt: startedAt,
    tokenType: r.token_type,
    owner: r.owner ?? null,
    scope: r.scope ?? null,
  };
}

type Purpose = 'exchange' | 'refresh' | 'revoke';

function failure(status: number, text: string, res: Response, purpose: Purpose, scrub: (s: string) => string): ErrorInfo {
  let body = { error: '', error_description: '', title: '', message: '' };
  try {
    const parsed = v.safeParse(OAuthErrorSchema, JSON.parse(text));
    if (parsed.success) body = parsed.output;
  } catch {
    // not JSON
  }
  const code = body.error;
  const details = [code, scrub(body.error_description || body.message)].filter(Boolean);
  const base = { status, ...(details.length ? { details } : {}) };
  if (code === 'invalid_grant') {
    return { kind: 'unauthenticated', message: purpose === 'exchange' ? OAUTH_MESSAGES.codeRejected : OAUTH_MESSAGES.expired, ...base };
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return { kind: 'invalid_request', message: OAUTH_MESSAGES.badClient, ...base };
  }
  if (status === 429) {
    const reset = Number(res.headers.get('X-RateLimit-Reset') ?? res.headers.get('Retry-After') ?? '');
    return { ...rateLimitedInfo(Number.isFinite(reset) && reset > 0 ? Math.ceil(reset) : 60), ...base };
  }
  if (status >= 500) {
    return { kind: 'server', message: t('errServerStatus', status), ...base };
  }
  if (status === 401) return { kind: 'unauthenticated', message: OAUTH_MESSAGES.expired, ...base };
  const what = scrub(body.error_description || body.message || body.title || code || t('errStatus', status)).replace(/[.\s]+$/, '');
  return { kind: 'invalid_request', message: t('oauthRequestRefused', what), ...base };
}

/** Form-encoded POST to the authorization server; returns the parsed JSON of a 2xx answer. */
async function postForm(path: string, fields: Record<string, string>, purpose: Purpose, deps: OAuthDeps, secrets: string[]): Promise<unknown> {
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const scrub = scrubber(secrets);
  const { controller, timedOut, clear } = deadline(timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await doFetch(new URL(path, deps.baseUrl ?? AUTH_BASE_URL).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(fields).toString(),
      signal: controller.signal,
      // Never send cookies of a signed-in calendly.com session along with token requests.
      credentials: 'omit',
    });
    text = await res.text();
  } catch {
    throw new CalendlyError(transportFailure(timedOut()));
  } finally {
    clear();
  }
  if (res.status < 200 || res.status >= 300) throw new CalendlyError(failure(res.status, text, res, purpose, scrub));
  if (purpose === 'revoke') return null;
  return parseJson(text, res.status);
}

function validate(json: unknown, status = 200): TokenResponse {
  const parsed = v.safeParse(TokenResponseSchema, json);
  if (!parsed.success) {
    // Issue paths only, never values: the body holds tokens.
    const details = parsed.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? '(root)'}: invalid`);
    throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, status, details });
  }
  return parsed.output;
}

/** Trades the authorization code (and the PKCE verifier) for the first token pair. */
export async function exchangeCode(
  p: { clientId: string; code: string; verifier: string; redirectUri: string },
  deps: OAuthDeps = {},
): Promise<OAuthTokens> {
  const startedAt = (deps.now ?? Date.now)();
  const json = await postForm(
    '/oauth/token',
    { grant_type: 'authorization_code', client_id: p.clientId, code: p.code, redirect_uri: p.redirectUri, code_verifier: p.verifier },
    'exchange',
    deps,
    [p.code, p.verifier],
  );
  return toTokens(validate(json), startedAt);
}

/** Uses `refreshToken` (once: Calendly revokes it) for a new pair. `invalid_grant` → kind 'unauthenticated'. */
export async function refresh(p: { clientId: string; refreshToken: string }, deps: OAuthDeps = {}): Promise<OAuthTokens> {
  const startedAt = (deps.now ?? Date.now)();
  const json = await postForm(
    '/oauth/token',
    { grant_type: 'refresh_token', client_id: p.clientId, refresh_token: p.refreshToken },
    'refresh',
    deps,
    [p.refreshToken],
  );
  return toTokens(validate(json), startedAt);
}

/** Revokes an access or refresh token (RFC 7009). */
export async function revoke(p: { clientId: string; token: string }, deps: OAuthDeps = {}): Promise<void> {
  await postForm('/oauth/revoke', { client_id: p.clientId, token: p.token }, 'revoke', deps, [p.token]);
}

/** Where the token pair lives (e.g. `storage.local`); the single source of truth across worker restarts. */
export interface TokenStore {
  get(): Promise<OAuthTokens | null>;
  set(tokens: OAuthTokens | null): Promise<void>;
}

export interface TokenSourceOptions extends OAuthDeps {
  clientId: string;
  store: TokenStore;
  /** Default REFRESH_MARGIN_MS (5 minutes). */
  refreshMarginMs?: number;
  /**
   * Optional mutual exclusion across contexts around a refresh, e.g.
   * `(fn) => navigator.locks.request('calendly-oauth-refresh', fn)`. Within one context, refreshes are
   * always shared.
   */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/**
 * Access tokens for the API client. Returns the stored access token while it has more than the margin
 * left; otherwise refreshes it, with at most one refresh in flight (every caller awaits the same one),
 * re-reading the store first (another context, or this worker before a restart, may have refreshed
 * already) and storing the new pair before anyone gets the new access token. A rejected refresh token
 * (`invalid_grant`) clears the stored pair and throws kind 'unauthenticated'.
 */
export function createOAuthTokenSource(opts: TokenSourceOptions) {
  const now = opts.now ?? Date.now;
  const margin = opts.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const lock = opts.lock ?? (<T>(fn: () => Promise<T>) => fn());
  // A token that lives less than twice the margin (short lifetimes in tests) is refreshed at half-life,
  // not on every call.
  const fresh = (t: OAuthTokens) => {
    const lifetime = t.expiresAt - (t.obtainedAt ?? t.expiresAt - 2 * margin);
    return t.expiresAt - now() > Math.min(margin, lifetime / 2);
  };
  let inflight: Promise<string | null> | null = null;
  /** Bumped by `replace`: a refresh that started before a sign-in or sign-out must not store its result. */
  let epoch = 0;

  async function doRefresh(rejected?: string): Promise<string | null> {
    const started = epoch;
    const current = await opts.store.get();
    if (!current) return null;
    // Fresh by our clock, and not the very token Calendly just refused: nothing to do.
    if (fresh(current) && current.accessToken !== rejected) return current.accessToken;
    let next: OAuthTokens;
    try {
      next = await refresh({ clientId: opts.clientId, refreshToken: current.refreshToken }, opts);
    } catch (e) {
      const rejected = e instanceof CalendlyError && e.info.kind === 'unauthenticated';
      const latest = await opts.store.get();
      if (latest && latest.refreshToken !== current.refreshToken) {
        // Someone else rotated the pair meanwhile (that's why ours was refused): use theirs.
        if (latest.expiresAt > now()) return latest.accessToken;
      } else if (rejected) {
        if (latest && epoch === started) await opts.store.set(null);
        throw e;
      } else if (current.expiresAt > now()) {
        // A transient failure inside the margin: the current token still works for now.
        return current.accessToken;
      }
      throw e;
    }
    if (epoch !== started) {
      // Signed out or in again while this refresh ran: drop the stray pair.
      await revoke({ clientId: opts.clientId, token: next.refreshToken }, opts).catch(() => undefined);
      return (await opts.store.get())?.accessToken ?? null;
    }
    // Single-use refresh tokens: the old one is dead now, so the new pair is stored before anything else.
    await opts.store.set(next);
    return next.accessToken;
  }

  return {
    /** A usable access token, or null when not signed in with OAuth. */
    async getToken(): Promise<string | null> {
      const stored = await opts.store.get();
      if (!stored) return null;
      if (fresh(stored)) return stored.accessToken;
      if (!inflight) {
        inflight = lock(doRefresh).finally(() => {
          inflight = null;
        });
      }
      return inflight;
    },

    /**
     * Calendly refused `rejected` (401) although our clock says it is valid: refresh now, unless another
     * caller already did (then their newer token is returned). Shares the one refresh in flight.
     */
    async renew(rejected: string): Promise<string | null> {
      const stored = await opts.store.get();
      if (!stored) return null;
      if (stored.accessToken !== rejected) return stored.accessToken;
      if (!inflight) {
        inflight = lock(() => doRefresh(rejected)).finally(() => {
          inflight = null;
        });
      }
      return inflight;
    },

    /** Stores a new pair (sign-in) or clears it (sign-out); any refresh still running is disowned. */
    async replace(tokens: OAuthTokens | null): Promise<void> {
      epoch++;
      await opts.store.set(tokens);
    },
  };
}

export type OAuthTokenSource = ReturnType<typeof createOAuthTokenSource>;
