/**
 * Runtime schemas (valibot) and static types for the parts of Calendly API v2 that Open Slots reads.
 * valibot is used instead of hand-written guards: it validates untrusted JSON at runtime, infers the
 * TypeScript types from one declaration, and tree-shakes to a few KB. Fields we do not use are not declared
 * (valibot's `object` drops unknown keys), so Calendly adding fields never breaks us.
 * Source: ../shared/reference/calendly-api.md.
 */
import * as v from 'valibot';

const Uri = v.pipe(v.string(), v.url());
const Iso = v.string();

export const UserSchema = v.object({
  uri: Uri,
  name: v.string(),
  slug: v.optional(v.string(), ''),
  email: v.string(),
  scheduling_url: v.string(),
  timezone: v.string(),
  avatar_url: v.optional(v.nullable(v.string()), null),
  current_organization: v.optional(v.nullable(v.string()), null),
  locale: v.optional(v.nullable(v.string()), null),
});
export type CalendlyUser = v.InferOutput<typeof UserSchema>;

/** GET /organizations/{uuid} (since March 2025; needs `organizations:read`). Only the name is read. */
export const OrganizationSchema = v.object({
  uri: Uri,
  name: v.string(),
});
export type Organization = v.InferOutput<typeof OrganizationSchema>;

export const EventTypeSchema = v.object({
  uri: Uri,
  name: v.string(),
  active: v.boolean(),
  slug: v.optional(v.nullable(v.string()), null),
  scheduling_url: v.string(),
  duration: v.number(),
  kind: v.optional(v.string(), 'solo'),
  pooling_type: v.optional(v.nullable(v.string()), null),
  color: v.optional(v.nullable(v.string()), null),
  secret: v.optional(v.boolean(), false),
  deleted_at: v.optional(v.nullable(v.string()), null),
  profile: v.optional(
    v.nullable(v.object({ type: v.string(), name: v.string(), owner: v.string() })),
    null,
  ),
});
export type EventType = v.InferOutput<typeof EventTypeSchema>;

export const AvailableTimeSchema = v.object({
  status: v.string(),
  invitees_remaining: v.optional(v.number(), 1),
  start_time: Iso,
  scheduling_url: v.string(),
});
export type AvailableTime = v.InferOutput<typeof AvailableTimeSchema>;

export const PaginationSchema = v.object({
  count: v.optional(v.number()),
  next_page: v.optional(v.nullable(v.string()), null),
  next_page_token: v.optional(v.nullable(v.string()), null),
});

export const MembershipSchema = v.object({
  uri: Uri,
  role: v.string(),
  user: v.object({
    uri: Uri,
    name: v.string(),
    email: v.string(),
    slug: v.optional(v.string(), ''),
    scheduling_url: v.optional(v.string(), ''),
    timezone: v.optional(v.string(), 'UTC'),
    avatar_url: v.optional(v.nullable(v.string()), null),
  }),
  organization: v.string(),
});
export type Membership = v.InferOutput<typeof MembershipSchema>;

export const IntervalSchema = v.object({ from: v.string(), to: v.string() });
export const ScheduleRuleSchema = v.union([
  v.object({ type: v.literal('wday'), wday: v.string(), intervals: v.array(IntervalSchema) }),
  v.object({ type: v.literal('date'), date: v.string(), intervals: v.array(IntervalSchema) }),
]);
export type ScheduleRule = v.InferOutput<typeof ScheduleRuleSchema>;

export const AvailabilityScheduleSchema = v.object({
  uri: Uri,
  default: v.boolean(),
  name: v.string(),
  user: v.string(),
  timezone: v.string(),
  rules: v.array(ScheduleRuleSchema),
});
export type AvailabilitySchedule = v.InferOutput<typeof AvailabilityScheduleSchema>;

export const BusyTimeSchema = v.object({
  type: v.picklist(['calendly', 'external']),
  start_time: Iso,
  end_time: Iso,
  buffered_start_time: v.optional(v.nullable(Iso), null),
  buffered_end_time: v.optional(v.nullable(Iso), null),
  event: v.optional(v.nullable(v.object({ uri: v.string() })), null),
});
export type BusyTime = v.InferOutput<typeof BusyTimeSchema>;

export const ErrorBodySchema = v.object({
  title: v.optional(v.string(), ''),
  message: v.optional(v.string(), ''),
  details: v.optional(
    v.array(v.object({ parameter: v.optional(v.string(), ''), message: v.optional(v.string(), '') })),
    [],
  ),
  /** The 403 "Insufficient scope" body names the missing scopes here. */
  required_scopes: v.optional(v.array(v.string())),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
