/**
 * A resumable job runner for long fan-outs over the Calendly API (the team summary: one set of requests per
 * organization member). It runs a job's items with bounded concurrency, paces itself from the rate-limit
 * state the Calendly client last saw (the client itself already waits out a 429's reset), and persists the
 * job — its items, results so far and status — in an injected key-value area after every change. A new
 * scheduler over the same area (the service worker was stopped and started again) continues with the
 * items that have no result yet. Cancelling stops it from starting anything new.
 */
import { toErrorInfo, type ErrorInfo } from '../calendly/errors';
import type { RateLimit } from '../calendly/http';
import type { KeyValueArea } from './cache';

export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: ErrorInfo };

export type JobStatus = 'running' | 'done' | 'cancelled';

/** Everything persisted about a job. Plain data, so it survives structured cloning and JSON. */
export interface JobState<M, R> {
  /** Same id = same job: starting it again keeps its successful results. */
  id: string;
  meta: M;
  /** Item keys in order. */
  items: string[];
  /** Results by item key; an item without a result is still to do (or in flight). */
  results: Record<string, ItemResult<R>>;
  status: JobStatus;
  startedAt: number;
  finishedAt: number | null;
}

export interface SchedulerOptions<M, R> {
  store: KeyValueArea;
  /** Key of the job in `store`. */
  key: string;
  task: (item: string, job: { id: string; meta: M }) => Promise<R>;
  /** Items in flight at most (default 4). */
  concurrency?: number;
  /** Latest rate-limit state seen by the API client (`api.rateLimit`). */
  rateLimit?: () => RateLimit | null;
  /** About how many API requests one item costs, to spread them over what is left of a window (default 2). */
  requestsPerItem?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CONCURRENCY = 4;
/** Never wait longer than this at once: Calendly's windows reset within a minute. */
const MAX_PAUSE_MS = 60_000;

/**
 * How long to wait before starting the next item, given the rate-limit state:
 * - nothing known, the window already reset, or plenty left: no wait;
 * - only a reserve left (enough for the items in flight to finish): wait for the reset;
 * - under a quarter of the limit left: spread the remaining requests evenly over the rest of the window.
 */
export function pauseFor(rate: RateLimit | null, now: number, opts: { concurrency: number; requestsPerItem: number }): number {
  if (!rate || rate.limit <= 0) return 0;
  const untilReset = rate.resetAt - now;
  if (untilReset <= 0) return 0;
  const reserve = Math.max(2, opts.concurrency * opts.requestsPerItem);
  if (rate.remaining <= reserve) return Math.min(untilReset, MAX_PAUSE_MS);
  if (rate.remaining < rate.limit / 4) {
    const itemsLeftInWindow = Math.max(1, Math.floor((rate.remaining - reserve) / opts.requestsPerItem));
    return Math.min(Math.ceil(untilReset / itemsLeftInWindow), MAX_PAUSE_MS);
  }
  return 0;
}

export function createScheduler<M, R>(opts: SchedulerOptions<M, R>) {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY));
  const requestsPerItem = Math.max(1, opts.requestsPerItem ?? 2);

  /** This instance's copy of the job; `undefined` until read from the store. */
  let job: JobState<M, R> | null | undefined;
  /** The run loop of this instance, if one is going. */
  let running: { job: JobState<M, R>; stop: () => void } | null = null;
  /** Every run loop not finished yet, including stopped ones whose items are still in flight. */
  const loops = new Set<Promise<void>>();
  /** Writes are chained so an older snapshot never lands after a newer one. */
  let writes: Promise<void> = Promise.resolve();

  function snapshot(j: JobState<M, R>): JobState<M, R> {
    return structuredClone(j);
  }

  function persist(j: JobState<M, R>): Promise<void> {
    const copy = snapshot(j);
    writes = writes.then(() => opts.store.set(opts.key, copy)).catch(() => undefined);
    return writes;
  }

  async function load(): Promise<JobState<M, R> | null> {
    if (job === undefined) {
      const raw = (await opts.store.get(opts.key)) as JobState<M, R> | undefined;
      // Another call may have loaded or started a job while we awaited the store.
      if (job === undefined) job = raw && typeof raw === 'object' && Array.isArray(raw.items) ? raw : null;
    }
    return job;
  }

  /** Runs the items of `j` that have no result yet until all have one, or it is stopped. */
  function run(j: JobState<M, R>): void {
    let stopped = false;
    let wake: () => void = () => {};
    const woken = new Promise<void>((r) => (wake = r));
    const todo = j.items.filter((item) => !(item in j.results));
    let next = 0;

    // One pause per item: after it, the window has reset or the next request is spread out enough.
    const pause = async () => {
      const ms = pauseFor(opts.rateLimit?.() ?? null, now(), { concurrency, requestsPerItem });
      if (ms > 0 && !stopped) await Promise.race([sleep(ms), woken]);
    };

    const worker = async () => {
      while (!stopped && next < todo.length) {
        await pause();
        if (stopped || next >= todo.length) return;
        const item = todo[next++]!;
        let result: ItemResult<R>;
        try {
          result = { ok: true, value: await opts.task(item, { id: j.id, meta: j.meta }) };
        } catch (e) {
          result = { ok: false, error: toErrorInfo(e) };
        }
        // A result that arrives after a cancel is still true; one for a replaced job is dropped.
        if (job !== j) return;
        j.results[item] = result;
        await persist(j);
      }
    };

    const done = (async () => {
      await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
      if (!stopped && job === j && j.status === 'running') {
        j.status = 'done';
        j.finishedAt = now();
        await persist(j);
      }
      if (running?.job === j) running = null;
    })();
    loops.add(done);
    void done.finally(() => loops.delete(done));
    running = {
      job: j,
      stop: () => {
        stopped = true;
        wake();
      },
    };
  }

  function stopRunning(): void {
    running?.stop();
    running = null;
  }

  return {
    /**
     * Starts job `id` over `items`. The same id as the stored job keeps its successful results (so starting
     * again after a cancel or a failure only does what is left); another id replaces the job.
     */
    async start(id: string, meta: M, items: string[]): Promise<JobState<M, R>> {
      const prev = await load();
      stopRunning();
      const results: Record<string, ItemResult<R>> = {};
      if (prev && prev.id === id) {
        for (const item of items) {
          const r = prev.results[item];
          if (r?.ok) results[item] = r;
        }
      }
      const j: JobState<M, R> = {
        id,
        meta,
        items: [...new Set(items)],
        results,
        status: 'running',
        startedAt: now(),
        finishedAt: null,
      };
      job = j;
      await persist(j);
      run(j);
      return snapshot(j);
    },

    /**
     * The current job, or null. A job the store says is running but nobody runs (this is a new instance
     * after a restart) is resumed here.
     */
    async get(): Promise<JobState<M, R> | null> {
      const j = await load();
      if (!j) return null;
      if (j.status === 'running' && running?.job !== j) run(j);
      return snapshot(j);
    },

    /** The current job as stored, without resuming it. */
    async peek(): Promise<JobState<M, R> | null> {
      const j = await load();
      return j ? snapshot(j) : null;
    },

    /** Stops starting items; those in flight still record their results. */
    async cancel(): Promise<JobState<M, R> | null> {
      const j = await load();
      stopRunning();
      if (!j) return null;
      if (j.status === 'running') {
        j.status = 'cancelled';
        j.finishedAt = now();
        await persist(j);
      }
      return snapshot(j);
    },

    /** Forgets the job (e.g. another account connected). */
    async clear(): Promise<void> {
      stopRunning();
      job = null;
      writes = writes.then(() => opts.store.remove([opts.key])).catch(() => undefined);
      await writes;
    },

    /** Resolves when this instance's run loops (and items in flight) have finished and their writes landed. */
    async idle(): Promise<void> {
      while (loops.size > 0) await Promise.all([...loops]);
      await writes;
    },

    /** True while this instance runs the job. */
    isRunning(): boolean {
      return running !== null;
    },
  };
}

export type Scheduler<M, R> = ReturnType<typeof createScheduler<M, R>>;
