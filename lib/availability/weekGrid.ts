/**
 * Data for a week calendar view: one column per viewer-zone day, each with blocks positioned in minutes
 * from that day's midnight, so a component can render `top: startMin / lengthMin` and
 * `height: (endMin - startMin) / lengthMin` as percentages of the column.
 */
import type { AvailabilitySchedule, BusyTime } from '../calendly/types';
import { busyInterval } from './busy';
import { MINUTE_MS, intersectIntervals, mergeIntervals, type Interval } from './intervals';
import { expandScheduleBlocks } from './schedule';
import { addDays, assertTimeZone, startOfZonedDate, weekdayOf, zonedDate } from './zoned';

/**
 * `available`: weekly hours; `override`: hours from a date-specific override; `calendly` / `held` /
 * `external`: busy times (`held` = Calendly's `reserved` holds). Availability blocks are merged per kind;
 * busy blocks are one per event, clipped to the day.
 */
export type GridBlockKind = 'available' | 'override' | 'calendly' | 'held' | 'external';

/** The grid kind of a busy time. */
function busyKind(type: BusyTime['type']): GridBlockKind {
  return type === 'reserved' ? 'held' : type;
}

export interface GridBlock extends Interval {
  kind: GridBlockKind;
  /** Minutes from the column's midnight (real elapsed minutes, so DST days are 1380 or 1500 long). */
  startMin: number;
  endMin: number;
  title?: string;
  /** The Calendly event, for `calendly` blocks. */
  eventUri?: string;
  /** True when the block was cut at the column's midnight (the event goes on in the next or previous day). */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface GridDay {
  /** `yyyy-MM-dd` in the viewer's zone. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Instants of this midnight and the next. */
  start: number;
  end: number;
  /** Length of the day in minutes: 1440, or 1380 / 1500 on DST-switch days. */
  lengthMin: number;
  /** True when a schedule-zone date override touches this day (including one that removes all hours). */
  hasOverride: boolean;
  /** Sorted by start; availability kinds before busy kinds at the same start, so busy paints on top. */
  blocks: GridBlock[];
}

const MARGIN_MS = 26 * 60 * MINUTE_MS;
const KIND_ORDER: Record<GridBlockKind, number> = { available: 0, override: 1, calendly: 2, held: 3, external: 4 };

/**
 * Columns for `days` (default 7) viewer-zone dates starting with the date of `weekStart`, filled from the
 * schedule and busy times (buffered bounds with `buffered`).
 */
export function weekGrid(input: {
  weekStart: Date;
  viewerTimeZone: string;
  schedule: AvailabilitySchedule;
  busy: readonly BusyTime[];
  buffered?: boolean;
  days?: number;
}): GridDay[] {
  const tz = input.viewerTimeZone;
  assertTimeZone(tz);
  const firstDate = zonedDate(input.weekStart, tz);
  const dates = Array.from({ length: input.days ?? 7 }, (_, i) => addDays(firstDate, i));
  if (dates.length === 0) return [];
  const gridStart = startOfZonedDate(firstDate, tz);
  const gridEnd = startOfZonedDate(addDays(dates[dates.length - 1]!, 1), tz);

  // A day of margin each side, so a block cut by the grid's edge is flagged as continuing.
  const { blocks: schedBlocks, overrideDates } = expandScheduleBlocks(input.schedule, {
    start: new Date(gridStart - MARGIN_MS),
    end: new Date(gridEnd + MARGIN_MS),
  });
  const overrideSpans = overrideDates.map((d) => ({
    start: startOfZonedDate(d, input.schedule.timezone),
    end: startOfZonedDate(addDays(d, 1), input.schedule.timezone),
  }));
  const weeklyAvail = mergeIntervals(schedBlocks.filter((b) => !b.override));
  const overrideAvail = mergeIntervals(schedBlocks.filter((b) => b.override));
  const events = input.busy.flatMap((b) => {
    const iv = busyInterval(b, input.buffered);
    return iv ? [{ ...iv, kind: busyKind(b.type), eventUri: b.event?.uri }] : [];
  });

  return dates.map((date) => {
    const start = startOfZonedDate(date, tz);
    const end = startOfZonedDate(addDays(date, 1), tz);
    const day = [{ start, end }];
    const blocks: GridBlock[] = [];
    const place = (iv: Interval, kind: GridBlockKind, extra: Partial<GridBlock> = {}) => {
      for (const c of intersectIntervals([iv], day)) {
        blocks.push({
          start: c.start,
          end: c.end,
          kind,
          startMin: (c.start - start) / MINUTE_MS,
          endMin: (c.end - start) / MINUTE_MS,
          continuesBefore: iv.start < c.start,
          continuesAfter: iv.end > c.end,
          ...extra,
        });
      }
    };
    for (const iv of weeklyAvail) place(iv, 'available');
    for (const iv of overrideAvail) place(iv, 'override', { title: 'Date-specific hours' });
    for (const e of events) place(e, e.kind, e.eventUri ? { eventUri: e.eventUri } : {});
    blocks.sort((a, b) => a.start - b.start || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.end - b.end);
    return {
      date,
      weekday: weekdayOf(date),
      start,
      end,
      lengthMin: (end - start) / MINUTE_MS,
      hasOverride: intersectIntervals(overrideSpans, day).length > 0,
      blocks,
    };
  });
}
