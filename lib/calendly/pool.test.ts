import { describe, expect, it } from 'vitest';
import { runOrdered } from './pool';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('runOrdered', () => {
  it('starts tasks in order, keeps results by index, and bounds concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await runOrdered(7, 3, async (i) => {
      started.push(i);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, (7 - i) * 2)); // later tasks finish first
      inFlight--;
      return i * 10;
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
  });

  it('stops starting tasks once enough is known', async () => {
    const started: number[] = [];
    const results = await runOrdered(
      10,
      1,
      async (i) => {
        started.push(i);
        return [i];
      },
      (done) => done.length >= 2,
    );
    expect(started).toEqual([0, 1]);
    expect(results.filter(Boolean)).toHaveLength(2);
  });

  it('throws the lowest-index error after in-flight tasks settle, starting nothing new', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const run = runOrdered(6, 3, async (i) => {
      started.push(i);
      await tick();
      if (i === 0) await tick(); // task 0 finishes after 1 and 2 failed
      if (i === 1 || i === 2) throw new Error(`fail ${i}`);
      settled.push(i);
      return i;
    });
    await expect(run).rejects.toThrow('fail 1');
    expect(started).toEqual([0, 1, 2]);
    expect(settled).toEqual([0]);
  });

  it('handles zero tasks', async () => {
    expect(await runOrdered(0, 3, async () => 1)).toEqual([]);
  });
});
