/**
 * PKCE (RFC 7636) with S256, and OAuth `state` values, from WebCrypto (available in service workers,
 * extension pages and Node 20). No extension APIs.
 */

/** Unpadded base64url (RFC 4648 §5) of `bytes`. */
export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBytes(n: number, crypto: Crypto): Uint8Array {
  const out = new Uint8Array(n);
  crypto.getRandomValues(out);
  return out;
}

export interface Pkce {
  /** 43 characters from the unreserved set, kept secret until the code exchange. */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with the authorize request. */
  challenge: string;
}

/** The S256 challenge of `verifier`. */
export async function challengeFor(verifier: string, crypto: Crypto = globalThis.crypto): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh verifier (32 random bytes, base64url: 43 characters) and its S256 challenge. */
export async function createPkce(crypto: Crypto = globalThis.crypto): Promise<Pkce> {
  const verifier = base64url(randomBytes(32, crypto));
  return { verifier, challenge: await challengeFor(verifier, crypto) };
}

/** An unguessable `state` value (16 random bytes, base64url) that ties a redirect to the request that made it. */
export function randomState(crypto: Crypto = globalThis.crypto): string {
  return base64url(randomBytes(16, crypto));
}
