/**
 * A small TTL cache over an async key-value area (the extension's session storage in production, so a
 * stopped and restarted service worker still answers from it), plus single-flight: concurrent callers of
 * the same key share one pending promise instead of sending a second request.
 *
 * State is never served stale or from the wrong account:
 * - every load has a generation; `clear()` (disconnect, account switch) and `forget()` start a new one, and
 *   a load writes its answer back only while its generation is current. Loads that `clear()` overtook
 *   reject with `StaleLoadError` (their answer may belong to the account that just left), and their
 *   `finally` never removes a newer load from flight;
 * - the area is a cache, not a store: a failed read or write (e.g. the session storage quota) is a miss;
 * - expired entries are removed when read, and a sweep (at most once a minute) removes those nobody reads.
 */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(keys: string[]): Promise<void>;
  clear(): Promise<void>;
  /** Every key and value (for the sweep of expired entries); areas without it are pruned on read only. */
  entries?(): Promise<Record<string, unknown>>;
}

/**
 * How long each kind of cached Calendly data is kept: the ONE table (the background service and the
 * availability view both take their lifetimes from it). Available times and busy times change when someone
 * books, so they are kept briefly.
 */
export const CACHE_TTL = {
  eventTypes: 5 * 60_000,
  slots: 60_000,
  members: 10 * 60_000,
  schedules: 5 * 60_000,
  busy: 2 * 60_000,
  teamMember: 10 * 60_000,
} as const;

/** A load overtaken by `clear()`: its answer was not kept and must not be shown (it may be another account's). */
export class StaleLoadError extends Error {
  override name = 'StaleLoadError';
  constructor() {
    super('The cache was cleared while this answer was loading.');
  }
}

interface Entry<T> {
  /** Marks the area's values this cache owns (the same area also holds other state). */
  cache: 1;
  value: T;
  expiresAt: number;
}

function isEntry(v: unknown): v is Entry<unknown> {
  return typeof v === 'object' && v !== null && (v as Entry<unknown>).cache === 1 && typeof (v as Entry<unknown>).expiresAt === 'number';
}

/** How often, at most, the whole area is swept for expired entries. */
const SWEEP_EVERY_MS = 60_000;

export function createCache(area: KeyValueArea, now: () => number = Date.now) {
  /** Loads in flight, by key, each with its own token (identity) and the cache generation it started in. */
  const inFlight = new Map<string, { promise: Promise<unknown>; token: object; generation: number }>();
  let generation = 0;
  let lastSweep = Number.NEGATIVE_INFINITY;

  async function read<T>(key: string): Promise<T | undefined> {
    let entry: unknown;
    try {
      entry = await area.get(key);
    } catch {
      return undefined;
    }
    if (!isEntry(entry)) return undefined;
    if (entry.expiresAt <= now()) {
      await area.remove([key]).catch(() => undefined);
      return undefined;
    }
    return entry.value as T;
  }

  /** Removes every expired entry of this cache (at most once a minute; never throws). */
  async function sweep(): Promise<void> {
    if (!area.entries || now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now();
    try {
      const all = await area.entries();
      const expired = Object.keys(all).filter((k) => isEntry(all[k]) && all[k].expiresAt <= now() && !inFlight.has(k));
      if (expired.length) await area.remove(expired);
    } catch {
      // Nothing lost: the next sweep tries again.
    }
  }

  return {
    read,
    /**
     * The cached value, or `load()` once for all concurrent callers, stored for `ttlMs` (from `CACHE_TTL`).
     * `fresh` skips a stored value (the user asked to refresh) but still joins a load already in flight.
     * Rejects with `StaleLoadError` when `clear()` happened while the load ran.
     */
    async getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>, fresh = false): Promise<T> {
      void sweep();
      const early = inFlight.get(key);
      if (early) return early.promise as Promise<T>;
      const cached = fresh ? undefined : await read<T>(key);
      if (cached !== undefined) return cached;
      // Another caller may have started loading while we read the area.
      const pending = inFlight.get(key);
      if (pending) return pending.promise as Promise<T>;
      const token = {};
      const started = generation;
      const current = () => inFlight.get(key)?.token === token && generation === started;
      const promise = (async () => {
        try {
          const value = await load();
          if (generation !== started) throw new StaleLoadError();
          if (current()) {
            try {
              await area.set(key, { cache: 1, value, expiresAt: now() + ttlMs } satisfies Entry<T>);
            } catch {
              // Not kept (e.g. the storage quota is full): the answer is still good, the next caller loads again.
            }
            // A clear() while writing: take back what was written for the old generation.
            if (generation !== started) {
              await area.remove([key]).catch(() => undefined);
              throw new StaleLoadError();
            }
          }
          return value;
        } finally {
          if (inFlight.get(key)?.token === token) inFlight.delete(key);
        }
      })();
      inFlight.set(key, { promise, token, generation: started });
      return promise;
    },
    /** Forgets the stored values of `keys` (an answer that turned out stale); loads in flight for them are not kept. */
    async forget(keys: string[]) {
      for (const k of keys) inFlight.delete(k);
      await area.remove(keys);
    },
    /** Forgets everything (disconnect, account switch): loads in flight are neither kept nor answered. */
    async clear() {
      generation++;
      inFlight.clear();
      await area.clear();
    },
  };
}

/** A KeyValueArea in memory, for tests. */
export function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key) {
      return data.get(key);
    },
    async set(key, value) {
      data.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
    async clear() {
      data.clear();
    },
    async entries() {
      return Object.fromEntries(data);
    },
  };
}
