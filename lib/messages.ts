/**
 * The one message contract between the extension's contexts (content script, popup, options, pages) and
 * the background service worker. @webext-core/messaging gives each message a typed request and response,
 * so a renamed field is a compile error in every context instead of a silent `undefined` at run time.
 * No message ever carries the Calendly token.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ErrorInfo } from './calendly/errors';
import type { AvailabilityAnswer, AvailabilityQuery, TeamSummary, TeamSummaryRequest } from './background/availability';
import type { Settings } from './settings/settings';
import type { ComposeReport } from './gmail/diagnostics';

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
  name: string;
  durationMinutes: number;
  schedulingUrl: string;
  /** "Avery Quinn" for the user's own, the owner's name for organization event types. */
  owner: string | null;
  scope: 'user' | 'organization';
}

export interface SlotsRequest {
  /** Overrides of the stored defaults for this one request (the compose picker, the popup). */
  overrides?: Partial<Settings>;
  /** Ask Calendly again instead of answering from the short-lived cache (the popup's Refresh). */
  fresh?: boolean;
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
  daysAhead: number;
  /** How many slots were asked for (slotCount may be fewer when Calendly has fewer open times). */
  count: number;
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

export interface ProtocolMap {
  getStatus(): Status;
  /** Verifies the token the options page left in `pendingToken` storage and keeps it when valid. */
  connect(): Result<ConnectedUser>;
  disconnect(): Result<null>;
  /** "Sign in with Calendly" (OAuth with PKCE); only when this build has a client id. */
  signIn(): Result<ConnectedUser>;
  /** Whether this build offers "Sign in with Calendly". */
  oauthAvailable(): boolean;
  listEventTypes(): Result<EventTypeSummary[]>;
  getSlots(req: SlotsRequest): Result<SlotsAnswer>;
  /** Warm the cache for the default event type (sent when a compose window opens). */
  prefetch(): boolean;
  openOptions(): null;
  listMembers(): Result<Member[]>;
  getAvailability(req: AvailabilityQuery): Result<AvailabilityAnswer>;
  /** Starts (or, for the same period, continues) the team availability summary; admins and owners only. */
  startTeamSummary(req: TeamSummaryRequest): Result<TeamSummary>;
  /** The team summary so far (polled by the availability page); resumes one interrupted by a worker restart. */
  getTeamSummary(): Result<TeamSummary | null>;
  cancelTeamSummary(): Result<null>;
  /** Background -> content script: the keyboard shortcut was pressed in this tab. */
  insertIntoFocusedCompose(): null;
  /** Content script -> background: how each open compose of this tab was found (diagnostics, kept locally). */
  reportComposes(req: ComposeReport): null;
  /** Background -> content script: the cached answer is gone (expired, cleared, account changed): drop the warm copy. */
  dropWarmAnswer(): null;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
