/**
 * Wall-clock helpers for IANA time zones. Calendar dates are handled as `yyyy-MM-dd` strings and stepped
 * in UTC arithmetic, so a DST switch can never skip or repeat a date; only the conversion to an instant
 * looks at the zone.
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { MINUTE_MS } from './intervals';

const DAY_MS = 24 * 60 * MINUTE_MS;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Throws a RangeError for a name that `Intl` does not know, instead of silently computing NaN later. */
export function assertTimeZone(timeZone: string): void {
  // Creating a formatter is the check, and it is slow: a 2,000-member team summary asks thousands of times.
  if (knownZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
  knownZones.add(timeZone);
}
const knownZones = new Set<string>();

function dateParts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a yyyy-MM-dd date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The calendar date (`yyyy-MM-dd`) of an instant in a zone. */
export function zonedDate(instant: number | Date, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, 'yyyy-MM-dd');
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Every calendar date from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock reading of an instant in a zone, as if that reading were UTC (so `wallOf(t) - t` is the
 * offset). Not date-fns-tz's `getTimezoneOffset`: that one reads its date argument as a wall time in the
 * system zone, not as an instant.
 */
function wallOf(instant: number, timeZone: string): number {
  let fmt = wallFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormats.set(timeZone, fmt);
  }
  const p: Record<string, number> = {};
  for (const { type, value } of fmt.formatToParts(instant)) p[type] = Number(value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall + (((instant % 1000) + 1000) % 1000);
}

const offsetAt = (instant: number, timeZone: string) => wallOf(instant, timeZone) - instant;

/**
 * The instant at which the clocks of `timeZone` read `minutes` after midnight of `date` (1440 = the next
 * midnight). `fromZonedTime` gives the first guess; two DST cases are then pinned down because the library
 * leaves them loose:
 * - a repeated reading (fall back) maps to its first occurrence;
 * - a skipped reading (spring forward: 02:30 in New York on 2026-03-08 never happens) maps to the instant
 *   the clocks jump, so a rule 01:00–04:00 on that day covers exactly the 2 real hours whose wall clock
 *   reads 01:00–04:00. (`fromZonedTime` alone maps 02:00 to 01:00 EST, which would lengthen such rules.)
 */
export function zonedWallToInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = dateParts(date);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const day = new Date(wall).toISOString().slice(0, 10);
  const hhmm = new Date(wall).toISOString().slice(11, 16);
  const guess = fromZonedTime(`${day}T${hhmm}:00`, timeZone).getTime();
  const offsets = new Set(
    [guess - DAY_MS, guess, guess + DAY_MS].map((t) => offsetAt(t, timeZone)),
  );
  const valid = [...offsets].map((o) => wall - o).filter((t) => wallOf(t, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: find the first minute whose wall reading is past `wall`, i.e. the moment of the jump.
  const candidates = [...offsets].map((o) => wall - o);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallOf(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The instant of midnight starting `date` in `timeZone` (the first instant of that date, if midnight is skipped). */
export function startOfZonedDate(date: string, timeZone: string): number {
  return zonedWallToInstant(date, 0, timeZone);
}
