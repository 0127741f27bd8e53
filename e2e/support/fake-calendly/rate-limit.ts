/** Calendly's per-user rate limit: a fixed 60-second window on the fake clock, reported on every response. */

const WINDOW_MS = 60_000;

/** The rate-limit headers of one response, and whether the request is over the limit. */
export interface RateDecision {
  limited: boolean;
  headers: { 'X-RateLimit-Limit': string; 'X-RateLimit-Remaining': string; 'X-RateLimit-Reset': string };
}

/** Counts requests per key (a user URI, or "anonymous") in fixed windows that start at a key's first request. */
export function createRateLimiter() {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    /** Counts one request by `key` at `now` against `limit` per window. */
    take(key: string, now: number, limit: number): RateDecision {
      let w = windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) {
        w = { start: now, used: 0 };
        windows.set(key, w);
      }
      w.used += 1;
      const limited = w.used > limit;
      const reset = Math.max(0, Math.ceil((w.start + WINDOW_MS - now) / 1000));
      return {
        limited,
        headers: {
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': String(Math.max(0, limit - w.used)),
          'X-RateLimit-Reset': String(reset),
        },
      };
    },
    /** Forgets every window. */
    reset(): void {
      windows.clear();
    },
  };
}
