/** For tests only: pretend to be chrome.i18n over one catalogue, as `t()` sees it in the browser. */
import { vi } from 'vitest';
import type { Messages } from './en';

/**
 * Stubs `chrome.i18n.getMessage` with `messages` (or a lookup): Chrome's `$1`…`$9` substitution in one pass,
 * "" for an unknown key. Undo with `vi.unstubAllGlobals()`.
 */
export function useCatalog(messages: Messages | ((key: string) => string)) {
  const lookup = typeof messages === 'function' ? messages : (k: string) => messages[k as keyof Messages];
  vi.stubGlobal('chrome', {
    i18n: {
      getMessage: (key: string, subs: string[] = []) =>
        (lookup(key) ?? '').replace(/\$(\d)/g, (m, d: string) => subs[Number(d) - 1] ?? m),
    },
  });
}
