/**
 * The second time zone remembered per recipient (issue 19), kept by the background in this browser's
 * extension storage only (lib/storage.ts `recipientZonesItem`) and never sent anywhere. The record maps a
 * lowercased address to an IANA zone; its key order is the order of use, oldest first, so trimming keeps the
 * `MAX_REMEMBERED_ZONES` most recently used.
 */
import { looksLikeAddress } from './addresses';

/** Address (lowercased) -> IANA zone, least recently used first. */
export type RecipientZones = Record<string, string>;

/** How many addresses are remembered at most. */
export const MAX_REMEMBERED_ZONES = 500;

/** The zone remembered for the first of `recipients` (in To order) that has one, else null. */
export function zoneForRecipients(record: RecipientZones, recipients: readonly string[]): string | null {
  for (const address of recipients) {
    if (Object.hasOwn(record, address)) return record[address]!;
  }
  return null;
}

/**
 * `record` with `zone` remembered for every one of `recipients`, as the most recently used, trimmed to the
 * `cap` most recently used addresses. A new object; `record` is not changed.
 */
export function rememberZone(record: RecipientZones, recipients: readonly string[], zone: string, cap = MAX_REMEMBERED_ZONES): RecipientZones {
  const next: RecipientZones = {};
  const fresh = new Set(recipients);
  for (const [address, known] of Object.entries(record)) if (!fresh.has(address)) next[address] = known;
  for (const address of recipients) next[address] = zone;
  const keys = Object.keys(next);
  for (const address of keys.slice(0, Math.max(0, keys.length - cap))) delete next[address];
  return next;
}

/** A stored value (possibly from an older version, or damaged) as a record: string zones by address keys only. */
export function readRecipientZones(raw: unknown): RecipientZones {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: RecipientZones = {};
  for (const [address, zone] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof zone === 'string' && looksLikeAddress(address)) out[address] = zone;
  }
  return out;
}
