/**
 * The one bounded-concurrency pool: the Calendly client's windowed requests (`runOrdered`) and the background
 * scheduler's members (lib/background/scheduler.ts) both run on `runPool`.
 */

export interface PoolOptions {
  /** Checked before each task starts: true starts nothing more (tasks in flight finish). */
  stop?: () => boolean;
}

/**
 * Starts `task(0) … task(count - 1)` in index order with at most `concurrency` in flight, until all have run or
 * `stop()` says so. Resolves when every started task has settled; a task's rejection is not caught here (the
 * task decides what a failure means).
 */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>, opts: PoolOptions = {}): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count && !opts.stop?.()) await task(next++);
  };
  const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
  await Promise.all(Array.from({ length: lanes }, lane));
}

/**
 * Starts `task(0) … task(count - 1)` in index order with at most `concurrency` in flight, and stops
 * starting new tasks once `enough(completedResults)` is true. Results come back by index (`undefined`
 * for tasks never started). If any task fails, no new task starts; after the in-flight ones settle,
 * the error of the lowest failing index is thrown.
 */
export async function runOrdered<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  enough: (completed: T[]) => boolean = () => false,
): Promise<(T | undefined)[]> {
  const results: (T | undefined)[] = new Array<T | undefined>(count).fill(undefined);
  const completed: T[] = [];
  const errors = new Map<number, unknown>();
  await runPool(
    count,
    concurrency,
    async (i) => {
      try {
        const r = await task(i);
        results[i] = r;
        completed.push(r);
      } catch (e) {
        errors.set(i, e);
      }
    },
    { stop: () => errors.size > 0 || enough(completed) },
  );
  if (errors.size > 0) throw errors.get(Math.min(...errors.keys()));
  return results;
}
