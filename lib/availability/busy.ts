/** Busy times from Calendly's /user_busy_times, as intervals split by source. */
import type { BusyTime } from '../calendly/types';
import { mergeIntervals, type Interval } from './intervals';

/**
 * The interval of one busy time; with `buffered`, the buffered bounds where Calendly sent them (event
 * types with buffers before/after). Null when the times do not parse or the interval is empty.
 * `Date.parse` accepts Calendly's microsecond timestamps (`…00.000000Z`), keeping milliseconds.
 */
export function busyInterval(b: BusyTime, buffered = false): Interval | null {
  const start = Date.parse((buffered && b.buffered_start_time) || b.start_time);
  const end = Date.parse((buffered && b.buffered_end_time) || b.end_time);
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? { start, end } : null;
}

/**
 * Busy times merged per type and all together, so overlapping events count once: `calendly` (booked
 * events), `held` (Calendly's `reserved` holds, internal time that is not a booked event yet) and `external`
 * (connected calendars; also any busy type Calendly adds later, see lib/calendly/types.ts).
 */
export function splitBusy(
  busy: readonly BusyTime[],
  opts: { buffered?: boolean } = {},
): { calendly: Interval[]; held: Interval[]; external: Interval[]; all: Interval[] } {
  const calendly: Interval[] = [];
  const held: Interval[] = [];
  const external: Interval[] = [];
  for (const b of busy) {
    const iv = busyInterval(b, opts.buffered);
    if (iv) (b.type === 'calendly' ? calendly : b.type === 'reserved' ? held : external).push(iv);
  }
  return {
    calendly: mergeIntervals(calendly),
    held: mergeIntervals(held),
    external: mergeIntervals(external),
    all: mergeIntervals([...calendly, ...held, ...external]),
  };
}
