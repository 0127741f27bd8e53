#!/usr/bin/env node
// Finds a Chrome or Chromium for the browser tests, the demo and the benchmark. Order: $CHROMIUM, then the
// usual install paths. When none is found and we are root on Debian/Ubuntu, installs Debian's `chromium`
// (never a browser download by a test tool); otherwise stops with the one command to run.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [
  process.env.CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);

export function findChromium() {
  return candidates.find((p) => existsSync(p)) ?? null;
}

const found = findChromium();
if (found) {
  if (process.argv[1]?.endsWith('ensure-chromium.mjs')) console.log(`Chromium: ${found}`);
} else if (process.env.CHROMIUM) {
  console.error(`CHROMIUM=${process.env.CHROMIUM} does not exist. Point it at a Chrome or Chromium binary.`);
  process.exit(1);
} else {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('No Chrome or Chromium found: installing Debian\'s chromium (apt-get install -y chromium)…');
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' });
  } else {
    console.error(
      'No Chrome or Chromium found. Install one, e.g.\n  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or set CHROMIUM=/path/to/chrome.',
    );
    process.exit(1);
  }
}
