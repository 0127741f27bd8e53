/**
 * English for `t()` where there is no `chrome.i18n`: imported first by Node code that renders or checks the
 * extension's text (vitest's setup for unit and browser tests, scripts/privacy-page.tsx). The extension's
 * own bundles never import it: they read `_locales` through chrome.i18n.
 */
import { en } from './en';
import { setFallbackMessages } from './t';

setFallbackMessages(en);
