/**
 * Expands a Calendly availability schedule (weekly `wday` rules plus `date` overrides, wall-clock in the
 * schedule's zone; see shared/reference/calendly-api.md, /user_availability_schedules) into instants.
 */
import type { AvailabilitySchedule } from '../calendly/types';
import { intersectIntervals, mergeIntervals, type Interval } from './intervals';
import { addDays, assertTimeZone, datesBetween, weekdayOf, zonedDate, zonedWallToInstant } from './zoned';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const TIME_RE = /^(\d{1,2}):(\d{2})$/;

/** Minutes after midnight for `HH:mm`; `24:00` is the end of the day. Null for anything else. */
export function parseWallTime(s: string): number | null {
  const m = TIME_RE.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** One stretch of availability on one schedule date, before clipping. */
export interface ScheduleBlock extends Interval {
  /** The schedule-zone date the rule applied to. */
  date: string;
  /** True when it comes from a date-specific override rather than the weekly rules. */
  override: boolean;
}

/**
 * The schedule's blocks for every date (in the schedule's zone) touching `range`, clipped to it, unmerged,
 * plus the override dates among those dates. Intervals that are malformed or empty (`from >= to`) are skipped:
 * the data comes from the network and one bad rule should not blank the whole view.
 */
export function expandScheduleBlocks(
  schedule: AvailabilitySchedule,
  range: { start: Date; end: Date },
): { blocks: ScheduleBlock[]; overrideDates: string[] } {
  const tz = schedule.timezone;
  assertTimeZone(tz);
  const start = range.start.getTime();
  const end = range.end.getTime();
  if (!(end > start)) return { blocks: [], overrideDates: [] };

  const weekly = new Map<number, { from: string; to: string }[]>();
  const overrides = new Map<string, { from: string; to: string }[]>();
  for (const rule of schedule.rules) {
    if (rule.type === 'wday') {
      const day = WEEKDAYS.indexOf(rule.wday.toLowerCase());
      if (day >= 0) weekly.set(day, [...(weekly.get(day) ?? []), ...rule.intervals]);
    } else {
      overrides.set(rule.date, [...(overrides.get(rule.date) ?? []), ...rule.intervals]);
    }
  }

  const blocks: ScheduleBlock[] = [];
  const overrideDates: string[] = [];
  const dates = datesBetween(zonedDate(start, tz), zonedDate(end - 1, tz));
  for (const date of dates) {
    const override = overrides.get(date);
    if (override) overrideDates.push(date);
    // An override replaces the weekly rules of its date entirely, even when it has no intervals.
    for (const { from, to } of override ?? weekly.get(weekdayOf(date)) ?? []) {
      const f = parseWallTime(from);
      const t = parseWallTime(to);
      if (f === null || t === null || t <= f) continue;
      const s = zonedWallToInstant(date, f, tz);
      const e = t === 1440 ? zonedWallToInstant(addDays(date, 1), 0, tz) : zonedWallToInstant(date, t, tz);
      const clipped = intersectIntervals([{ start: s, end: e }], [{ start, end }])[0];
      if (clipped) blocks.push({ ...clipped, date, override: override !== undefined });
    }
  }
  blocks.sort((a, b) => a.start - b.start || a.end - b.end);
  return { blocks, overrideDates };
}

/**
 * The schedule's availability within `range` as merged instants, and the override dates (schedule zone,
 * `yyyy-MM-dd`) within the range. Every calendar day in the schedule's zone that touches the range is
 * expanded, so a 09:00–17:00 rule gives 8 real hours even on DST-switch days, and a rule across the
 * skipped hour of a spring-forward day gives one hour less.
 */
export function expandSchedule(
  schedule: AvailabilitySchedule,
  range: { start: Date; end: Date },
): { intervals: Interval[]; overrideDates: string[] } {
  const { blocks, overrideDates } = expandScheduleBlocks(schedule, range);
  return { intervals: mergeIntervals(blocks), overrideDates };
}
