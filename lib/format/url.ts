/** `calendly.com` or any subdomain of it, as the URL parser normalises hostnames (lower case, punycode). */
const CALENDLY_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*calendly\.com$/;

/**
 * Characters no Calendly link contains and the URL parser would otherwise silently percent-encode or
 * strip: whitespace, control characters, quotes, angle brackets, backslash, backtick. Their presence means
 * the string was tampered with (e.g. `https://calendly.com/x" onmouseover="…`), so it is rejected outright.
 */
const SUSPICIOUS = /[\u0000-\u0020\u007f-\u009f\u00a0\u2028\u2029"'<>\\`]/;

/**
 * Returns the normalised URL (`URL#href`) if `url` is an https link to calendly.com or one of its
 * subdomains on the default port without credentials; otherwise `null`. Rejects `javascript:`, `data:`,
 * `http:`, look-alike hosts (`calendly.com.evil.com`, `evilcalendly.com`), `user@host` tricks and
 * explicit non-default ports. Only URLs that pass may become an `href`.
 */
export function safeCalendlyUrl(url: string): string | null {
  if (typeof url !== 'string' || url === '' || SUSPICIOUS.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '') return null;
  if (!CALENDLY_HOST.test(parsed.hostname)) return null;
  return parsed.href;
}
