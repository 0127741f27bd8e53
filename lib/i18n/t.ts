import type { CatalogKey, MessageKey, PluralKey } from './en';

export type { MessageKey, PluralKey };

/** The plural categories a form can be marked with (CLDR's). */
export const PLURAL_FORM = /\{(zero|one|two|few|many|other)\}/;

/**
 * The sentences used where there is no `chrome.i18n`: Node (the unit and browser tests' own process, the
 * privacy page generator), which registers English with ./english.ts. The extension never needs them, so it
 * does not carry them: the content script was 7 KB (gzip) larger with the English catalogue inside it.
 */
let fallback: Readonly<Partial<Record<CatalogKey, string>>> = {};

/** Registers the sentences `t()` gives where there is no `chrome.i18n` (see ./english.ts). */
export function setFallbackMessages(messages: Readonly<Partial<Record<CatalogKey, string>>>): void {
  fallback = messages;
}

/**
 * A user-visible string in the browser's UI language, from the extension's `_locales` catalogue
 * (chrome.i18n works in every context, including content scripts and the service worker). Without
 * `chrome.i18n` (Node) it is the sentence registered with `setFallbackMessages` (English, by ./english.ts).
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return message(key, subs);
}

function message(key: CatalogKey, subs: (string | number)[]): string {
  const s = subs.map(String);
  try {
    const g = (globalThis as { chrome?: { i18n?: { getMessage(k: string, s?: string[]): string } } }).chrome;
    const msg = g?.i18n?.getMessage(key, s);
    if (msg) return msg;
  } catch {
    // No catalogue (unit tests): fall through to English.
  }
  // One pass, as Chrome does: a substitution that itself contains "$2" (e.g. Calendly's text) stays as it is.
  return (fallback[key] ?? '').replace(/\$(\d)/g, (m, d: string) => s[Number(d) - 1] ?? m);
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

/**
 * The forms of a plural message, by category. Chrome's catalogue has no plurals, so the forms travel in
 * one message (`{one}…{other}…`, the categories of Intl.PluralRules: English and German one/other; French,
 * Spanish and Portuguese one/many/other; Japanese other only) and `tn()` picks one.
 */
export function pluralForms(text: string): Map<string, string> {
  const parts = text.split(PLURAL_FORM);
  const forms = new Map<string, string>();
  for (let i = 1; i < parts.length; i += 2) forms.set(parts[i]!, parts[i + 1]!.trim());
  return forms;
}

/**
 * A message that says a number of things, in the form the language uses for `count` ("1 day", "2 days";
 * French "0 jour", "1 000 000 de jours"). The rules are those of the catalogue's own language (`langTag`),
 * so a browser language without a catalogue gets English text with English rules. `$1`… are `subs`
 * (numbers, or numbers formatted for display); by default `$1` is the count.
 */
export function tn(key: PluralKey, count: number, ...subs: (string | number)[]): string {
  // Substitutions are numbers (or numbers formatted for display): braces removed, they can never form a marker.
  const safe = subs.map((s) => (typeof s === 'string' ? s.replace(/[{}]/g, '') : s));
  const forms = pluralForms(message(key, safe.length ? safe : [count]));
  const category = new Intl.PluralRules(t('langTag')).select(count);
  return forms.get(category) ?? forms.get('other') ?? '';
}
