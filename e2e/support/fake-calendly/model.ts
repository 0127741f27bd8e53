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

/** An event type as `GET /event_types` returns it (`profile.owner` is the owning user's URI). */
export interface EventTypeRecord {
  uri: string;
  name: string;
  active: boolean;
  slug: string;
  scheduling_url: string;
  duration: number;
  kind: string;
  pooling_type: string | null;
  type: string;
  color: string;
  secret: boolean;
  deleted_at: string | null;
  profile: { type: string; name: string; owner: string };
  [field: string]: unknown;
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

/** A one-off busy block of `user` (ISO instants). */
export interface BusyRecord {
  user: string;
  type: 'calendly' | 'external';
  start_time: string;
  end_time: string;
  buffered_start_time?: string;
  buffered_end_time?: string;
  event?: { uri: string } | null;
}

/** A weekly busy block of `user`, wall-clock in the user's default schedule zone (so fixtures never go stale). */
export interface RecurringBusyRecord {
  user: string;
  type: 'calendly' | 'external';
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
  organization: { uri: string; name: string };
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
