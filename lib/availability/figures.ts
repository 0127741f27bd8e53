/** Available, scheduled and free time over a period, in total and per day of the viewer's calendar. */
import type { AvailabilitySchedule, BusyTime } from '../calendly/types';
import { splitBusy } from './busy';
import {
  HOUR_MS,
  MINUTE_MS,
  intersectIntervals,
  mergeIntervals,
  subtractIntervals,
  totalMs,
  type Interval,
} from './intervals';
import { expandSchedule } from './schedule';
import { addDays, assertTimeZone, datesBetween, startOfZonedDate, zonedDate } from './zoned';

/** Below this many free hours in the period the UI suggests opening more time. */
export const DEFAULT_LOW_FREE_THRESHOLD_HOURS = 5;

/** One calendar day in the viewer's zone. Minutes are exact (not rounded). */
export interface DayFigures {
  /** `yyyy-MM-dd` in the viewer's zone. */
  date: string;
  availableMin: number;
  scheduledCalendlyMin: number;
  /** Calendly's `reserved` holds ("Held"): scheduled, not yet a booked event. */
  scheduledHeldMin: number;
  scheduledExternalMin: number;
  /** Union of Calendly, held and external busy time, counted only where it overlaps availability. */
  busyMin: number;
  freeMin: number;
}

/** Figures for a period. Hours are rounded to 2 decimals; `days` keeps exact minutes. */
export interface Figures {
  availableHours: number;
  /** Union of Calendly, held and external busy time in the range, whether or not it falls in availability. */
  scheduledHours: number;
  calendlyHours: number;
  /** `reserved` busy times (holds), shown as "Held". */
  heldHours: number;
  externalHours: number;
  freeHours: number;
  /** Busy time within availability divided by availability, 0..1 (unrounded); 0 when nothing is available. */
  utilisation: number;
  days: DayFigures[];
  lowFreeHint: boolean;
}

/** Rounds hours for presentation (2 decimals); EPSILON keeps 1.005 from rounding down. */
export function roundHours(ms: number): number {
  return Math.round((ms / HOUR_MS + Number.EPSILON) * 100) / 100;
}

/**
 * Figures for `range`: availability from the schedule, scheduled time from busy times (each type merged so
 * overlapping events count once), free = available minus all busy time. Busy time outside availability counts
 * as scheduled but takes nothing from free. Per-day figures split every interval at the viewer's midnights.
 */
export function computeFigures(input: {
  schedule: AvailabilitySchedule;
  busy: readonly BusyTime[];
  range: { start: Date; end: Date };
  viewerTimeZone: string;
  lowFreeThresholdHours?: number;
  /** Count event buffers as busy (Calendly's buffered_start_time / buffered_end_time). */
  buffered?: boolean;
}): Figures {
  const { range, viewerTimeZone: tz } = input;
  assertTimeZone(tz);
  const rangeIv: Interval[] = mergeIntervals([{ start: range.start.getTime(), end: range.end.getTime() }]);

  const available = expandSchedule(input.schedule, range).intervals;
  const split = splitBusy(input.busy, { buffered: input.buffered });
  const calendly = intersectIntervals(split.calendly, rangeIv);
  const held = intersectIntervals(split.held, rangeIv);
  const external = intersectIntervals(split.external, rangeIv);
  const scheduled = mergeIntervals([...calendly, ...held, ...external]);
  const busyInAvailable = intersectIntervals(scheduled, available);
  const free = subtractIntervals(available, scheduled);

  const days: DayFigures[] = [];
  const first = rangeIv[0];
  if (first) {
    for (const date of datesBetween(zonedDate(first.start, tz), zonedDate(first.end - 1, tz))) {
      const day = intersectIntervals(
        [{ start: startOfZonedDate(date, tz), end: startOfZonedDate(addDays(date, 1), tz) }],
        rangeIv,
      );
      const min = (xs: Interval[]) => totalMs(intersectIntervals(xs, day)) / MINUTE_MS;
      days.push({
        date,
        availableMin: min(available),
        scheduledCalendlyMin: min(calendly),
        scheduledHeldMin: min(held),
        scheduledExternalMin: min(external),
        busyMin: min(busyInAvailable),
        freeMin: min(free),
      });
    }
  }

  const availableMs = totalMs(available);
  const freeMs = totalMs(free);
  const threshold = input.lowFreeThresholdHours ?? DEFAULT_LOW_FREE_THRESHOLD_HOURS;
  return {
    availableHours: roundHours(availableMs),
    scheduledHours: roundHours(totalMs(scheduled)),
    calendlyHours: roundHours(totalMs(calendly)),
    heldHours: roundHours(totalMs(held)),
    externalHours: roundHours(totalMs(external)),
    freeHours: roundHours(freeMs),
    utilisation: availableMs > 0 ? totalMs(busyInAvailable) / availableMs : 0,
    days,
    // Compared unrounded, so 4.999 h is low against a 5 h threshold even though it shows as 5.00.
    lowFreeHint: freeMs / HOUR_MS < threshold,
  };
}
