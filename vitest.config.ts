import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'components/**/*.test.tsx', 'e2e/support/**/*.test.ts', 'scripts/**/*.test.ts', 'scripts/**/*.test.tsx'],
    restoreMocks: true,
    // One line when the real Gmail capture (../shared) is missing; the tests that need it are skipped.
    globalSetup: ['e2e/support/gmail/capture-note.ts'],
    // English for t() where there is no chrome.i18n (the extension's bundles read _locales instead).
    setupFiles: ['lib/i18n/english.ts'],
  },
});
