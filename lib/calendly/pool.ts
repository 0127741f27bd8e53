/** Ordered, bounded-concurrency task runner used for windowed Calendly requests. */

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
  let next = 0;

  const stop = () => errors.size > 0 || enough(completed);

  async function worker(): Promise<void> {
    while (next < count && !stop()) {
      const i = next++;
      try {
        const r = await task(i);
        results[i] = r;
        completed.push(r);
      } catch (e) {
        errors.set(i, e);
      }
    }
  }

  const lanes = Math.max(1, Math.min(concurrency, count));
  await Promise.all(Array.from({ length: lanes }, worker));
  if (errors.size > 0) throw errors.get(Math.min(...errors.keys()));
  return results;
}
