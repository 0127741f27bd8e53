import { describe, expect, it } from 'vitest';
import { CalendlyError } from '../calendly/errors';
import { fakeClock } from '../calendly/testing';
import { memoryArea } from './cache';
import { createScheduler, timeLeftMs, type SchedulerOptions } from './scheduler';

const T0 = Date.parse('2026-11-27T12:00:00Z');
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('timeLeftMs', () => {
  const rate = (remaining: number, resetInS: number, limit = 120) => ({ limit, remaining, resetAt: T0 + resetInS * 1000 });
  it('is unknown without a limit, zero with nothing left or when it fits in what the window has left', () => {
    expect(timeLeftMs(10, null, T0)).toBeNull();
    expect(timeLeftMs(0, null, T0)).toBe(0);
    expect(timeLeftMs(50, rate(60, 30), T0)).toBe(0);
  });
  it('waits for the reset, then one minute per window of (limit - reserve) requests; the last window goes at once', () => {
    // 60 now, then 118 a window (reserve 2): 300 = 60 + 118 + 118 + 4 -> reset + 2 more minutes.
    expect(timeLeftMs(300, rate(60, 30), T0)).toBe(30_000 + 2 * 60_000);
    expect(timeLeftMs(61, rate(60, 30), T0)).toBe(30_000);
    // 2,000 members x 2 requests at 500 a minute from an empty window: 8 full windows and a bit.
    expect(timeLeftMs(4000, rate(0, 60, 500), T0)).toBe(60_000 + 8 * 60_000);
  });
});

function setup(
  over: Partial<Omit<SchedulerOptions<{ label: string }, string>, 'store'>> & {
    store?: ReturnType<typeof memoryArea>;
    fail?: Set<string>;
  } = {},
) {
  const clock = fakeClock('2026-11-27T12:00:00Z');
  const store = over.store ?? memoryArea();
  const started: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const { fail: _fail, store: _store, ...rest } = over;
  const scheduler = createScheduler<{ label: string }, string>({
    key: 'job',
    now: clock.now,
    task: async (item: string, job: { meta: { label: string } }) => {
      started.push(item);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      inFlight--;
      if (over.fail?.has(item)) throw new CalendlyError({ kind: 'server', message: `no ${item}` });
      return `${job.meta.label}:${item}`;
    },
    ...rest,
    store,
  });
  return { scheduler, store, clock, started, maxInFlight: () => maxInFlight };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => `i${i}`);

describe('scheduler', () => {
  it('runs every item with at most `concurrency` in flight and persists the results', async () => {
    const s = setup({ concurrency: 3 });
    await s.scheduler.start('a', { label: 'A' }, items(10));
    await s.scheduler.idle();
    expect(s.maxInFlight()).toBe(3);
    const job = await s.scheduler.get();
    expect(job?.status).toBe('done');
    expect(job?.finishedAt).toBe(T0);
    expect(Object.keys(job!.results)).toHaveLength(10);
    expect(job!.results.i4).toEqual({ ok: true, value: 'A:i4' });
    expect(s.store.data.get('job')).toEqual(job);
  });

  it('keeps failures as error info and goes on', async () => {
    const s = setup({ fail: new Set(['i1']) });
    await s.scheduler.start('a', { label: 'A' }, items(3));
    await s.scheduler.idle();
    const job = await s.scheduler.get();
    expect(job?.results.i1).toEqual({ ok: false, error: { kind: 'server', message: 'no i1' } });
    expect(job?.status).toBe('done');
  });

  it('starting the same job again keeps successes and retries failures; another id starts over', async () => {
    const store = memoryArea();
    const first = setup({ store, fail: new Set(['i1']) });
    await first.scheduler.start('a', { label: 'A' }, items(3));
    await first.scheduler.idle();
    const again = setup({ store });
    await again.scheduler.start('a', { label: 'A' }, items(3));
    await again.scheduler.idle();
    expect(again.started).toEqual(['i1']);
    const other = setup({ store });
    await other.scheduler.start('b', { label: 'B' }, items(3));
    await other.scheduler.idle();
    expect(other.started).toEqual(['i0', 'i1', 'i2']);
  });

  it('resumes a running job found in the store, only with the items that have no result', async () => {
    const store = memoryArea();
    await store.set('job', {
      id: 'a',
      meta: { label: 'A' },
      items: items(5),
      results: { i0: { ok: true, value: 'A:i0' }, i3: { ok: true, value: 'A:i3' } },
      status: 'running',
      startedAt: T0 - 1000,
      finishedAt: null,
    });
    const s = setup({ store });
    expect((await s.scheduler.get())?.status).toBe('running');
    await s.scheduler.idle();
    expect(s.started).toEqual(['i1', 'i2', 'i4']);
    expect((await s.scheduler.get())?.status).toBe('done');
    // A finished or cancelled job is not resumed.
    const later = setup({ store });
    await later.scheduler.get();
    await later.scheduler.idle();
    expect(later.started).toEqual([]);
  });

  it('pause starts nothing new and survives a restart as paused; starting the same job continues it', async () => {
    const store = memoryArea();
    const s = setup({ store, concurrency: 2 });
    await s.scheduler.start('a', { label: 'A' }, items(6));
    await s.scheduler.pause();
    await s.scheduler.idle();
    expect(s.started).toEqual(['i0', 'i1']);
    const job = await s.scheduler.get();
    expect(job?.status).toBe('paused');
    expect(Object.keys(job!.results)).toEqual(['i0', 'i1']);
    const restarted = setup({ store });
    expect((await restarted.scheduler.get())?.status).toBe('paused');
    await restarted.scheduler.idle();
    expect(restarted.started).toEqual([]);
    await restarted.scheduler.start('a', { label: 'A' }, items(6));
    await restarted.scheduler.idle();
    expect(restarted.started).toEqual(['i2', 'i3', 'i4', 'i5']);
    expect((await restarted.scheduler.get())?.startedAt).toBe(job?.startedAt);
  });

  it('a job stored by an older version as cancelled reads as paused', async () => {
    const store = memoryArea();
    await store.set('job', { id: 'a', meta: { label: 'A' }, items: items(2), results: {}, status: 'cancelled', startedAt: T0, finishedAt: T0 });
    const s = setup({ store });
    expect((await s.scheduler.get())?.status).toBe('paused');
  });

  it('knows the requests left (items without a result x cost) and the time they take at the current limit', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const s = setup({
      concurrency: 1,
      cost: () => 3,
      rateLimit: () => ({ limit: 120, remaining: 10, resetAt: T0 + 20_000 }),
      task: async (item) => {
        if (item !== 'i0') await gate;
        return item;
      },
    });
    await s.scheduler.start('a', { label: 'A' }, items(50));
    await new Promise((r) => setTimeout(r, 0));
    const job = (await s.scheduler.peek())!;
    // i0 done, i1 in flight: 49 x 3 = 147 requests; 10 now, 118 after the reset, 19 a minute later.
    expect(s.scheduler.progress(job)).toMatchObject({ requestsLeft: 147, timeLeftMs: 20_000 + 60_000 });
    release();
    await s.scheduler.idle();
    expect(s.scheduler.progress((await s.scheduler.get())!)).toMatchObject({ requestsLeft: 0, timeLeftMs: 0 });
  });

  it('when answers, not the limit, hold it back, the time left follows the pace seen', async () => {
    const clock = fakeClock('2026-11-27T12:00:00Z');
    const s = setup({
      concurrency: 2,
      cost: () => 2,
      now: clock.now,
      rateLimit: () => ({ limit: 500, remaining: 400, resetAt: T0 + 30_000 }),
      task: async (item) => {
        clock.advance(1_000); // each member takes a second
        return item;
      },
    });
    await s.scheduler.start('a', { label: 'A' }, items(8));
    await s.scheduler.idle();
    const job = (await s.scheduler.get())!;
    // Done: nothing left. Halfway (as if 4 of 8 were left), 4 items at the 8 s per 8 seen would be 4 s.
    expect(s.scheduler.progress(job).timeLeftMs).toBe(0);
    const half = { ...job, results: Object.fromEntries(Object.entries(job.results).slice(0, 4)) };
    expect(s.scheduler.progress(half)).toMatchObject({ requestsLeft: 8, timeLeftMs: 4_000 });
  });

  it('writes a running job at most every persistEveryMs, and its end at once', async () => {
    const store = memoryArea();
    let writes = 0;
    const counting = { ...store, set: async (k: string, v: unknown) => void (writes++, await store.set(k, v)) };
    const s = setup({ store: counting as typeof store, persistEveryMs: 60_000 });
    await s.scheduler.start('a', { label: 'A' }, items(40));
    await s.scheduler.idle();
    // start + at most one result write in the first minute + done (flushed at idle at the latest)
    expect(writes).toBeLessThanOrEqual(4);
    const job = await s.scheduler.get();
    expect(job?.status).toBe('done');
    expect(store.data.get('job')).toEqual(job);
  });

  it('clear forgets the job', async () => {
    const s = setup();
    await s.scheduler.start('a', { label: 'A' }, items(2));
    await s.scheduler.clear();
    await s.scheduler.idle();
    expect(await s.scheduler.get()).toBeNull();
    expect(s.store.data.has('job')).toBe(false);
  });
});
