/**
 * Calendly Shares ("Customize Once and Share", single-use links): create, list, delete. Shapes and rules as
 * Calendly documents them; see SHARES.md beside this file for the sources and what they leave open.
 * Creating needs `shares:write` and a one-on-one event type; listing needs `shares:read`.
 */
import * as v from 'valibot';
import { CalendlyError, MESSAGES } from './errors';
import type { GetOptions, Http } from './http';
import { PaginationSchema } from './types';

const IntervalSchema = v.object({ from: v.string(), to: v.string() });

const Uri = v.pipe(v.string(), v.url());
const DateOnly = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

/** One rule of a share's availability: a weekday or a date, each with wall-clock `HH:MM` intervals. */
export const ShareRuleSchema = v.union([
  v.object({ type: v.literal('wday'), wday: v.string(), intervals: v.array(IntervalSchema) }),
  v.object({ type: v.literal('date'), date: DateOnly, intervals: v.array(IntervalSchema) }),
]);
export type ShareRule = v.InferOutput<typeof ShareRuleSchema>;

export const ShareAvailabilityRuleSchema = v.object({
  timezone: v.string(),
  rules: v.array(ShareRuleSchema),
});
export type ShareAvailabilityRule = v.InferOutput<typeof ShareAvailabilityRuleSchema>;

export const SHARE_STATUSES = ['active', 'booked', 'expired'] as const;
export type ShareStatus = (typeof SHARE_STATUSES)[number];

/**
 * A share as the create and list responses return it (since 2026-11-06: `uri`, `created_at`, `status`, and
 * effective `share_override` values). Fields we do not read are not declared.
 */
export const ShareSchema = v.object({
  uri: Uri,
  created_at: v.string(),
  /** Anything Calendly adds later is shown as "expired" rather than failing the whole list. */
  status: v.fallback(v.picklist(SHARE_STATUSES), 'expired'),
  scheduling_links: v.array(
    v.object({
      booking_url: v.string(),
      owner: v.optional(v.string()),
      owner_type: v.optional(v.string()),
    }),
  ),
  share_override: v.object({
    name: v.optional(v.nullable(v.string()), null),
    duration: v.optional(v.nullable(v.number()), null),
    period_type: v.optional(v.nullable(v.string()), null),
    start_date: v.optional(v.nullable(v.string()), null),
    end_date: v.optional(v.nullable(v.string()), null),
    availability_rule: v.optional(v.nullable(ShareAvailabilityRuleSchema), null),
  }),
});
export type Share = v.InferOutput<typeof ShareSchema>;

/** What Open Slots sends to create an exact offer: fixed dates, exactly these intervals. */
export interface CreateShareRequest {
  event_type: string;
  name?: string;
  duration?: number;
  period_type: 'fixed';
  start_date: string;
  end_date: string;
  availability_rule: ShareAvailabilityRule;
}

const ShareResponse = v.object({ resource: ShareSchema });

/** The share's uuid, from its URI (`https://api.calendly.com/shares/<uuid>`); anything else is refused. */
export function shareUuid(uri: string): string {
  const m = /^https:\/\/api\.calendly\.com\/shares\/([\w-]+)$/.exec(uri);
  if (!m) throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, details: ['not a share URI'] });
  return m[1]!;
}

const MAX_PAGES = 20;

/** The shares operations, on the client's HTTP layer. */
export function createSharesClient(http: Http) {
  return {
    /** POST /shares. Never repeated after a server fault (it could create a second share). */
    async create(body: CreateShareRequest, opts: GetOptions = {}): Promise<Share> {
      return (await http.send('POST', '/shares', body, ShareResponse, opts)).resource;
    },

    /** GET /shares for `user` (must be the token's user), newest first; at most `limit` shares. */
    async list(user: string, limit = 50, opts: GetOptions = {}): Promise<Share[]> {
      const schema = v.object({ collection: v.array(ShareSchema), pagination: v.optional(PaginationSchema) });
      const out: Share[] = [];
      let page = await http.get('/shares', { user, count: Math.min(100, limit) }, schema, opts);
      for (let n = 1; ; n++) {
        out.push(...page.collection);
        const next = page.pagination?.next_page;
        if (!next || out.length >= limit || n >= MAX_PAGES) return out.slice(0, limit);
        page = await http.get(next, {}, schema, opts);
      }
    },

    /** DELETE /shares/{uuid} (only an unbooked share; Calendly refuses a booked one). */
    async remove(uri: string, opts: GetOptions = {}): Promise<void> {
      await http.send('DELETE', `/shares/${shareUuid(uri)}`, undefined, null, opts);
    },
  };
}

export type SharesClient = ReturnType<typeof createSharesClient>;
