/**
 * Request pacing from Calendly's X-RateLimit-* headers, one request at a time: every request waits here for
 * a place in the current rate-limit window, and every answer tells the pacer what the window looks like now.
 *
 * Calendly counts requests per user in fixed windows (X-RateLimit-Limit per window, X-RateLimit-Remaining
 * left, X-RateLimit-Reset seconds to the next one). The pacer keeps, for the current window:
 * - what the last answer said is left, minus every request of ours not answered yet (they may not have been
 *   counted when that answer was made; counting them again is the safe side);
 * - how many requests we sent in it, and how many the window lost to someone else (another app with the same
 *   user's token): the drop between answers that our own requests cannot explain. At each new window that
 *   other consumption is kept aside, so a quota shared with another app is not run into a second time.
 * A request goes when both say there is room (above a small reserve); otherwise it waits for the next answer
 * (one of ours in flight may free the view) or, with nothing in flight, for the reset. No fixed spreading: the
 * window's requests are sent as fast as they are answered, which is what makes a long fan-out take
 * (requests ÷ limit) minutes and not more.
 */

/** Last known rate-limit state; `resetAt` is epoch milliseconds, `remaining` what the pacer may still send. */
export interface RateLimit {
  limit: number;
  remaining: number;
  resetAt: number;
}

export interface PacerDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Calendly's windows are one minute; never wait longer than this at once. */
export const WINDOW_MS = 60_000;
/** Reset times are whole seconds (rounded up): within this, two answers speak of the same window. */
const SAME_WINDOW_SLACK_MS = 1_500;
/** At most this share of a window is kept aside for another app's requests (we still need to make progress). */
const MAX_FOREIGN_SHARE = 0.8;

/** Requests kept back in every window, for what cannot be seen coming (2 % of the limit, at least 2). */
export function reserveFor(limit: number): number {
  return Math.max(2, Math.floor(limit * 0.02));
}

function raceAbort(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createPacer(deps: PacerDeps) {
  const { now, sleep } = deps;
  /** The current window as far as we know; null before the first answer with rate-limit headers. */
  let win: {
    limit: number;
    /** Earliest reset time any answer gave for this window (never before the real one: the header rounds up). */
    resetAt: number;
    /** Remaining according to the latest answer. */
    remaining: number;
    /** Requests we sent in this window. */
    mine: number;
    /** Requests someone else made in this window (at least). */
    foreign: number;
    /** True while no answer has spoken of this window yet (we assumed a reset). */
    assumed: boolean;
  } | null = null;
  /** Another app's requests per window, learned from the last finished window. */
  let foreignPerWindow = 0;
  /** Our requests sent and not answered. */
  let outstanding = 0;
  /** Woken at every answer. */
  let waiters: Array<() => void> = [];

  function nextWindow(t: number): void {
    if (!win) return;
    foreignPerWindow = Math.min(Math.floor(win.limit * MAX_FOREIGN_SHARE), win.assumed ? foreignPerWindow : win.foreign);
    win = { limit: win.limit, resetAt: t + WINDOW_MS, remaining: win.limit, mine: 0, foreign: 0, assumed: true };
  }

  /** Requests that may go now in the current window. */
  function room(t: number): number {
    if (!win) return Infinity;
    if (t >= win.resetAt) nextWindow(t);
    const w = win!;
    const byAnswer = w.remaining - outstanding;
    const byCount = w.limit - w.mine - Math.max(w.foreign, foreignPerWindow);
    return Math.min(byAnswer, byCount) - reserveFor(w.limit);
  }

  function wakeAll(): void {
    const ws = waiters;
    waiters = [];
    for (const w of ws) w();
  }

  return {
    /** Waits for room for one request, then counts it as sent. Call `answered()` when it is over. */
    async acquire(signal?: AbortSignal): Promise<void> {
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const t = now();
        if (room(t) >= 1) break;
        if (outstanding > 0) {
          await raceAbort(new Promise<void>((r) => waiters.push(r)), signal);
        } else {
          await raceAbort(sleep(Math.min(Math.max(1, win!.resetAt - t), WINDOW_MS)), signal);
        }
      }
      outstanding++;
      if (win) win.mine++;
    },

    /** What an answer said (call before `answered()`): limit, remaining and reset seconds, when present. */
    observe(limit: number, remaining: number, resetSeconds: number | undefined): void {
      const t = now();
      const resetAt = t + Math.max(0, resetSeconds ?? 0) * 1000;
      if (!win || limit !== win.limit) {
        win = { limit, resetAt, remaining, mine: Math.max(0, limit - remaining), foreign: 0, assumed: false };
        return;
      }
      if (t >= win.resetAt) nextWindow(t);
      const w = win!;
      if (!w.assumed && resetAt > w.resetAt + SAME_WINDOW_SLACK_MS) {
        // A later window than ours: it started without us noticing the reset.
        nextWindow(t);
        // Our requests still in flight may be counted in it (this one is).
        win!.mine = outstanding;
      }
      const cur = win!;
      if (cur.assumed) {
        // The first answer in a window we assumed: it says when the window really ends.
        cur.assumed = false;
        cur.resetAt = resetAt;
        cur.remaining = remaining;
      } else {
        // Answers may arrive out of order: within a window, what is left only goes down.
        cur.resetAt = Math.min(cur.resetAt, resetAt);
        cur.remaining = Math.min(cur.remaining, remaining);
      }
      cur.foreign = Math.max(cur.foreign, limit - remaining - cur.mine);
    },

    /** One of our requests is over (answered or failed). */
    answered(): void {
      outstanding = Math.max(0, outstanding - 1);
      wakeAll();
    },

    /** The state for display and estimates: null before the first answer with rate-limit headers. */
    state(): RateLimit | null {
      if (!win) return null;
      const t = now();
      const left = Math.max(0, room(t) + reserveFor(win.limit));
      return { limit: win.limit, remaining: left, resetAt: win!.resetAt };
    },

    /** Another app's requests per window, as last learned (for tests and diagnostics). */
    foreignPerWindow: () => foreignPerWindow,
  };
}

export type Pacer = ReturnType<typeof createPacer>;
