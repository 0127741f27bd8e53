/**
 * Exact offers, as pure functions: the Calendly share whose availability is exactly the offered slots, the
 * link each offered time gets, and the record kept in this browser. See lib/calendly/SHARES.md for what
 * Calendly documents (and what it does not: a date or slot on a share's booking page).
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { CreateShareRequest, Share, ShareStatus } from '../calendly/shares';
import { safeCalendlyUrl } from '../format/url';
import { isValidTimeZone, parseInstant } from '../format/zones';

/** An offer made from this browser (storage.local; no secrets: the share's URI and public booking link). */
export interface OfferRecord {
  shareUri: string;
  bookingUrl: string;
  eventTypeUri: string;
  eventTypeName: string;
  durationMinutes: number;
  /** ISO instant. */
  createdAt: string;
  /** The offered starts (ISO instants), ascending. */
  slots: string[];
  /** Set once withdrawn from here. */
  withdrawn?: boolean;
}

/** One row of the Offers view. */
export interface OfferView {
  shareUri: string;
  eventTypeName: string;
  slots: string[];
  createdAt: string;
  status: ShareStatus | 'withdrawn';
  /** Made from this browser (else only known from the account's list). */
  local: boolean;
}

/** The most offers kept locally (oldest dropped first). */
export const MAX_OFFERS = 50;

/**
 * The share that offers exactly `slots`: one date rule per day with one interval per slot (wall clock in
 * `zone`), `period_type` fixed from the first to the last offered date. Null when a slot runs past midnight in
 * `zone` (one interval cannot say that) or a start cannot be read.
 */
export function shareRequestFor(
  eventTypeUri: string,
  slots: readonly { start_time: string }[],
  durationMinutes: number,
  zone: string,
): CreateShareRequest | null {
  const byDate = new Map<string, { from: string; to: string }[]>();
  for (const slot of slots) {
    const start = parseInstant(slot.start_time);
    if (!start) return null;
    const end = new Date(start.getTime() + durationMinutes * 60_000);
    const date = formatInTimeZone(start, zone, 'yyyy-MM-dd');
    if (formatInTimeZone(end, zone, 'yyyy-MM-dd') !== date) return null;
    const intervals = byDate.get(date) ?? [];
    intervals.push({ from: formatInTimeZone(start, zone, 'HH:mm'), to: formatInTimeZone(end, zone, 'HH:mm') });
    byDate.set(date, intervals);
  }
  const dates = [...byDate.keys()].sort();
  if (dates.length === 0) return null;
  return {
    event_type: eventTypeUri,
    period_type: 'fixed',
    start_date: dates[0]!,
    end_date: dates[dates.length - 1]!,
    availability_rule: {
      timezone: zone,
      rules: dates.map((date) => ({
        type: 'date' as const,
        date,
        intervals: byDate.get(date)!.sort((a, b) => a.from.localeCompare(b.from)),
      })),
    },
  };
}

/**
 * The link for one offered time: the share's booking page on that time's date, in the zone the email shows
 * (`?month=YYYY-MM&date=YYYY-MM-DD`). Null unless the share's link is a calendly.com https link.
 */
export function offerLink(bookingUrl: string, startTime: string, zone: string): string | null {
  const safe = safeCalendlyUrl(bookingUrl);
  const start = parseInstant(startTime);
  if (!safe || !start) return null;
  const url = new URL(safe);
  url.searchParams.set('month', formatInTimeZone(start, zone, 'yyyy-MM'));
  url.searchParams.set('date', formatInTimeZone(start, zone, 'yyyy-MM-dd'));
  return safeCalendlyUrl(url.href);
}

/** The starts a share offers, read back from its date rules (for shares made outside this browser). */
export function startsOf(share: Share): string[] {
  const rule = share.share_override.availability_rule;
  if (!rule || share.share_override.period_type !== 'fixed') return [];
  const out: string[] = [];
  for (const r of rule.rules) {
    if (r.type !== 'date') continue;
    for (const iv of r.intervals) {
      if (!isValidTimeZone(rule.timezone) || !/^\d{2}:\d{2}$/.test(iv.from)) continue;
      const start = fromZonedTime(`${r.date}T${iv.from}:00`, rule.timezone);
      if (!Number.isNaN(start.getTime())) out.push(start.toISOString());
    }
  }
  return out.sort();
}

/**
 * The Offers view: this browser's offers with the account's statuses, then the account's other shares.
 * `account` is null when the account list could not be read (then local statuses are what we know).
 */
export function mergeOffers(local: readonly OfferRecord[], account: readonly Share[] | null, now: number): OfferView[] {
  const remote = new Map((account ?? []).map((s) => [s.uri, s]));
  const mine: OfferView[] = local.map((o) => {
    const s = remote.get(o.shareUri);
    const allPast = o.slots.every((t) => Date.parse(t) <= now);
    const status: OfferView['status'] = o.withdrawn
      ? 'withdrawn'
      : s
        ? s.status
        : account !== null || allPast
          ? 'expired' // gone from the account's list (deleted or disabled in Calendly), or every time has passed
          : 'active';
    return { shareUri: o.shareUri, eventTypeName: o.eventTypeName, slots: o.slots, createdAt: o.createdAt, status, local: true };
  });
  const known = new Set(local.map((o) => o.shareUri));
  const others: OfferView[] = (account ?? [])
    .filter((s) => !known.has(s.uri))
    .map((s) => ({
      shareUri: s.uri,
      eventTypeName: s.share_override.name ?? '',
      slots: startsOf(s),
      createdAt: s.created_at,
      status: s.status,
      local: false,
    }));
  return [...mine, ...others].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
