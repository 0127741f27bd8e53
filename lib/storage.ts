/**
 * Every stored item, declared once. WXT's storage wrapper gives typed items, fallbacks, and versioned
 * migrations for settings. Areas: `local` (this browser only, never synced) for secrets, `sync` for
 * preferences, `session` (memory, background-only by default) for short-lived caches.
 */
import { storage } from 'wxt/utils/storage';
import type { OAuthTokens } from './calendly/oauth';
import type { EventTypeSummary } from './contract/types';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings/settings';

/** The connected Calendly user as the background keeps it (no secrets). */
export interface StoredAccount {
  uri: string;
  name: string;
  email: string;
  timezone: string;
  schedulingUrl: string;
  organizationUri: string | null;
  /** Read once when connecting; absent in accounts stored by 0.1.0, null when Calendly would not say. */
  organizationName?: string | null;
  via: 'token' | 'oauth';
  /**
   * What an insert needs of the event types it used (name, duration, booking page), by the URI the settings
   * named ('' = no choice: the first standard event type). With it, a cold insert is one request (the
   * available times) instead of two: the event type list is read only when the summary is not known. Kept
   * up to date whenever the list is read; dropped on a 404.
   */
  eventTypes?: Record<string, EventTypeSummary>;
}

/** The Calendly personal access token in use. Read only by the background service worker. */
export const tokenItem = storage.defineItem<string | null>('local:calendlyToken', { fallback: null });

/** A token typed on the options page, waiting for the background to verify it (then moved or deleted). */
export const pendingTokenItem = storage.defineItem<string | null>('local:pendingToken', { fallback: null });

/** OAuth access and (single-use, rotating) refresh tokens, when signed in with Calendly. Background only. */
export const oauthTokensItem = storage.defineItem<OAuthTokens | null>('local:calendlyOAuth', { fallback: null });

/** The connected Calendly user (no secrets), so pages can show who is connected without a request. */
export const accountItem = storage.defineItem<StoredAccount | null>('local:account', { fallback: null });

/** The user's defaults; version 1. Migrations go in `migrations` when the shape changes. */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Reads settings, repairing any invalid field. */
export async function loadSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

/** Saves a partial change on top of the stored settings. */
export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...change });
  await settingsItem.setValue(next);
  return next;
}
