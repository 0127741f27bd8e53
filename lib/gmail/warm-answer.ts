/**
 * The warm answer (issue 16, "warm insert within one frame"): the content script keeps the last default
 * answer the background sent it (formatted HTML and text, the slots, the event type; never the token), so a
 * click can insert in the same task, with no round trip to the background. Nothing stale may be offered:
 * the answer is used only while it is younger than `WARM_MAX_AGE_MS` (below the background's own slots
 * TTL, so the background would have served the very same answer) and while EVERY slot in it still starts
 * in the future (the background drops passed slots when it serves a cached answer; here a passed slot
 * sends the click to the background instead). Settings changes and a hidden tab drop it (see mount.ts).
 */
import type { SlotsAnswer } from '../contract';

/** Kept below the background's slots TTL (60 s, lib/background/cache.ts `CACHE_TTL.slots`; a test checks). */
export const WARM_MAX_AGE_MS = 45_000;

/** The answer if a click may insert it now, else null. */
export function usableWarmAnswer(answer: SlotsAnswer | null, now: number): SlotsAnswer | null {
  if (!answer || answer.slotCount === 0 || answer.slots.length === 0) return null;
  if (!(now - answer.fetchedAt < WARM_MAX_AGE_MS) || answer.fetchedAt > now + 5_000) return null;
  for (const slot of answer.slots) {
    const start = Date.parse(slot.start_time);
    if (!(start > now)) return null;
  }
  return answer;
}
