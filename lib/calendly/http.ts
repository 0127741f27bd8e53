/**
 * Authenticated GET against the Calendly API: timeout, runtime validation, retries with backoff,
 * 429 handling and client-side slow-down from the X-RateLimit-* headers.
 */
import * as v from 'valibot';
import { CalendlyError, infoFromResponse, MESSAGES, type ErrorInfo } from './errors';
import { createPacer, type RateLimit } from './pacer';
import { deadline, parseJson, transportFailure } from './transport';
import { ErrorBodySchema, type ErrorBody } from './types';

/** Injectable dependencies; everything but `getToken` has a production default. */
export interface HttpDeps {
  /** Current access token, or null when the user has not connected Calendly. */
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  /** Epoch milliseconds. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), used for backoff jitter. */
  random?: () => number;
  /** Per attempt, including reading the body. Default 15 000. */
  timeoutMs?: number;
  /** Retries after the first attempt for 5xx, network errors, timeouts and 429. Default 3. */
  /**
   * Called once per request after a 401 with the rejected token; a different token returned is used for one
   * more try. Only OAuth provides it (a personal access token cannot be renewed).
   */
  renewToken?: (rejected: string) => Promise<string | null>;
  maxRetries?: number;
  /**
   * Longest one `get` spends on attempts and backoff before it reports the last failure. Default 20 000.
   * Waits Calendly asks for (429 reset, slowing down near the limit) extend it. Without it, a request that
   * never answered kept a spinner up for 4 attempts x 15 s = 63 s.
   */
  totalTimeoutMs?: number;
  baseUrl?: string;
}

/** The writes Open Slots makes (Calendly shares). */
export type WriteMethod = 'POST' | 'DELETE';

export type Query = Record<string, string | number | boolean | undefined>;

export type { RateLimit } from './pacer';

export interface GetOptions {
  /** Cancels the request (and any retry wait); the abort reason is rethrown as is. */
  signal?: AbortSignal;
}

const BACKOFF_BASE_MS = 300;
const MAX_RESET_WAIT_S = 60;
/** A retry needs at least this much of the total budget left to be worth sending. */
const MIN_ATTEMPT_MS = 2_000;

/** Internal marker: the attempt failed in a way worth retrying. */
class Retryable {
  constructor(
    readonly info: ErrorInfo,
    readonly waitMs?: number,
  ) {}
}

function header(res: Response, name: string): number | undefined {
  const raw = res.headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function parseErrorBody(text: string): ErrorBody {
  try {
    const parsed = v.safeParse(ErrorBodySchema, JSON.parse(text));
    if (parsed.success) return parsed.output;
  } catch {
    // not JSON (e.g. an HTML error page from a proxy)
  }
  return { title: '', message: '', details: [] };
}

/** Resolves/rejects with `p`, or rejects as soon as `signal` aborts (even if `p` ignores the signal). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Creates the HTTP layer. The token is only ever sent to `baseUrl`. */
export function createHttp(deps: HttpDeps) {
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const maxRetries = deps.maxRetries ?? 3;
  const totalTimeoutMs = deps.totalTimeoutMs ?? 20_000;
  const base = new URL(deps.baseUrl ?? 'https://api.calendly.com');
  const basePath = base.pathname.replace(/\/+$/, '');
  // Every request waits for room in Calendly's rate-limit window (./pacer.ts), paced from every answer's headers.
  const pacer = createPacer({ now, sleep });

  function resolveUrl(pathOrUrl: string, query: Query): URL {
    let url: URL;
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) {
      url = new URL(pathOrUrl);
      const inside =
        url.origin === base.origin &&
        url.username === '' &&
        url.password === '' &&
        (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
      if (!inside) {
        // e.g. a next_page link to another host: never send the token there
        throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, details: ['link outside the Calendly API refused'] });
      }
    } else {
      url = new URL(`${basePath}/${pathOrUrl.replace(/^\/+/, '')}`, base.origin);
    }
    for (const [k, val] of Object.entries(query)) {
      if (val !== undefined) url.searchParams.set(k, String(val));
    }
    return url;
  }

  function track(res: Response): void {
    const limit = header(res, 'X-RateLimit-Limit');
    const remaining = header(res, 'X-RateLimit-Remaining');
    const reset = header(res, 'X-RateLimit-Reset');
    if (limit === undefined || remaining === undefined) return;
    pacer.observe(limit, remaining, reset);
  }

  function redact(info: ErrorInfo, token: string): ErrorInfo {
    const scrub = (s: string) => (token ? s.split(token).join('[redacted]') : s);
    return {
      ...info,
      message: scrub(info.message),
      ...(info.details ? { details: info.details.map(scrub) } : {}),
    };
  }

  async function attempt<T>(
    url: URL,
    token: string,
    schema: v.GenericSchema<unknown, T> | null,
    userSignal: AbortSignal | undefined,
    attemptTimeoutMs: number,
    write?: { method: WriteMethod; body?: unknown },
  ): Promise<T> {
    const { controller, timedOut, clear } = deadline(attemptTimeoutMs);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    let status: number;
    let text: string;
    let res: Response;
    try {
      const exchange = (async () => {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
        if (write?.body !== undefined) headers['Content-Type'] = 'application/json';
        const r = await doFetch(url.toString(), {
          method: write?.method ?? 'GET',
          headers,
          ...(write?.body !== undefined ? { body: JSON.stringify(write.body) } : {}),
          signal: controller.signal,
        });
        return { r, t: await r.text() };
      })();
      const done = await raceAbort(exchange, controller.signal);
      res = done.r;
      text = done.t;
      status = res.status;
    } catch {
      if (userSignal?.aborted) throw userSignal.reason;
      throw new Retryable(transportFailure(timedOut()));
    } finally {
      clear();
      userSignal?.removeEventListener('abort', onUserAbort);
    }

    track(res);
    if (status >= 200 && status < 300) {
      if (schema === null) return undefined as T;
      const parsed = v.safeParse(schema, parseJson(text, status));
      if (!parsed.success) {
        const details = parsed.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
        throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, status, details });
      }
      return parsed.output;
    }

    const body = parseErrorBody(text);
    const reset = header(res, 'X-RateLimit-Reset');
    const info = redact(
      infoFromResponse({
        status,
        pathOrUrl: url.pathname,
        body,
        organizationScoped: url.searchParams.has('organization'),
        ...(status === 429 ? { retryAfterSeconds: reset !== undefined && reset > 0 ? reset : 1 } : {}),
      }),
      token,
    );
    if (status === 429) {
      const seconds = Math.min(reset !== undefined && reset > 0 ? reset : 1, MAX_RESET_WAIT_S);
      throw new Retryable(info, seconds * 1000);
    }
    if (status >= 500) throw new Retryable(info);
    throw new CalendlyError(info);
  }

  async function request<T>(
    pathOrUrl: string,
    query: Query,
    schema: v.GenericSchema<unknown, T> | null,
    opts: GetOptions,
    write?: { method: WriteMethod; body?: unknown },
  ): Promise<T> {
    const url = resolveUrl(pathOrUrl, query);
    // A POST that failed on the way (5xx, network, timeout) may still have been carried out: sending it again
    // could create a second share, so only GET and DELETE are retried (a 429 was not carried out: it waits).
    const retriesServerFaults = write?.method !== 'POST';
    const first = await deps.getToken();
    if (!first) throw new CalendlyError({ kind: 'not_connected', message: MESSAGES.not_connected });
    let token: string = first;
    let renewed = false;
    let deadline = now() + totalTimeoutMs;
    for (let n = 0; ; n++) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const throttleStart = now();
      await pacer.acquire(opts.signal);
      deadline += now() - throttleStart;
      try {
        const left = deadline - now();
        return await attempt(url, token, schema, opts.signal, Math.max(1, Math.min(timeoutMs, left)), write).finally(pacer.answered);
      } catch (e) {
        // A 401 for a token we believed valid (an OAuth access token revoked or expired early on Calendly's
        // side): ask once for a renewed one and repeat the request with it.
        if (e instanceof CalendlyError && e.info.kind === 'unauthenticated' && deps.renewToken && !renewed) {
          renewed = true;
          const next: string | null = await deps.renewToken(token).catch(() => null);
          if (next && next !== token) {
            token = next;
            n--;
            continue;
          }
        }
        if (!(e instanceof Retryable)) throw e;
        if (n >= maxRetries) throw new CalendlyError(e.info);
        if (e.waitMs !== undefined) {
          deadline += e.waitMs;
          await (opts.signal ? raceAbort(sleep(e.waitMs), opts.signal) : sleep(e.waitMs));
        } else {
          if (!retriesServerFaults) throw new CalendlyError(e.info);
          const backoff = BACKOFF_BASE_MS * 2 ** n * (0.5 + random());
          if (deadline - now() - backoff < MIN_ATTEMPT_MS) throw new CalendlyError(e.info);
          await (opts.signal ? raceAbort(sleep(backoff), opts.signal) : sleep(backoff));
        }
      }
    }
  }

  return {
    /** GET `pathOrUrl` (relative to baseUrl, or an absolute URL inside it) and validate with `schema`. */
    get<T>(pathOrUrl: string, query: Query, schema: v.GenericSchema<unknown, T>, opts: GetOptions = {}): Promise<T> {
      return request(pathOrUrl, query, schema, opts);
    },
    /**
     * POST a JSON body (validated answer), or DELETE (`schema` null: 204, no body). Same token, timeout,
     * rate-limit and error handling as `get`; a POST is never repeated after a server fault (see `request`).
     */
    send<T>(method: WriteMethod, pathOrUrl: string, body: unknown, schema: v.GenericSchema<unknown, T> | null, opts: GetOptions = {}): Promise<T> {
      return request(pathOrUrl, {}, schema, opts, { method, ...(body === undefined ? {} : { body }) });
    },
    /** The rate-limit window as the pacer sees it (what may still be sent), or null before the first response. */
    rateLimit(): RateLimit | null {
      return pacer.state();
    },
  };
}

export type Http = ReturnType<typeof createHttp>;
