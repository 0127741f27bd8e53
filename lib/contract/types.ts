/**
 * The data every context shares: what the background answers and what pages and the content script ask
 * with. Plain data only (structured-clone safe), never the Calendly token. Imported by lib/background,
 * components/ and the entrypoints alike, so none of them imports another's internals for a type.
 */
import type { Figures, GridDay } from '../availability';
import type { ErrorInfo } from '../calendly/errors';
import type { OfferView } from '../offers/offer';
import type { Settings } from '../settings/settings';

export type { ErrorInfo };

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

export interface ConnectedUser {
  name: string;
  email: string;
  timezone: string;
  schedulingUrl: string;
  organization: string | null;
  /** The organization's name, when Calendly told us (needs `organizations:read`); else null. */
  organizationName: string | null;
  /** How the account was connected. */
  via: 'token' | 'oauth';
}

export type Status = { connected: false } | { connected: true; user: ConnectedUser };

export interface EventTypeSummary {
  uri: string;
  /** Null when Calendly has none (ad hoc event types); show it with components/event-type-label.ts. */
  name: string | null;
  slug: string | null;
  /** An ad hoc (`AdhocEventType`) one-off meeting: listed after the standard ones, marked "one-off". */
  oneOff: boolean;
  durationMinutes: number;
  schedulingUrl: string;
  /** "Avery Quinn" for the user's own, the owner's name for organization event types. */
  owner: string | null;
  scope: 'user' | 'organization';
  /** One-on-one (not group, not pooled): the only kind Calendly makes single-use offers for. */
  oneOnOne?: boolean;
  /**
   * The language of the event type's booking page, as Calendly names it (`en fr es de nl pt it uk`); an
   * 'Automatic' language formats in it when the formatter has it. Absent in summaries remembered before 0.2.
   */
  locale?: string;
}

export interface SlotsRequest {
  /** Overrides of the stored defaults for this one request (the compose picker, the popup). */
  overrides?: Partial<Settings>;
  /** Ask Calendly again instead of answering from the short-lived cache (the popup's Refresh). */
  fresh?: boolean;
  /** This answer is going into a draft now (not a preview): with `singleUse` on, the share is created. */
  insert?: boolean;
  /**
   * The addresses in the compose's To field (issue 19), at most 20; the background keeps only address-shaped
   * strings (lib/recipients/addresses.ts). Without a `secondTimeZone` override, a zone remembered for one of
   * them is the second time zone; an insert with an explicit second zone remembers it for each of them.
   */
  recipients?: string[];
}

/**
 * The times offered in the open drafts of one Gmail tab, by event type ("Fresh until sent", issue 19). Read
 * from our own marks in the drafts (lib/format/marks.ts), so untrusted: the background checks every field.
 */
export interface OfferedCheck {
  offers: { eventTypeUri: string; starts: string[] }[];
}

/**
 * Which of those times can no longer be booked (taken meanwhile, or already started), as they were sent.
 * A time the cached answer cannot tell about (past the end of what it holds) is never listed.
 */
export interface OfferedAnswer {
  gone: string[];
}

export interface SlotsAnswer {
  eventType: EventTypeSummary;
  /** Slots as Calendly sent them (already filtered to the future and to `count`/`maxPerDay`). */
  slots: { start_time: string; scheduling_url: string }[];
  html: string;
  text: string;
  slotCount: number;
  /** When Calendly was asked for these times (not when the cached answer was read). */
  fetchedAt: number;
  timeZone: string;
  /** The second time zone the text shows (settings, override or one remembered for a recipient); null for none. */
  secondTimeZone?: string | null;
  /**
   * Keys (lib/recipients/addresses.ts `recipientKey`) of the addresses that have a remembered second zone, so
   * the content script can tell whether its warm copy suits a compose's To without holding the addresses.
   */
  zonedRecipients?: string[];
  /** This answer used a zone remembered for one of the request's recipients: it is not the default answer. */
  personal?: boolean;
  daysAhead: number;
  /** How many slots were asked for (slotCount may be fewer when Calendly has fewer open times). */
  count: number;
  /** Whether these settings ask for a single-use offer (the picker's checkbox starts from it). */
  singleUse?: boolean;
  /** The single-use offer these links belong to, when one was made. */
  offer?: { shareUri: string; bookingUrl: string };
  /** One sentence for the user about this insert (e.g. why it fell back to normal links). */
  notice?: string;
}

export type { OfferView };

/** The popup's Offers view: offers made here and, with `shares:read`, the account's other shares. */
export interface OffersAnswer {
  offers: OfferView[];
  /** Why the account's own list is missing (e.g. no `shares:read`), or null when it was read. */
  accountError: ErrorInfo | null;
}

export interface Member {
  userUri: string;
  name: string;
  email: string;
  timezone: string;
  role: string;
  isSelf: boolean;
}

export interface AvailabilityRequest {
  userUri: string;
  start: string;
  end: string;
  scheduleUri?: string | null;
  viewerTimeZone: string;
}

/** What the availability page asks for. */
export interface AvailabilityQuery extends AvailabilityRequest {
  /** Count event buffers as busy. */
  buffered?: boolean;
  /** Below this many free hours the answer sets `figures.lowFreeHint` (default 5). */
  lowFreeThresholdHours?: number;
  /** A `yyyy-MM-dd` (viewer zone) inside the week the grid shows; default the range's first week. */
  weekStart?: string | null;
}

export interface ScheduleSummary {
  uri: string;
  name: string;
  default: boolean;
  timezone: string;
}

/** A grid column, with its blocks clipped to the answer's range. */
export interface AnswerGridDay extends GridDay {
  /** True when no part of the day is inside the range (no figures there: nothing was fetched). */
  outside: boolean;
}

export interface AvailabilityAnswer {
  userUri: string;
  /** Every schedule of the member; empty when Calendly has none for them. */
  schedules: ScheduleSummary[];
  /** The chosen schedule (the requested one, else the default, else the first); null when there is none. */
  schedule: ScheduleSummary | null;
  figures: Figures;
  /** Seven viewer-zone days starting on the Monday of the chosen week. */
  grid: AnswerGridDay[];
  /** `yyyy-MM-dd` of the Monday the grid starts on. */
  week: string;
  /** The Mondays (`yyyy-MM-dd`, viewer zone) of every week the range touches, for previous/next. */
  weeks: string[];
  /** Date overrides of the chosen schedule within the range (`yyyy-MM-dd` in the schedule's zone). */
  overrideDates: string[];
  /** The range the figures cover: the requested one, starting no earlier than now. ISO instants. */
  range: { start: string; end: string };
  viewerTimeZone: string;
  fetchedAt: number;
}

export interface TeamSummaryRequest {
  start: string;
  end: string;
  /** The viewer's zone: the period is named by its calendar days there (default UTC). */
  timeZone?: string;
}

/** Hours are rounded to 2 decimals; utilisation is 0..1. */
export interface MemberTotals
  extends Pick<Figures, 'availableHours' | 'scheduledHours' | 'calendlyHours' | 'heldHours' | 'externalHours' | 'freeHours' | 'utilisation'> {
  /** False when the member has no availability schedule. */
  hasSchedule: boolean;
}

export interface TeamMemberRow {
  userUri: string;
  name: string;
  email: string;
  role: string;
  isSelf: boolean;
  state: 'pending' | 'done' | 'error';
  totals: MemberTotals | null;
  /** The error message for the user when `state` is 'error'. */
  error: string | null;
}

export interface TeamSummary {
  range: { start: string; end: string };
  /** The period's calendar days and zone (`periodKey` in lib/team/period.ts): the same period chosen later has the same key. */
  periodKey: string;
  status: 'running' | 'done' | 'paused';
  total: number;
  /** Members with a result (done or error). */
  completed: number;
  failed: number;
  members: TeamMemberRow[];
  startedAt: number;
  finishedAt: number | null;
  /** Calendly requests the members without figures still need (1 for schedules + 1 per started week of busy times each). */
  requestsLeft: number;
  /** About how long those take (ms), at the current rate limit or the pace seen; null while the limit is unknown. */
  timeLeftMs: number | null;
  /** Requests per minute Calendly allows this user, as last reported; null while unknown. */
  rateLimit: number | null;
}

/**
 * How the content script found each open compose of its tab (issue 16, diagnostics kept locally): the shape
 * (mole, full screen, inline reply, pop-out) and the detection path (lib/gmail/selectors.ts `DetectionPath`).
 */
export interface ComposeReport {
  composes: { kind: 'mole' | 'fullscreen' | 'inline' | 'popout'; path: 'toolbar' | 'toolbarByRole' | 'belowBody' }[];
}
