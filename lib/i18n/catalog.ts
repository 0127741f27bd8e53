import { de } from './de';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { ja } from './ja';
import { pt } from './pt';

/**
 * Every UI language shipped in `_locales`, by Chrome locale code (the folder name). Each must have every key
 * of `en` (the type checks it). Chrome ignores folders it does not know, and it has no plain `pt`: Brazilian
 * Portuguese is `pt_BR`.
 */
export const catalogs: Record<string, Messages> = { en, de, fr, es, pt_BR: pt, ja };

/** One language in Chrome's `messages.json` shape. `$1`…`$9` in a message are Chrome substitutions. */
export function toChromeMessages(messages: Messages): Record<string, { message: string }> {
  return Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, { message }]));
}
