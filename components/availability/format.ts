/** Number, date and time formatting for the availability page, in the viewer's zone and language. */
import { formatInTimeZone } from 'date-fns-tz';
import { t } from '@/lib/i18n/t';
import type { Display } from './types';

/** "37.5 h": at most two decimals, as computed. */
export function formatHours(hours: number, locale: string): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(hours);
  return t('avHours', n);
}

/** Minutes as hours ("1.5 h"), rounded to two decimals. */
export function formatMinutes(min: number, locale: string): string {
  return formatHours(Math.round((min / 60 + Number.EPSILON) * 100) / 100, locale);
}

/** 0..1 as a percentage with at most one decimal ("6.3%"). */
export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A `yyyy-MM-dd` calendar date ("Mon, Nov 30"). */
export function formatDate(date: string, locale: string, opts: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC', ...opts }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** The time of an instant in the viewer's zone ("9:00 AM" / "09:00"). */
export function formatTime(instant: number, d: Display): string {
  return new Intl.DateTimeFormat(d.locale, { hour: 'numeric', minute: '2-digit', hour12: d.hour12, timeZone: d.timeZone }).format(
    new Date(instant),
  );
}

/** "9:00 AM – 5:00 PM". */
export function formatSpan(start: number, end: number, d: Display): string {
  return `${formatTime(start, d)} – ${formatTime(end, d)}`;
}

/** An hour label for the calendar's gutter ("9 AM" / "09:00"). */
export function formatHourLabel(hour: number, d: Display): string {
  const at = new Date(Date.UTC(2026, 0, 5, hour % 24, 0));
  return new Intl.DateTimeFormat(d.locale, d.hour12 ? { hour: 'numeric', hour12: true, timeZone: 'UTC' } : { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' }).format(at);
}

/**
 * Wall-clock minutes after midnight of `date` at which `instant` falls in `timeZone` (1440 for the next
 * midnight). Used to place blocks against the hour rows, which are wall-clock hours even on DST days.
 */
export function wallMinutes(instant: number, timeZone: string, date: string): number {
  const [day, hhmm] = formatInTimeZone(instant, timeZone, 'yyyy-MM-dd HH:mm').split(' ') as [string, string];
  if (day > date) return 1440;
  if (day < date) return 0;
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The range as the dates it covers in the viewer's zone: "Fri, Nov 27 – Sun, Dec 6". */
export function formatRange(range: { start: string; end: string }, d: Display): string {
  const first = formatInTimeZone(Date.parse(range.start), d.timeZone, 'yyyy-MM-dd');
  const last = formatInTimeZone(Date.parse(range.end) - 1, d.timeZone, 'yyyy-MM-dd');
  return first === last ? formatDate(first, d.locale) : `${formatDate(first, d.locale)} – ${formatDate(last, d.locale)}`;
}
