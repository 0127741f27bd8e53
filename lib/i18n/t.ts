import { en, type MessageKey } from './en';

/**
 * A user-visible string in the browser's UI language, from the extension's `_locales` catalogue
 * (chrome.i18n works in every context, including content scripts), with English as the fallback.
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
  return s.reduce<string>((out, value, i) => out.replaceAll(`$${i + 1}`, value), en[key]);
}
