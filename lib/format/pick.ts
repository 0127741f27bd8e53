import { dayKey, parseInstant, resolveTimeZone } from './zones';

/** Options for {@link pickSlots}. */
export interface PickOptions {
  /** How many slots in total. */
  count: number;
  /** At most this many per calendar day in `timeZone`; null, undefined or < 1 = no limit. */
  maxPerDay?: number | null;
  /** IANA zone whose calendar days `maxPerDay` counts (unknown zones count UTC days). */
  timeZone: string;
}

/** @internal A picked slot with its parsed instant. */
export interface DatedSlot<T> {
  slot: T;
  at: Date;
}

/** @internal Same as {@link pickSlots} but keeps the parsed instants. */
export function pickDated<T extends { start_time: string }>(
  slots: readonly T[],
  { count, maxPerDay, timeZone }: PickOptions,
): DatedSlot<T>[] {
  const limit = Math.floor(count);
  if (!(limit > 0)) return [];
  const perDay = maxPerDay != null && maxPerDay >= 1 ? Math.floor(maxPerDay) : Infinity;
  const tz = resolveTimeZone(timeZone);

  const dated: (DatedSlot<T> & { i: number })[] = [];
  slots.forEach((slot, i) => {
    const at = parseInstant(slot.start_time);
    if (at) dated.push({ slot, at, i });
  });
  dated.sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);

  const out: DatedSlot<T>[] = [];
  const perDayCount = new Map<string, number>();
  let last = NaN;
  for (const { slot, at } of dated) {
    if (out.length >= limit) break;
    if (at.getTime() === last) continue; // duplicate start time
    const key = dayKey(at, tz);
    const n = perDayCount.get(key) ?? 0;
    if (n >= perDay) continue;
    perDayCount.set(key, n + 1);
    out.push({ slot, at });
    last = at.getTime();
  }
  return out;
}

/**
 * The first `count` slots in time order, taking at most `maxPerDay` from each calendar day in `timeZone`
 * (extra slots on a full day are skipped and picking continues on later days), so the times spread over
 * several days. Slots with unparseable `start_time` and duplicate start times are dropped.
 */
export function pickSlots<T extends { start_time: string }>(slots: readonly T[], options: PickOptions): T[] {
  return pickDated(slots, options).map((d) => d.slot);
}
