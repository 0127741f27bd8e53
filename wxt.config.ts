import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIcons } from './scripts/build/icons';
import { NOTICE_FILE, thirdPartyLicenses } from './scripts/build/licenses';
import { catalogs, toChromeMessages } from './lib/i18n/catalog';

const oauth = Boolean(process.env.WXT_CALENDLY_CLIENT_ID?.trim());
/** Whether the build re-runs its content script in open Gmail tabs itself (lib/background/reinject.ts); Firefox does it. */
const reinjects = (browser: string): boolean => browser !== 'firefox';
// The licences of every bundled package, collected across WXT's per-entrypoint builds (see build:done).
const licenses = thirdPartyLicenses();

// WXT 0.20.x is pinned on purpose: 0.21 needs Node 22 and these machines (and many users') run Node 20.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // MV3 in every browser, Firefox included (WXT's Firefox default is MV2): the same manifest, `action`,
  // `host_permissions` and a background that the browser stops when idle (an event page in Firefox).
  manifestVersion: 3,
  // `npm run dev`: as root (containers, CI boxes) Chromium refuses to start without --no-sandbox.
  // CHROMIUM picks the browser, as for the tests.
  webExt: {
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    ...(process.env.CHROMIUM ? { binaries: { chrome: process.env.CHROMIUM } } : {}),
  },
  vite: () => ({
    plugins: [preact(), licenses.plugin()],
  }),
  // The sources zip for Firefox Add-ons review: code only, not screenshots and test output.
  zip: { excludeSources: ['store/**', 'docs/**', 'test-output/**', 'demo-output/**', 'bench-output/**'] },
  hooks: {
    // Our licence and the bundles' third-party licences go into the build (and so into both zips).
    'build:done': (wxt) => {
      writeFileSync(join(wxt.config.outDir, NOTICE_FILE), licenses.text());
      copyFileSync(join(wxt.config.root, 'LICENSE'), join(wxt.config.outDir, 'LICENSE.txt'));
    },
    // Icons are drawn once as SVG (assets/icon.svg) and rendered to PNG at every build.
    'build:publicAssets': (wxt, files) => {
      const out = join(wxt.config.wxtDir, 'icons');
      for (const { size, file } of renderIcons(wxt.config.root, out)) {
        files.push({ absoluteSrc: file, relativeDest: `icon/${size}.png` });
      }
      // The message catalogue is typed TypeScript (lib/i18n); Chrome wants _locales/<lang>/messages.json.
      for (const [lang, messages] of Object.entries(catalogs)) {
        files.push({ contents: JSON.stringify(toChromeMessages(messages), null, 2), relativeDest: `_locales/${lang}/messages.json` });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' }, default_title: '__MSG_extName__' },
    // storage: the token (local), settings (sync) and a short-lived cache (session). Nothing else.
    // Builds with a Calendly OAuth client id add what "Sign in with Calendly" needs, and only those builds.
    // scripting + the Gmail host (Chrome): re-run the content script in Gmail tabs already open after an install
    // or update (lib/background/reinject.ts); Chrome's scripting API needs the host itself, the content
    // script's match pattern is not enough. Same install warning as the content script (no new prompt).
    // Firefox injects into open tabs by itself.
    permissions: [...(oauth ? ['storage', 'identity'] : ['storage']), ...(reinjects(browser) ? ['scripting'] : [])],
    // The only hosts the extension talks to (Calendly), and Gmail for the re-injection above.
    host_permissions: [...(oauth ? ['https://api.calendly.com/*', 'https://auth.calendly.com/*'] : ['https://api.calendly.com/*']), ...(reinjects(browser) ? ['https://mail.google.com/*'] : [])],
    commands: {
      'insert-open-slots': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_shortcutDescription__',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'open-slots@open-slots.dev',
              // 140 (ESR) and 142 on Android: the first versions with built-in data collection consent.
              strict_min_version: '140.0',
              // Mozilla counts any data handled outside the add-on: the Calendly token goes to Calendly's API
              // (and OAuth endpoints). Nothing else leaves the browser. See README "Permissions and privacy".
              data_collection_permissions: { required: ['authenticationInfo'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
