/**
 * A team summary's period named by calendar dates. "This week" and "Next 4 weeks" start at the moment they are
 * chosen, so the same period chosen a minute later has another start instant; named by its first and last day
 * (in the viewer's zone) it is the same period, and its job and cached figures are found again.
 */
import { assertTimeZone, zonedDate } from '../availability/zoned';

export interface PeriodDates {
  /** First day, `yyyy-MM-dd` in `timeZone`. */
  first: string;
  /** Last day (inclusive), `yyyy-MM-dd` in `timeZone`. */
  last: string;
  timeZone: string;
}

/** The calendar days `[start, end)` covers in `timeZone` (UTC when none or an unknown zone is given). */
export function periodDates(range: { start: string; end: string }, timeZone?: string | null): PeriodDates {
  let tz = 'UTC';
  if (timeZone) {
    try {
      assertTimeZone(timeZone);
      tz = timeZone;
    } catch {
      // fall back to UTC
    }
  }
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('invalid period');
  return { first: zonedDate(start, tz), last: zonedDate(Math.max(start, end - 1), tz), timeZone: tz };
}

/** `2026-11-30..2026-12-06@America/New_York`: the same for every start instant within the first day. */
export function periodKey(range: { start: string; end: string }, timeZone?: string | null): string {
  const d = periodDates(range, timeZone);
  return `${d.first}..${d.last}@${d.timeZone}`;
}
