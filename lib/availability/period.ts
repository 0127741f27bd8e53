/** The date ranges behind the period picker. Weeks run Monday 00:00 to Monday 00:00 in the given zone. */
import { addDays, assertTimeZone, startOfZonedDate, weekdayOf, zonedDate } from './zoned';

export type PeriodKind = 'this-week' | 'next-week' | 'next-4-weeks' | 'custom';

/** Longest custom range, in calendar weeks. */
export const MAX_CUSTOM_WEEKS = 8;

/** The `yyyy-MM-dd` of the Monday after the week containing `now` in `timeZone`. */
function nextMonday(now: Date, timeZone: string): string {
  const today = zonedDate(now, timeZone);
  return addDays(today, 7 - ((weekdayOf(today) + 6) % 7));
}

/**
 * The instants a period covers.
 * - `this-week`: from `now` (Calendly's busy times reject a start in the past) to next Monday 00:00.
 * - `next-week`: next Monday 00:00 to the Monday after.
 * - `next-4-weeks`: from `now` to the end of the fourth calendar week counting the current one, i.e. the
 *   rest of this week and the three weeks after it.
 * - `custom`: the given range, which must be non-empty and at most 8 calendar weeks long (RangeError otherwise).
 * Week bounds are wall-clock midnights, so a week containing a DST switch is 167 or 169 hours.
 */
export function periodRange(
  kind: PeriodKind,
  now: Date,
  timeZone: string,
  custom?: { start: Date; end: Date },
): { start: Date; end: Date } {
  assertTimeZone(timeZone);
  const monday = nextMonday(now, timeZone);
  const at = (date: string) => new Date(startOfZonedDate(date, timeZone));
  switch (kind) {
    case 'this-week':
      return { start: new Date(now.getTime()), end: at(monday) };
    case 'next-week':
      return { start: at(monday), end: at(addDays(monday, 7)) };
    case 'next-4-weeks':
      return { start: new Date(now.getTime()), end: at(addDays(monday, 21)) };
    case 'custom': {
      if (!custom) throw new RangeError('A custom period needs a start and an end');
      const start = custom.start.getTime();
      const end = custom.end.getTime();
      if (!(end > start)) throw new RangeError('A custom period must end after it starts');
      // Measured in wall-clock days, so 8 weeks across a DST switch is still allowed.
      if (end > latestEnd(start, timeZone)) {
        throw new RangeError(`A custom period can be at most ${MAX_CUSTOM_WEEKS} weeks`);
      }
      return { start: new Date(start), end: new Date(end) };
    }
  }
}

/** `start` plus 8 calendar weeks: 56 days, give or take the DST switches between the two dates. */
function latestEnd(start: number, timeZone: string): number {
  const date = zonedDate(start, timeZone);
  const weeksMs =
    startOfZonedDate(addDays(date, 7 * MAX_CUSTOM_WEEKS), timeZone) - startOfZonedDate(date, timeZone);
  return start + weeksMs;
}
