/**
 * Every stored item, declared once. WXT's storage wrapper gives typed items, fallbacks, and versioned
 * migrations for settings. Areas: `local` (this browser only, never synced) for the account card, `sync` for
 * preferences, `session` (memory, background-only by default) for short-lived caches. Secrets (tokens) are
 * not in any of them: they live in the extension origin's IndexedDB, out of every content script's reach in
 * every browser (see secrets.ts).
 */
import browser from 'webextension-polyfill';
import { storage } from 'wxt/utils/storage';
import { createSecrets } from './secrets';
import type { OAuthTokens } from './calendly/oauth';
import type { EventTypeSummary } from './contract/types';
import type { OfferRecord } from './offers/offer';
import type { RecipientZones } from './recipients/zones';
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

// Versions up to 0.1 kept the secrets in storage.local under the same keys; they are moved on first use.
const secrets = createSecrets({
  get: async (key) => (await browser.storage.local.get(key))[key],
  remove: (key) => browser.storage.local.remove(key),
});

/** The Calendly personal access token in use. Read only by the background. */
export const tokenItem = secrets.item<string>('calendlyToken');

/** A token typed on the options page, waiting for the background to verify it (then moved or deleted). */
export const pendingTokenItem = secrets.item<string>('pendingToken');

/** OAuth access and (single-use, rotating) refresh tokens, when signed in with Calendly. Background only. */
export const oauthTokensItem = secrets.item<OAuthTokens>('calendlyOAuth');

/** The connected Calendly user (no secrets), so pages can show who is connected without a request. */
export const accountItem = storage.defineItem<StoredAccount | null>('local:account', { fallback: null });

/** Single-use offers made from this browser (share URI, public link, offered times); never synced. */
export const offersItem = storage.defineItem<OfferRecord[]>('local:offers', { fallback: [] });

/**
 * The second time zone chosen for each recipient (issue 19): lowercased address -> IANA zone, the 500 most
 * recently used (lib/recipients/zones.ts). Background only; in this browser, never synced or sent.
 */
export const recipientZonesItem = storage.defineItem<RecipientZones>('local:recipientZones', { fallback: {} });

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
