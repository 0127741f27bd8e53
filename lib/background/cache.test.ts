import { describe, expect, it, vi } from 'vitest';
import { createCache, memoryArea } from './cache';

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
