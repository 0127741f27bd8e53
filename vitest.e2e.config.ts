import { defineConfig } from 'vitest/config';

// Browser tests: the built extension (.output/chrome-mv3) in Debian's Chromium against local stand-ins.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    fileParallelism: true,
    // English for the product's sentences the tests compare with (MESSAGES…): no chrome.i18n in Node.
    setupFiles: ['lib/i18n/english.ts'],
  },
});
