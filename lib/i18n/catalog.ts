import { en, type Messages } from './en';

/** Every UI language shipped in `_locales`. Each must have every key of `en` (the type checks it). */
export const catalogs: Record<string, Messages> = { en };

/** One language in Chrome's `messages.json` shape. `$1`…`$9` in a message are Chrome substitutions. */
export function toChromeMessages(messages: Messages): Record<string, { message: string }> {
  return Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, { message }]));
}
