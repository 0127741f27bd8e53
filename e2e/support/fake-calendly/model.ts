/** Record shapes the fake Calendly keeps in memory (API shapes, plus what the fake needs to decide). */

/** A user as `GET /users/me` returns it. */
export interface UserRecord {
  uri: string;
  name: string;
  slug: string;
  email: string;
  scheduling_url: string;
  timezone: string;
  avatar_url: string | null;
  created_at: string;
  updated_at: string;
  current_organization: string;
  resource_type: 'User';
  locale: string | null;
}

/** An organization membership; `user` is the user's URI (expanded to the user object in responses). */
export interface MembershipRecord {
  uri: string;
  role: 'user' | 'admin' | 'owner';
  user: string;
  organization: string;
  created_at: string;
  updated_at: string;
}

/** An organization as `GET /organizations/{uuid}` returns it; `name` is optional in Calendly's spec. */
export interface OrganizationRecord {
  uri: string;
  kind: 'single' | 'multiple';
  name?: string;
  plan: string;
  stage: string;
  created_at: string;
  updated_at: string;
}

/**
 * An event type as `GET /event_types` returns it, plus fields only the fake reads (`FAKE_ONLY_FIELDS`, never
 * sent): `hosts` (the users a Team event type books, e.g. a `multi_pool` one) and `invitees_limit`.
 * `profile.owner` is the owning user's (or team's) URI. `name` and `slug` may be null, as in Calendly.
 */
export interface EventTypeRecord {
  uri: string;
  name: string | null;
  active: boolean;
  slug: string | null;
  scheduling_url: string;
  duration: number;
  kind: string;
  pooling_type: string | null;
  type: string;
  color: string;
  secret: boolean;
  deleted_at: string | null;
  profile: { type: string; name: string; owner: string };
  /** The booking page's language: `en fr es de nl pt it uk` (required in Calendly's spec); a test may set e.g. `fr`. */
  locale: string;
  hosts?: string[];
  [field: string]: unknown;
}

/** Fields of `EventTypeRecord` that exist for the fake only and are never part of a response. */
export const FAKE_ONLY_FIELDS = ['hosts', 'invitees_limit'] as const;

/** The user whose schedule and busy times decide an event type's open times: the owner, or a Team type's first host. */
export function hostOf(e: EventTypeRecord): string {
  return e.profile.type === 'Team' ? (e.hosts?.[0] ?? e.profile.owner) : e.profile.owner;
}

/** One availability rule: a weekday, or a date override; `intervals` are wall-clock "HH:MM" in the schedule zone. */
export type ScheduleRule =
  | { type: 'wday'; wday: string; intervals: Array<{ from: string; to: string }> }
  | { type: 'date'; date: string; intervals: Array<{ from: string; to: string }> };

/** An availability schedule as `GET /user_availability_schedules` returns it. */
export interface ScheduleRecord {
  uri: string;
  default: boolean;
  name: string;
  user: string;
  timezone: string;
  rules: ScheduleRule[];
}

/** A one-off busy block of `user` (ISO instants). A `reserved` hold has no buffers and no event. */
export interface BusyRecord {
  user: string;
  type: 'calendly' | 'reserved' | 'external';
  start_time: string;
  end_time: string;
  buffered_start_time?: string;
  buffered_end_time?: string;
  event?: { uri: string } | null;
}

/** A weekly busy block of `user`, wall-clock in the user's default schedule zone (so fixtures never go stale). */
export interface RecurringBusyRecord {
  user: string;
  type: 'calendly' | 'reserved' | 'external';
  wday: string;
  from: string;
  to: string;
  buffer_minutes?: number;
}

/** What a bearer token grants. `scopes: 'all'` is a pre-2026-03-03 token with full access. */
export interface TokenGrant {
  user: string;
  scopes: ReadonlySet<string> | 'all';
  /** Epoch ms (fake clock) after which the token is rejected; absent = never. */
  expiresAt?: number;
  kind: 'personal' | 'oauth';
}

/** How `/event_type_available_times` answers for one event type instead of expanding the schedule. */
export type AvailabilityOverride = 'none' | 'busy' | Date[];

/** Everything the fake serves; tests may read and mutate it directly. */
export interface FakeCalendlyState {
  /** The default user's organization. */
  organization: OrganizationRecord;
  /** Every organization, by URI (the default one, and one without a name). */
  organizations: Map<string, OrganizationRecord>;
  users: Map<string, UserRecord>;
  memberships: MembershipRecord[];
  eventTypes: EventTypeRecord[];
  schedules: ScheduleRecord[];
  busyTimes: BusyRecord[];
  recurringBusy: RecurringBusyRecord[];
  tokens: Map<string, TokenGrant>;
  availability: Map<string, AvailabilityOverride>;
  /** Longest `/event_type_available_times` range: 31 days since 2026-07-09, 7 before. */
  rangeLimitDays: number;
  /** Requests per user per 60-s window. */
  rateLimit: number;
}
