import { describe, expect, it, vi } from 'vitest';
import { CalendlyError } from '../calendly/errors';
import { fakeClock } from '../calendly/testing';
import { memoryArea } from './cache';
import { createScheduler, pauseFor, type SchedulerOptions } from './scheduler';

const T0 = Date.parse('2026-11-27T12:00:00Z');
const opts = { concurrency: 4, requestsPerItem: 2 };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('pauseFor', () => {
  it('does not wait with no rate-limit state, plenty left, or a window that has reset', () => {
    expect(pauseFor(null, T0, opts)).toBe(0);
    expect(pauseFor({ limit: 500, remaining: 400, resetAt: T0 + 30_000 }, T0, opts)).toBe(0);
    expect(pauseFor({ limit: 500, remaining: 0, resetAt: T0 - 1 }, T0, opts)).toBe(0);
  });

  it('spreads the remaining requests over the window below a quarter of the limit', () => {
    // 58 left, 8 kept in reserve: 25 items of 2 requests over 30 s.
    expect(pauseFor({ limit: 500, remaining: 58, resetAt: T0 + 30_000 }, T0, opts)).toBe(1200);
    // Fewer left: longer pauses.
    expect(pauseFor({ limit: 500, remaining: 18, resetAt: T0 + 30_000 }, T0, opts)).toBe(6000);
  });

  it('waits for the reset (at most a minute) when only the reserve is left', () => {
    expect(pauseFor({ limit: 50, remaining: 8, resetAt: T0 + 20_000 }, T0, opts)).toBe(20_000);
    expect(pauseFor({ limit: 50, remaining: 0, resetAt: T0 + 600_000 }, T0, opts)).toBe(60_000);
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
    sleep: clock.sleep,
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

  it('cancel starts nothing new and survives a restart as cancelled', async () => {
    const store = memoryArea();
    const s = setup({ store, concurrency: 2 });
    await s.scheduler.start('a', { label: 'A' }, items(6));
    await s.scheduler.cancel();
    await s.scheduler.idle();
    expect(s.started).toEqual(['i0', 'i1']);
    const job = await s.scheduler.get();
    expect(job?.status).toBe('cancelled');
    expect(Object.keys(job!.results)).toEqual(['i0', 'i1']);
    const restarted = setup({ store });
    expect((await restarted.scheduler.get())?.status).toBe('cancelled');
    await restarted.scheduler.idle();
    expect(restarted.started).toEqual([]);
  });

  it('waits out a nearly spent rate-limit window before starting the next item', async () => {
    const clock = fakeClock('2026-11-27T12:00:00Z');
    const rate = vi.fn(() => ({ limit: 50, remaining: 3, resetAt: T0 + 15_000 }));
    const s = setup({ rateLimit: rate, now: clock.now, sleep: clock.sleep, concurrency: 1 });
    await s.scheduler.start('a', { label: 'A' }, items(2));
    await s.scheduler.idle();
    expect(clock.sleeps).toEqual([15_000]);
    expect(s.started).toEqual(['i0', 'i1']);
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
