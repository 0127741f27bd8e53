/**
 * A small TTL cache over an async key-value area (the extension's session storage in production, so a
 * stopped and restarted service worker still answers from it), plus single-flight: concurrent callers of
 * the same key share one pending promise instead of sending a second request.
 */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export function createCache(area: KeyValueArea, now: () => number = Date.now) {
  const inFlight = new Map<string, Promise<unknown>>();

  async function read<T>(key: string): Promise<T | undefined> {
    const entry = (await area.get(key)) as Entry<T> | undefined;
    if (!entry || typeof entry !== 'object' || !('expiresAt' in entry)) return undefined;
    if (entry.expiresAt <= now()) return undefined;
    return entry.value;
  }

  return {
    read,
    /**
     * The cached value, or `load()` once for all concurrent callers, stored for `ttlMs`.
     * `fresh` skips a stored value (the user asked to refresh) but still joins a load already in flight.
     */
    async getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>, fresh = false): Promise<T> {
      const early = inFlight.get(key) as Promise<T> | undefined;
      if (early) return early;
      const cached = fresh ? undefined : await read<T>(key);
      if (cached !== undefined) return cached;
      // Another caller may have started loading while we read the area.
      const pending = inFlight.get(key) as Promise<T> | undefined;
      if (pending) return pending;
      const p = (async () => {
        try {
          const value = await load();
          await area.set(key, { value, expiresAt: now() + ttlMs } satisfies Entry<T>);
          return value;
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, p);
      return p;
    },
    /** Forgets the stored values of `keys` (an answer that turned out stale). */
    async forget(keys: string[]) {
      for (const k of keys) inFlight.delete(k);
      await area.remove(keys);
    },
    async clear() {
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
  };
}
