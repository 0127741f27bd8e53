import { formatInTimeZone } from 'date-fns-tz';
import { escapeHtml } from './escape';
import { pickDated } from './pick';
import { resolveLocale, stringsFor, type LocaleCode, type LocaleStrings } from './strings';
import { dayKey, isValidTimeZone, resolveTimeZone, shortZoneName, timeZoneLabel } from './zones';
import { safeCalendlyUrl } from './url';
import { isEventTypeUri, MARK_EVENT_TYPE, MARK_START } from './marks';

/** 'list': a header per day and a bulleted list of times; 'compact': one line per day. */
export type Layout = 'list' | 'compact';

/** User choices for {@link formatSlots}. */
export interface FormatOptions {
  /** IANA zone the times are shown in (unknown zones fall back to UTC). */
  timeZone: string;
  /** Optional zone shown beside each time for the recipient (ignored if unknown or equal to `timeZone`). */
  secondTimeZone?: string | null;
  hour12: boolean;
  locale: LocaleCode;
  layout: Layout;
  /** At most N slots per day (spreads slots across days); null = no limit. */
  maxPerDay?: number | null;
  /** How many slots in total. */
  count: number;
}

/** What the API gave us. Every string here is untrusted. */
export interface FormatInput {
  eventName: string;
  durationMinutes: number;
  /** The event type's booking page. */
  bookingUrl: string;
  slots: readonly { start_time: string; scheduling_url: string }[];
  /** The event type's API URI: when given, the block and its time links are marked (./marks.ts). */
  eventTypeUri?: string;
}

/** One time on a day. */
export interface FormattedTime {
  /** Time in `timeZone`, e.g. "9:00 AM"; with a second zone it carries the abbreviation ("9:00 AM EST"). */
  label: string;
  /** Time in the second zone, e.g. "15:00 CET", plus "(Wed)" when it falls on another calendar day. */
  secondLabel?: string;
  /** The slot's booking link, or null if it is not a safe calendly.com URL. */
  url: string | null;
  /** The slot's instant as ISO 8601 UTC with milliseconds. */
  start: string;
}

/** One calendar day (in `timeZone`) of picked slots. */
export interface FormattedDay {
  /** yyyy-MM-dd in `timeZone`. */
  key: string;
  /** Localized day label as shown: long ("Tuesday, November 24") in 'list', short ("Tue, Nov 24") in 'compact'. */
  label: string;
  times: FormattedTime[];
}

/** Result of {@link formatSlots}. */
export interface Formatted {
  /** Gmail-safe HTML: only div, p, b, ul, li, a[href], with inline styles. */
  html: string;
  /** The same content as plain text with URLs written out. */
  text: string;
  slotCount: number;
  days: FormattedDay[];
}

const DOT = ' \u00b7 ';
const STYLE = {
  intro: 'margin:0 0 12px 0',
  dayHeader: 'margin:12px 0 4px 0',
  list: 'margin:0 0 8px 0;padding-left:24px',
  item: 'margin:0 0 2px 0',
  compactDay: 'margin:0 0 4px 0',
  zone: 'margin:12px 0 4px 0;color:#5f6368',
  closing: 'margin:0',
} as const;

/** Collapses whitespace and strips control characters from an untrusted one-line string. */
function oneLine(s: unknown): string {
  return String(s ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function capitalize(s: string, strings: LocaleStrings): string {
  return strings.capitalize ? s.charAt(0).toLocaleUpperCase(strings.intl) + s.slice(1) : s;
}

function linkHtml(text: string, url: string | null, start?: string): string {
  if (!url) return escapeHtml(text);
  const mark = start ? ` ${MARK_START}="${escapeHtml(start)}"` : '';
  return `<a href="${escapeHtml(url)}"${mark}>${escapeHtml(text)}</a>`;
}

function timeText(t: FormattedTime): string {
  return t.secondLabel ? `${t.label} / ${t.secondLabel}` : t.label;
}

/** Distinct zone labels over the instants (two when the range crosses a DST switch). */
function zoneLabels(timeZone: string, instants: Date[], locale: LocaleCode): string {
  return [...new Set(instants.map((at) => timeZoneLabel(timeZone, at, locale)))].join(' / ');
}

/**
 * Turns Calendly slots into the HTML and plain text inserted into a Gmail draft: an intro line
 * ("30 Minute Meeting · 30 min"), the picked times grouped by calendar day in `timeZone` (each a link to
 * its own booking URL), the zone line and a closing link to the booking page. Picks slots with
 * {@link pickSlots}. All API strings are escaped; only {@link safeCalendlyUrl}-approved URLs become links.
 * With no slots, says so (localized) and links the booking page.
 */
export function formatSlots(input: FormatInput, options: FormatOptions): Formatted {
  const locale = resolveLocale(options.locale);
  const s = stringsFor(locale);
  const tz = resolveTimeZone(options.timeZone);
  const tz2 =
    isValidTimeZone(options.secondTimeZone) && options.secondTimeZone !== tz ? options.secondTimeZone : null;
  const timePattern = options.hour12 ? s.time12 : s.time24;
  const dayPattern = options.layout === 'compact' ? s.dayShort : s.dayLong;
  const fmt = (at: Date, zone: string, pattern: string) =>
    formatInTimeZone(at, zone, pattern, { locale: s.dateLocale });

  const picked = pickDated(input.slots, { count: options.count, maxPerDay: options.maxPerDay, timeZone: tz });

  const days: FormattedDay[] = [];
  for (const { slot, at } of picked) {
    const key = dayKey(at, tz);
    let day = days[days.length - 1];
    if (!day || day.key !== key) {
      day = { key, label: capitalize(fmt(at, tz, dayPattern), s), times: [] };
      days.push(day);
    }
    const time: FormattedTime = {
      label: fmt(at, tz, timePattern),
      url: safeCalendlyUrl(slot.scheduling_url),
      start: at.toISOString(),
    };
    if (tz2) {
      time.label += ` ${shortZoneName(tz, at)}`;
      let second = `${fmt(at, tz2, timePattern)} ${shortZoneName(tz2, at)}`;
      if (dayKey(at, tz2) !== key) second += ` (${fmt(at, tz2, s.weekdayShort)})`;
      time.secondLabel = second;
    }
    day.times.push(time);
  }

  const name = oneLine(input.eventName);
  const minutes = input.durationMinutes;
  const duration = Number.isFinite(minutes) && minutes > 0 ? s.minutes(Math.round(minutes)) : '';
  const bookingUrl = safeCalendlyUrl(input.bookingUrl);

  const html: string[] = [];
  const text: string[] = [];

  if (name || duration) {
    const introHtml = [name && `<b>${escapeHtml(name)}</b>`, duration && escapeHtml(duration)].filter(Boolean);
    html.push(`<p style="${STYLE.intro}">${introHtml.join(DOT)}</p>`);
    text.push([name, duration].filter(Boolean).join(DOT), '');
  }

  if (picked.length === 0) {
    html.push(`<p style="${STYLE.closing}">${escapeHtml(s.noTimes)}</p>`);
    text.push(s.noTimes);
    if (bookingUrl) {
      html.push(`<p style="${STYLE.closing}">${escapeHtml(s.bookHere)} ${linkHtml(bookingUrl, bookingUrl)}</p>`);
      text.push(`${s.bookHere} ${bookingUrl}`);
    }
    return { html: `<div>${html.join('')}</div>`, text: text.join('\n'), slotCount: 0, days };
  }

  // Marked (for the re-check while the draft is open) only with a well-formed event type URI.
  const mark = isEventTypeUri(input.eventTypeUri);
  for (const day of days) {
    if (options.layout === 'compact') {
      const times = day.times.map((t) => linkHtml(timeText(t), t.url, mark ? t.start : undefined)).join(DOT);
      html.push(`<p style="${STYLE.compactDay}"><b>${escapeHtml(day.label)}</b>${escapeHtml(s.labelSep)}${times}</p>`);
      const plain = day.times.map((t) => (t.url ? `${timeText(t)} ${t.url}` : timeText(t)));
      text.push(`${day.label}${s.labelSep}${plain.join(DOT)}`);
    } else {
      const items = day.times.map((t) => `<li style="${STYLE.item}">${linkHtml(timeText(t), t.url, mark ? t.start : undefined)}</li>`);
      html.push(`<p style="${STYLE.dayHeader}"><b>${escapeHtml(day.label)}</b></p>`);
      html.push(`<ul style="${STYLE.list}">${items.join('')}</ul>`);
      text.push(day.label, ...day.times.map((t) => `  \u2022 ${timeText(t)}${t.url ? `  ${t.url}` : ''}`), '');
    }
  }
  if (options.layout === 'compact') text.push('');

  const instants = picked.map((p) => p.at);
  let zones = zoneLabels(tz, instants, locale);
  if (tz2) zones += s.and + zoneLabels(tz2, instants, locale);
  html.push(`<p style="${STYLE.zone}">${escapeHtml(s.timesShownIn(zones))}</p>`);
  text.push(s.timesShownIn(zones));

  if (bookingUrl) {
    html.push(`<p style="${STYLE.closing}">${escapeHtml(s.otherTime)} ${linkHtml(bookingUrl, bookingUrl)}</p>`);
    text.push(`${s.otherTime} ${bookingUrl}`);
  }

  const open = mark ? `<div ${MARK_EVENT_TYPE}="${escapeHtml(input.eventTypeUri!)}">` : '<div>';
  return { html: `${open}${html.join('')}</div>`, text: text.join('\n'), slotCount: picked.length, days };
}
