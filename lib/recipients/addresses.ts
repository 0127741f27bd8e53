/**
 * The To addresses a compose sends with its slots request (issue 19), as the background accepts them. The
 * content script runs beside a page that may be compromised, so the background takes nothing on trust:
 * strings only, shaped like an address, lowercased, no duplicates, at most `MAX_RECIPIENTS`.
 */

/** At most this many addresses per request; a compose To more people than that has no one reader to suit. */
export const MAX_RECIPIENTS = 20;

/** RFC 5321's limit on an address's length. */
const MAX_ADDRESS_LENGTH = 254;

/** `local@domain.tld` without spaces, angle brackets or quotes: enough to tell an address from anything else. */
const ADDRESS = /^[^\s@<>"',;]+@[^\s@<>"',;.]+(?:\.[^\s@<>"',;.]+)+$/u;

/** Whether `value` looks like an email address (not whether it exists). */
export function looksLikeAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS_LENGTH && ADDRESS.test(value);
}

/**
 * The addresses of `input` the background keeps: trimmed and lowercased (Gmail shows chips as typed; the same
 * person is one key), address-shaped, first occurrence only, in order, at most `MAX_RECIPIENTS`. Anything
 * that is not an array of strings is no addresses.
 */
export function normalizeRecipients(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  const out: string[] = [];
  for (const item of input) {
    if (typeof item !== 'string') continue;
    const address = item.trim().toLowerCase();
    if (!looksLikeAddress(address) || out.includes(address)) continue;
    out.push(address);
    if (out.length === MAX_RECIPIENTS) break;
  }
  return out;
}

/**
 * A short key for an address (FNV-1a, 32 bits, hex), for the content script's warm copy: the background tells
 * it the keys of the addresses that have a remembered zone, not the addresses, and it checks a compose's To
 * against them. A collision only means one more round trip to the background, never a wrong zone.
 */
export function recipientKey(address: string): string {
  const s = address.trim().toLowerCase();
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
