import { formatInTimeZone } from 'date-fns-tz';
import { stringsFor, type LocaleCode } from './strings';

/** ISO 8601 instant with any number of fractional digits (Calendly sends microseconds). */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parses an API timestamp such as "2026-11-26T15:00:00.000000Z" into a Date. The fraction is cut to
 * milliseconds first because `new Date()` is not required to accept 6 fractional digits. A timestamp without
 * an explicit offset is rejected (it would be read in the machine's zone). Returns null when unparseable.
 */
export function parseInstant(s: string): Date | null {
  if (typeof s !== 'string') return null;
  const m = ISO_INSTANT.exec(s.trim());
  if (!m) return null;
  const [, date, hm, sec = '00', frac = '', zone = 'Z'] = m;
  const ms = `${frac}000`.slice(0, 3);
  let offset = zone.toUpperCase();
  if (offset !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
  }
  const d = new Date(`${date}T${hm}:${sec}.${ms}${offset}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const validZones = new Map<string, boolean>();

/** True if `Intl` (and so date-fns-tz) knows the IANA zone. */
export function isValidTimeZone(timeZone: string | null | undefined): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(timeZone, ok);
  }
  return ok;
}

/** `timeZone` if valid, else "UTC" (the zone line then says UTC, so the output stays truthful). */
export function resolveTimeZone(timeZone: string | null | undefined): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** Calendar day of `at` in `timeZone` as yyyy-MM-dd. */
export function dayKey(at: Date, timeZone: string): string {
  return formatInTimeZone(at, timeZone, 'yyyy-MM-dd');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneName(at: Date, timeZone: string, locale: string, style: 'short' | 'long'): string {
  const key = `${locale}|${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style });
    formatters.set(key, f);
  }
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Offset-style names ("GMT+5:30", "UTC−3") that Intl uses when it has no real name. */
const OFFSET_NAME = /^(?:GMT|UTC)\s*[+\-\u2212]/;

/** English variants tried in order; each knows abbreviations the others lack (BST, AEDT, NZDT, IST). */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-NZ', 'en-IN'];

/**
 * Short zone abbreviation at `at` ("EST", "CET", "AEDT"), via Intl `timeZoneName: 'short'`; falls back
 * to a GMT offset ("GMT+5:45") when no English locale has an abbreviation for the zone.
 */
export function shortZoneName(timeZone: string, at: Date): string {
  let fallback = '';
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneName(at, timeZone, locale, 'short');
    if (name && !OFFSET_NAME.test(name)) return name;
    fallback ||= name;
  }
  return fallback || `GMT${formatInTimeZone(at, timeZone, 'xxx')}`;
}

/**
 * Human label for a zone at an instant, e.g. "Central European Standard Time (UTC+01:00)": the long name
 * from Intl in `locale`, the offset from date-fns-tz. Zones without a long name show their IANA id.
 * An unknown zone is treated as UTC.
 */
export function timeZoneLabel(timeZone: string, at: Date, locale: LocaleCode): string {
  const tz = resolveTimeZone(timeZone);
  let name = zoneName(at, tz, stringsFor(locale).intl, 'long');
  if (!name || OFFSET_NAME.test(name)) name = tz.replace(/_/g, ' ');
  return `${name} (UTC${formatInTimeZone(at, tz, 'xxx')})`;
}
