import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// WXT 0.20.x is pinned on purpose: 0.21 needs Node 22 and these machines (and many users') run Node 20.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Open Slots',
    description: 'Insert your open Calendly times into Gmail as booking links, in one click.',
    permissions: ['storage'],
    host_permissions: ['https://api.calendly.com/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'open-slots@open-slots.dev', strict_min_version: '115.0' } } }
      : {}),
  }),
});
