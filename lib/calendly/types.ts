/**
 * Runtime schemas (valibot) and static types for the parts of Calendly API v2 that Open Slots reads.
 * valibot is used instead of hand-written guards: it validates untrusted JSON at runtime, infers the
 * TypeScript types from one declaration, and tree-shakes to a few KB.
 *
 * The authority is Calendly's published OpenAPI 3.1 spec, excerpted in
 * ../shared/reference/calendly-openapi.md (and its JSON Schema twin calendly-openapi-excerpt.json):
 * - every field of every resource the product reads is declared as published: required vs optional
 *   (`v.optional`) vs nullable (`v.nullable`: always present, may be null);
 * - enums the product branches on (busy-time `type`, event type `type`/`kind`, schedule rule `type`) are
 *   kept, and an unknown value maps to a safe category instead of failing (see each schema);
 * - enums the product only displays or ignores (locale, color, plan…) are plain strings, so a new value
 *   tomorrow changes nothing;
 * - fields Calendly adds later are dropped (valibot's `object` ignores unknown keys).
 * Lists are validated item by item (lib/calendly/api.ts): an item that does not match is skipped and
 * logged, only a wrong envelope is "malformed".
 */
import * as v from 'valibot';

const Uri = v.pipe(v.string(), v.url());
/** An instant the product computes with: any string `Date.parse` understands (Calendly sends microseconds). */
const Instant = v.pipe(
  v.string(),
  v.check((s) => Number.isFinite(Date.parse(s)), 'not a date-time'),
);
/** A date-time the product does not compute with (created_at, updated_at…): present, a string. */
const Stamp = v.string();

/** `User` (GET /users/me, /users/{uuid}). Every field but `time_notation` is required; `avatar_url` nullable. */
export const UserSchema = v.object({
  uri: Uri,
  name: v.string(),
  slug: v.string(),
  email: v.string(),
  scheduling_url: v.string(),
  timezone: v.string(),
  time_notation: v.optional(v.string()),
  avatar_url: v.nullable(v.string()),
  created_at: Stamp,
  updated_at: Stamp,
  current_organization: Uri,
  resource_type: v.string(),
  /** Published enum en, fr, es, de, pt, ps; read as a string (display only). */
  locale: v.string(),
});
export type CalendlyUser = v.InferOutput<typeof UserSchema>;

/** `Organization` (GET /organizations/{uuid}). `name` is optional: an organization may have none. */
export const OrganizationSchema = v.object({
  uri: Uri,
  /** single | multiple */
  kind: v.string(),
  name: v.optional(v.string()),
  /** basic | essentials | standard | professional | teams | enterprise */
  plan: v.string(),
  /** trial | free | paid */
  stage: v.string(),
  created_at: Stamp,
  updated_at: Stamp,
});
export type Organization = v.InferOutput<typeof OrganizationSchema>;

/** `AdhocEventType` is a one-off meeting; anything else (and a type Calendly adds tomorrow) is listed as standard. */
export type EventTypeCategory = 'StandardEventType' | 'AdhocEventType';
const EventTypeCategorySchema = v.pipe(
  v.string(),
  v.transform((s): EventTypeCategory => (s === 'AdhocEventType' ? 'AdhocEventType' : 'StandardEventType')),
);

/** `solo` or `group`; an unknown kind is treated as `solo` (one invitee per slot, the conservative reading). */
const EventKindSchema = v.pipe(
  v.string(),
  v.transform((s): 'solo' | 'group' => (s === 'group' ? 'group' : 'solo')),
);

const CustomQuestionSchema = v.object({
  name: v.string(),
  type: v.string(),
  position: v.number(),
  enabled: v.boolean(),
  required: v.boolean(),
  answer_choices: v.array(v.string()),
  include_other: v.boolean(),
});

const LocationSchema = v.object({
  kind: v.optional(v.string()),
  location: v.optional(v.string()),
  additional_info: v.optional(v.string()),
  phone_number: v.optional(v.string()),
});

/**
 * `EventType` (GET /event_types items, GET /event_types/{uuid}). `name`, `slug`, descriptions,
 * `internal_note`, `deleted_at`, `duration_options`, `locations` and `pooling_type` are always present
 * but may be null (ad hoc event types often have no name).
 */
export const EventTypeSchema = v.object({
  active: v.boolean(),
  admin_managed: v.boolean(),
  /** instant | poll */
  booking_method: v.string(),
  color: v.string(),
  created_at: Stamp,
  custom_questions: v.array(CustomQuestionSchema),
  deleted_at: v.nullable(v.string()),
  description_html: v.nullable(v.string()),
  description_plain: v.nullable(v.string()),
  /** Minutes. */
  duration: v.pipe(v.number(), v.minValue(0)),
  duration_options: v.nullable(v.array(v.number())),
  internal_note: v.nullable(v.string()),
  is_paid: v.boolean(),
  kind: EventKindSchema,
  /** en | fr | es | de | nl | pt | it | uk */
  locale: v.string(),
  locations: v.nullable(v.array(LocationSchema)),
  name: v.nullable(v.string()),
  /** round_robin | collective | multi_pool | null; displayed only, so any string is kept. */
  pooling_type: v.nullable(v.string()),
  position: v.number(),
  profile: v.object({
    /** User | Team */
    type: v.string(),
    name: v.string(),
    owner: Uri,
  }),
  scheduling_url: v.string(),
  secret: v.boolean(),
  slug: v.nullable(v.string()),
  type: EventTypeCategorySchema,
  updated_at: Stamp,
  uri: Uri,
});
export type EventType = v.InferOutput<typeof EventTypeSchema>;

/** One item of GET /event_type_available_times: all four fields required; `status` is a free string. */
export const AvailableTimeSchema = v.object({
  status: v.string(),
  invitees_remaining: v.number(),
  start_time: Instant,
  scheduling_url: v.string(),
});
export type AvailableTime = v.InferOutput<typeof AvailableTimeSchema>;

/** `pagination`: every field required, the page links and tokens nullable. */
export const PaginationSchema = v.object({
  count: v.number(),
  next_page: v.nullable(v.string()),
  previous_page: v.nullable(v.string()),
  next_page_token: v.nullable(v.string()),
  previous_page_token: v.nullable(v.string()),
});

/** GET /organization_memberships item. The embedded user is a subset of `User` (no organization, no resource_type). */
export const MembershipSchema = v.object({
  uri: Uri,
  /** user | admin | owner (displayed; the product decides nothing on it). */
  role: v.string(),
  user: v.object({
    uri: Uri,
    name: v.string(),
    slug: v.string(),
    email: v.string(),
    scheduling_url: v.string(),
    timezone: v.string(),
    avatar_url: v.nullable(v.string()),
    locale: v.string(),
    created_at: Stamp,
    updated_at: Stamp,
  }),
  organization: Uri,
  updated_at: Stamp,
  created_at: Stamp,
});
export type Membership = v.InferOutput<typeof MembershipSchema>;

export interface Interval {
  from: string;
  to: string;
}
/** A usable schedule rule: a weekday rule, or a date override. */
export type ScheduleRule =
  | { type: 'wday'; wday: string; intervals: Interval[] }
  | { type: 'date'; date: string; intervals: Interval[] };

/**
 * A rule as published: only `type` and `intervals` are required; `wday`/`date` and an interval's
 * `from`/`to` are optional. Read into a `ScheduleRule`, or null when it cannot be used (an unknown `type`,
 * a wday rule without `wday`…); an interval missing a bound is dropped. The schedule keeps its other rules.
 */
const RawRuleSchema = v.object({
  type: v.string(),
  intervals: v.array(v.object({ from: v.optional(v.string()), to: v.optional(v.string()) })),
  wday: v.optional(v.string()),
  date: v.optional(v.string()),
});
export const ScheduleRuleSchema = v.pipe(
  RawRuleSchema,
  v.transform((r): ScheduleRule | null => {
    const intervals = r.intervals.flatMap((i) => (i.from !== undefined && i.to !== undefined ? [{ from: i.from, to: i.to }] : []));
    if (r.type === 'wday' && r.wday) return { type: 'wday', wday: r.wday, intervals };
    if (r.type === 'date' && r.date) return { type: 'date', date: r.date, intervals };
    return null;
  }),
);

/** `AvailabilitySchedule` (GET /user_availability_schedules items): all six fields required. */
export const AvailabilityScheduleSchema = v.pipe(
  v.object({
    uri: Uri,
    default: v.boolean(),
    name: v.string(),
    user: Uri,
    timezone: v.string(),
    rules: v.array(ScheduleRuleSchema),
  }),
  v.transform((s) => ({ ...s, rules: s.rules.filter((r): r is ScheduleRule => r !== null) })),
);
export type AvailabilitySchedule = v.InferOutput<typeof AvailabilityScheduleSchema>;

/**
 * `calendly` (a booked Calendly event), `reserved` (a hold Calendly keeps, e.g. while a poll or a booking
 * is pending: internal, counted as scheduled and shown as "Held"), `external` (a connected calendar).
 * A type Calendly adds later is still busy time: it is read as `external` (time taken outside the product's
 * own categories) so that it never counts as free.
 */
export type BusyType = 'calendly' | 'reserved' | 'external';
const BusyTypeSchema = v.pipe(
  v.string(),
  v.transform((s): BusyType => (s === 'calendly' || s === 'reserved' ? s : 'external')),
);

/** One item of GET /user_busy_times: `type`, `start_time`, `end_time` required; buffers and `event` optional (never null). */
export const BusyTimeSchema = v.object({
  type: BusyTypeSchema,
  start_time: Instant,
  end_time: Instant,
  buffered_start_time: v.optional(Instant),
  buffered_end_time: v.optional(Instant),
  event: v.optional(v.object({ uri: Uri })),
});
export type BusyTime = v.InferOutput<typeof BusyTimeSchema>;

/**
 * Error bodies: `title` and `message` (free strings: the published enums are generator artifacts), optional
 * `details`, and `required_scopes` on a 403 "Insufficient scope". Read leniently: an error answer is never
 * itself an error.
 */
export const ErrorBodySchema = v.object({
  title: v.optional(v.string(), ''),
  message: v.optional(v.string(), ''),
  details: v.optional(
    v.array(v.object({ parameter: v.optional(v.string(), ''), message: v.optional(v.string(), ''), code: v.optional(v.string()) })),
    [],
  ),
  required_scopes: v.optional(v.array(v.string()), []),
});
/** `required_scopes` is optional here so that callers may build a body from title and message alone. */
export type ErrorBody = Omit<v.InferOutput<typeof ErrorBodySchema>, 'required_scopes'> & { required_scopes?: string[] };
