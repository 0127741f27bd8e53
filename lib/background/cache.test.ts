import { describe, expect, it, vi } from 'vitest';
import { CACHE_TTL, createCache, memoryArea, StaleLoadError } from './cache';

describe('createCache', () => {
  it('loads once and serves from the area until the TTL passes', async () => {
    let t = 1_000;
    const cache = createCache(memoryArea(), () => t);
    const load = vi.fn(async () => ['a']);
    expect(await cache.getOrLoad('k', 100, load)).toEqual(['a']);
    t += 99;
    expect(await cache.getOrLoad('k', 100, load)).toEqual(['a']);
    expect(load).toHaveBeenCalledTimes(1);
    t += 1;
    await cache.getOrLoad('k', 100, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one flight between concurrent callers', async () => {
    const cache = createCache(memoryArea());
    let resolve!: (v: number) => void;
    const load = vi.fn(() => new Promise<number>((r) => (resolve = r)));
    const calls = Array.from({ length: 20 }, () => cache.getOrLoad('k', 1000, load));
    await vi.waitFor(() => expect(load).toHaveBeenCalled());
    resolve(7);
    expect(await Promise.all(calls)).toEqual(Array(20).fill(7));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache failures', async () => {
    const cache = createCache(memoryArea());
    const load = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce(1);
    await expect(cache.getOrLoad('k', 1000, load)).rejects.toThrow('boom');
    expect(await cache.getOrLoad('k', 1000, load)).toBe(1);
  });

  it('survives a restart: a new cache over the same area answers without loading', async () => {
    const area = memoryArea();
    await createCache(area).getOrLoad('k', 60_000, async () => 'v');
    const load = vi.fn(async () => 'other');
    expect(await createCache(area).getOrLoad('k', 60_000, load)).toBe('v');
    expect(load).not.toHaveBeenCalled();
  });

  it('clear forgets everything', async () => {
    const area = memoryArea();
    const cache = createCache(area);
    await cache.getOrLoad('k', 60_000, async () => 'v');
    await cache.clear();
    expect(area.data.size).toBe(0);
  });
});

/** A load the test finishes by hand. */
function gated<T>() {
  let resolve!: (v: T) => void;
  const load = vi.fn(() => new Promise<T>((r) => (resolve = r)));
  return { load, finish: (v: T) => resolve(v) };
}

describe('createCache races (issue 14)', () => {
  it('clear() during a load: the old load writes nothing back, and its callers do not get its answer', async () => {
    const area = memoryArea();
    const cache = createCache(area);
    const old = gated<string>();
    const pending = cache.getOrLoad('slots:x', 60_000, old.load);
    const settled = pending.then(
      (v) => ({ ok: true, v }),
      (e: unknown) => ({ ok: false, e }),
    );
    await vi.waitFor(() => expect(old.load).toHaveBeenCalled());
    await cache.clear(); // disconnect / account switch
    old.finish('old account');
    const r = await settled;
    expect(r.ok).toBe(false);
    expect((r as { e: unknown }).e).toBeInstanceOf(StaleLoadError);
    expect(area.data.has('slots:x')).toBe(false);
  });

  it('clear() during a load: the next caller starts its own load for the new account', async () => {
    const cache = createCache(memoryArea());
    const old = gated<string>();
    void cache.getOrLoad('k', 60_000, old.load).catch(() => undefined);
    await vi.waitFor(() => expect(old.load).toHaveBeenCalled());
    await cache.clear();
    const fresh = vi.fn(async () => 'new account');
    expect(await cache.getOrLoad('k', 60_000, fresh)).toBe('new account');
    old.finish('old account');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.getOrLoad('k', 60_000, fresh)).toBe('new account');
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('after forget(), the old load neither removes the new load from flight nor overwrites its answer', async () => {
    const area = memoryArea();
    const cache = createCache(area);
    const first = gated<string>();
    const p1 = cache.getOrLoad('k', 60_000, first.load);
    await vi.waitFor(() => expect(first.load).toHaveBeenCalled());
    await cache.forget(['k']);
    const second = gated<string>();
    const p2 = cache.getOrLoad('k', 60_000, second.load);
    await vi.waitFor(() => expect(second.load).toHaveBeenCalled());
    first.finish('stale');
    await p1.catch(() => undefined);
    // A third caller while the second load is still in flight joins it: no duplicate request.
    const third = vi.fn(async () => 'duplicate');
    const p3 = cache.getOrLoad('k', 60_000, third);
    second.finish('current');
    expect(await p2).toBe('current');
    expect(await p3).toBe('current');
    expect(third).not.toHaveBeenCalled();
    expect((area.data.get('k') as { value: string }).value).toBe('current');
  });

  it('a failed storage write (quota) is a cache miss, not an error', async () => {
    const area = memoryArea();
    area.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const cache = createCache(area);
    const load = vi.fn(async () => 'answer');
    expect(await cache.getOrLoad('k', 60_000, load)).toBe('answer');
    expect(await cache.getOrLoad('k', 60_000, load)).toBe('answer');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a failed storage read is a cache miss, not an error', async () => {
    const area = memoryArea();
    area.get = async () => {
      throw new Error('storage unavailable');
    };
    expect(await createCache(area).getOrLoad('k', 60_000, async () => 'answer')).toBe('answer');
  });

  it('removes an expired entry when it is read', async () => {
    let t = 0;
    const area = memoryArea();
    const cache = createCache(area, () => t);
    await cache.getOrLoad('k', 100, async () => 'v');
    t = 100;
    expect(await cache.read('k')).toBeUndefined();
    expect(area.data.has('k')).toBe(false);
  });

  it('prunes expired entries of other keys too (keys nobody reads again)', async () => {
    let t = 0;
    const area = memoryArea();
    const cache = createCache(area, () => t);
    await cache.getOrLoad('busy:a', 100, async () => 1);
    await cache.getOrLoad('busy:b', 100, async () => 2);
    await cache.getOrLoad('long', 10 * 60_000, async () => 3);
    area.data.set('teamSummary', { status: 'running' }); // not a cache entry: never touched
    t = 5 * 60_000;
    await cache.getOrLoad('other', 100, async () => 4);
    await vi.waitFor(() => expect([...area.data.keys()].sort()).toEqual(['long', 'other', 'teamSummary']));
  });
});

describe('CACHE_TTL', () => {
  it('is the one table every cached kind takes its lifetime from', () => {
    expect(CACHE_TTL).toEqual({
      eventTypes: 5 * 60_000,
      slots: 60_000,
      members: 10 * 60_000,
      schedules: 5 * 60_000,
      busy: 2 * 60_000,
      teamMember: 10 * 60_000,
    });
  });
});
