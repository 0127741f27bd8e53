/**
 * Time-zone arithmetic for the fake Calendly, with `Intl` only (no dependency): availability rules are
 * wall-clock times in an IANA zone, the API speaks UTC instants with microseconds.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(zone, f);
  }
  return f;
}

/** Wall-clock fields of `instant` in `zone`. */
export function wallClock(instant: number, zone: string): { y: number; m: number; d: number; hh: number; mm: number; ss: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { y: out.year!, m: out.month!, d: out.day!, hh: out.hour!, mm: out.minute!, ss: out.second! };
}

function offsetMs(instant: number, zone: string): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of wall-clock `date` (YYYY-MM-DD) plus `minutes` after midnight in `zone`.
 * Times that do not exist (spring-forward gap) move forward by the gap, as calendars do.
 */
export function wallToUtc(date: string, minutes: number, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  const first = guess - offsetMs(guess, zone);
  const second = guess - offsetMs(first, zone);
  return second;
}

/** The local date (YYYY-MM-DD) of `instant` in `zone`. */
export function localDate(instant: number, zone: string): string {
  const w = wallClock(instant, zone);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}

/** `date` (YYYY-MM-DD) plus `days`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const WDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Lower-case English weekday of a calendar date, as Calendly's `wday` rules name it. */
export function weekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/** "09:30" -> 570; "24:00" -> 1440. */
export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Calendly's timestamp format: ISO 8601 UTC with microseconds, e.g. `2026-11-26T15:00:00.000000Z`. */
export function isoMicro(instant: number): string {
  return new Date(instant).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Parses an ISO 8601 instant from a query parameter; `null` if absent or not a date-time. */
export function parseInstant(value: string | null): number | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
