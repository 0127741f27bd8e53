/** Splitting a time range into the bounded windows Calendly's range-limited endpoints accept. */

export interface TimeWindow {
  start: Date;
  end: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Consecutive windows covering [max(start, now + minLeadMs), end), each at most `maxDays` × 24 h long
 * (the last one clipped to `end`). Calendly rejects a start in the past, hence the lead.
 * Returns [] when nothing of the range is left.
 */
export function splitIntoWindows(
  start: Date,
  end: Date,
  maxDays: number,
  now: Date,
  minLeadMs = 60_000,
): TimeWindow[] {
  if (!(maxDays > 0)) throw new RangeError(`maxDays must be positive, got ${maxDays}`);
  const size = maxDays * DAY_MS;
  const endMs = end.getTime();
  let from = Math.max(start.getTime(), now.getTime() + minLeadMs);
  const out: TimeWindow[] = [];
  while (from < endMs) {
    const to = Math.min(from + size, endMs);
    out.push({ start: new Date(from), end: new Date(to) });
    from = to;
  }
  return out;
}
