/**
 * A resumable job runner for long fan-outs over the Calendly API (the team summary: one set of requests per
 * organization member). It runs a job's items on the one concurrency pool (lib/calendly/pool.ts), knows what
 * each item costs in requests, and persists the job — its items, results so far and status — in an injected
 * key-value area. A new scheduler over the same area (the service worker was stopped and started again)
 * continues with the items that have no result yet. Pausing stops it from starting anything new.
 *
 * Pacing is per request, from the X-RateLimit-* headers of every answer (lib/calendly/pacer.ts, inside the
 * client): the scheduler keeps enough members in flight to use the whole window, and turns the requests left
 * (items left × cost) and the current limit into the time left.
 */
import { toErrorInfo, type ErrorInfo } from '../calendly/errors';
import { reserveFor, WINDOW_MS, type RateLimit } from '../calendly/pacer';
import { runPool } from '../calendly/pool';
import type { KeyValueArea } from './cache';

export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: ErrorInfo };

export type JobStatus = 'running' | 'done' | 'paused';

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
  /** Items in flight at most (default 6). */
  concurrency?: number;
  /** API requests one item of the job costs (default 1). */
  cost?: (meta: M) => number;
  /** The rate-limit window as the API client sees it (`api.rateLimit`), for the time left. */
  rateLimit?: () => RateLimit | null;
  /** Called every 20 s while a job runs: an extension API call keeps a Manifest V3 service worker alive. */
  heartbeat?: () => Promise<unknown>;
  /** Writes of a running job at most this often, in real milliseconds (default 1000); status changes at once. */
  persistEveryMs?: number;
  now?: () => number;
}

/**
 * Members in flight at most. Each has one request out at a time (schedules, then each busy-times week), so at
 * 200–300 ms per answer 6 of them keep up with a paid plan's 500 requests a minute; the pacer decides when.
 */
export const DEFAULT_CONCURRENCY = 6;
const HEARTBEAT_MS = 20_000;

/**
 * About how long `requests` take at the rate limit `rate`: what is left of the current window goes at once,
 * then one full window per `limit` requests (less the pacer's reserve); the last window's requests go as soon as
 * it opens. Null when nothing is known about the limit yet.
 */
export function timeLeftMs(requests: number, rate: RateLimit | null, now: number): number | null {
  if (requests <= 0) return 0;
  if (!rate || !(rate.limit > 0)) return null;
  if (requests <= rate.remaining) return 0;
  const perWindow = Math.max(1, rate.limit - reserveFor(rate.limit));
  const windows = Math.ceil((requests - Math.max(0, rate.remaining)) / perWindow);
  return Math.max(0, rate.resetAt - now) + (windows - 1) * WINDOW_MS;
}

export function createScheduler<M, R>(opts: SchedulerOptions<M, R>) {
  const now = opts.now ?? Date.now;
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY));
  const persistEveryMs = opts.persistEveryMs ?? 1000;

  /** This instance's copy of the job; `undefined` until read from the store. */
  let job: JobState<M, R> | null | undefined;
  /** The run loop of this instance, if one is going. */
  let running: { job: JobState<M, R>; stop: () => void } | null = null;
  /** Every run loop not finished yet, including stopped ones whose items are still in flight. */
  const loops = new Set<Promise<void>>();
  /** Writes are chained so an older snapshot never lands after a newer one. */
  let writes: Promise<void> = Promise.resolve();
  /** A change not written yet, and the timer that will write it. */
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  /** Items this instance finished since its run loop started, and when it started: the throughput seen. */
  let seen = { since: 0, items: 0 };

  function snapshot(j: JobState<M, R>): JobState<M, R> {
    return structuredClone(j);
  }

  /** Writes the current job now (after any write in progress). */
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    writes = writes
      .then(async () => {
        if (!dirty) return;
        dirty = false;
        lastWrite = Date.now();
        if (job) await opts.store.set(opts.key, snapshot(job));
      })
      .catch(() => undefined);
    return writes;
  }

  /**
   * Marks the job changed. A status change is written at once; results are written at most every
   * `persistEveryMs` (a 2,000-member job written after each member would copy it 2,000 times).
   */
  function persist(urgent: boolean): Promise<void> {
    dirty = true;
    if (urgent) return flush();
    if (timer === undefined) {
      const wait = lastWrite + persistEveryMs - Date.now();
      if (wait <= 0) return flush();
      timer = setTimeout(() => void flush(), wait);
    }
    return Promise.resolve();
  }

  async function load(): Promise<JobState<M, R> | null> {
    if (job === undefined) {
      const raw = (await opts.store.get(opts.key)) as (JobState<M, R> & { status: string }) | undefined;
      // Another call may have loaded or started a job while we awaited the store.
      if (job === undefined) {
        job = raw && typeof raw === 'object' && Array.isArray(raw.items) ? raw : null;
        // Stored by an older version, where pausing was called cancelling.
        if (job && (job.status as string) === 'cancelled') job.status = 'paused';
      }
    }
    return job;
  }

  /** Runs the items of `j` that have no result yet until all have one, or it is stopped. */
  function run(j: JobState<M, R>): void {
    let stopped = false;
    const todo = j.items.filter((item) => !(item in j.results));
    seen = { since: now(), items: 0 };
    const beat = opts.heartbeat ? setInterval(() => void opts.heartbeat!().catch(() => undefined), HEARTBEAT_MS) : undefined;

    const done = (async () => {
      await runPool(
        todo.length,
        concurrency,
        async (i) => {
          const item = todo[i]!;
          let result: ItemResult<R>;
          try {
            result = { ok: true, value: await opts.task(item, { id: j.id, meta: j.meta }) };
          } catch (e) {
            result = { ok: false, error: toErrorInfo(e) };
          }
          // A result that arrives after a pause is still true; one for a replaced job is dropped.
          if (job !== j) return;
          j.results[item] = result;
          seen.items++;
          await persist(false);
        },
        { stop: () => stopped || job !== j },
      );
      clearInterval(beat);
      if (!stopped && job === j && j.status === 'running') {
        j.status = 'done';
        j.finishedAt = now();
        await persist(true);
      }
      if (running?.job === j) running = null;
    })();
    loops.add(done);
    void done.finally(() => loops.delete(done));
    running = {
      job: j,
      stop: () => {
        stopped = true;
        clearInterval(beat);
      },
    };
  }

  function stopRunning(): void {
    running?.stop();
    running = null;
  }

  return {
    /**
     * Starts job `id` over `items`. The same id as the stored job keeps its successful results and its start
     * time (so starting again after a pause or a failure only does what is left); another id replaces the job.
     */
    async start(id: string, meta: M, items: string[]): Promise<JobState<M, R>> {
      const prev = await load();
      stopRunning();
      const same = prev?.id === id ? prev : null;
      const results: Record<string, ItemResult<R>> = {};
      if (same) {
        for (const item of items) {
          const r = same.results[item];
          if (r?.ok) results[item] = r;
        }
      }
      const j: JobState<M, R> = {
        id,
        meta,
        items: [...new Set(items)],
        results,
        status: 'running',
        startedAt: same ? same.startedAt : now(),
        finishedAt: null,
      };
      job = j;
      await persist(true);
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

    /** Stops starting items; those in flight still record their results. `start` with the same id continues. */
    async pause(): Promise<JobState<M, R> | null> {
      const j = await load();
      stopRunning();
      if (!j) return null;
      if (j.status === 'running') {
        j.status = 'paused';
        j.finishedAt = now();
        await persist(true);
      }
      return snapshot(j);
    },

    /** Forgets the job (e.g. another account connected). */
    async clear(): Promise<void> {
      stopRunning();
      job = null;
      dirty = false;
      clearTimeout(timer);
      timer = undefined;
      writes = writes.then(() => opts.store.remove([opts.key])).catch(() => undefined);
      await writes;
    },

    /**
     * Requests the items without a result still cost, and about how long they take: at the current rate limit,
     * or at the pace seen so far when that is slower (Calendly answering slowly, not the limit, holds it back).
     */
    progress(j: JobState<M, R>): { requestsLeft: number; timeLeftMs: number | null; rateLimit: RateLimit | null } {
      const left = j.items.reduce((n, item) => (item in j.results ? n : n + 1), 0);
      const requestsLeft = left * Math.max(0, opts.cost?.(j.meta) ?? 1);
      const rate = opts.rateLimit?.() ?? null;
      let ms = timeLeftMs(requestsLeft, rate, now());
      const elapsed = now() - seen.since;
      if (ms !== null && left > 0 && seen.items >= 2 * concurrency && elapsed > 0) ms = Math.max(ms, Math.round((left * elapsed) / seen.items));
      return { requestsLeft, timeLeftMs: ms, rateLimit: rate };
    },

    /** Resolves when this instance's run loops (and items in flight) have finished and their writes landed. */
    async idle(): Promise<void> {
      while (loops.size > 0) await Promise.all([...loops]);
      if (timer !== undefined) await flush();
      await writes;
    },

    /** True while this instance runs the job. */
    isRunning(): boolean {
      return running !== null;
    },
  };
}

export type Scheduler<M, R> = ReturnType<typeof createScheduler<M, R>>;
