/**
 * "No frame without the button" (issue 16): for each of N composes, the Gmail stand-in inserts a compose
 * (one task, the whole subtree at once, as Gmail does), and a probe in the page counts the frames that are
 * painted before our button's host element (`open-slots-button`) is in that compose. It checks at every
 * `requestAnimationFrame` callback from the insertion on: rAF callbacks run in each frame's rendering
 * steps, after tasks, microtasks (MutationObserver callbacks) and animation events, and before style,
 * layout and paint; a host missing at a frame's rAF is missing from what that frame paints. 0 for a
 * compose means its first painted frame already had the button.
 */
import type { BrowserContext } from 'playwright-core';
import { GMAIL_PATHS } from '../../e2e/support/gmail/pages';

export interface FirstFrameResult {
  n: number;
  kinds: string[];
  /** Per compose: frames painted without the button (capped at `maxFrames`). */
  framesWithout: number[];
  /** How many composes had at least one frame painted without the button. */
  composesWithAFrameWithout: number;
  maxFrames: number;
}

// Plain JavaScript: functions given to page.evaluate would carry tsx's `__name` helper.
const OPEN_AND_COUNT = (kind: string, maxFrames: number) => `new Promise((resolve, reject) => {
  const g = window.__gmail;
  for (const id of g.ids()) g.close(id);
  // Two frames, so the closing is painted, then insert the compose from a task of its own.
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
    let id;
    try { id = g.openCompose({ kind: ${JSON.stringify(kind)} }); } catch (e) { reject(e); return; }
    const root = g.root(id);
    let frames = 0;
    const tick = () => {
      if (root.querySelector('open-slots-button')) { resolve(frames); return; }
      frames++;
      if (frames >= ${maxFrames}) { resolve(frames); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, 0)));
})`;

export async function firstFrame(context: BrowserContext, opts: { n: number; kinds?: string[]; maxFrames?: number }): Promise<FirstFrameResult> {
  const kinds = opts.kinds ?? ['mole', 'inline'];
  const maxFrames = opts.maxFrames ?? 10;
  const page = await context.newPage();
  try {
    await page.goto(`https://mail.google.com${GMAIL_PATHS.inbox}`);
    await page.evaluate('window.__gmail.ready');
    await page.evaluate(OPEN_AND_COUNT('mole', maxFrames)); // untimed: code and style caches warm
    const framesWithout: number[] = [];
    for (let i = 0; i < opts.n; i++) {
      framesWithout.push((await page.evaluate(OPEN_AND_COUNT(kinds[i % kinds.length]!, maxFrames))) as number);
    }
    return { n: opts.n, kinds, framesWithout, composesWithAFrameWithout: framesWithout.filter((f) => f > 0).length, maxFrames };
  } finally {
    await page.close();
  }
}
