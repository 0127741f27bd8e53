import { en, type MessageKey } from './en';

/**
 * A user-visible string in the browser's UI language, from the extension's `_locales` catalogue
 * (chrome.i18n works in every context, including content scripts and the service worker), with English
 * as the fallback. Pure: without `chrome.i18n` (unit tests, Node) it returns the English sentence.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const s = subs.map(String);
  try {
    const g = (globalThis as { chrome?: { i18n?: { getMessage(k: string, s?: string[]): string } } }).chrome;
    const msg = g?.i18n?.getMessage(key, s);
    if (msg) return msg;
  } catch {
    // No catalogue (unit tests): fall through to English.
  }
  // One pass, as Chrome does: a substitution that itself contains "$2" (e.g. Calendly's text) stays as it is.
  return en[key].replace(/\$(\d)/g, (m, d: string) => s[Number(d) - 1] ?? m);
}

/**
 * An object whose properties read their message when used, not when the module loads: for libraries that
 * export their sentences (`MESSAGES.network`) and run where the catalogue may arrive later (tests stub it).
 */
export function lazyMessages<K extends string>(keys: Record<K, MessageKey>): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const [name, key] of Object.entries(keys) as [K, MessageKey][]) {
    Object.defineProperty(out, name, { enumerable: true, get: () => t(key) });
  }
  return Object.freeze(out);
}
