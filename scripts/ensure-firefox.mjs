#!/usr/bin/env node
// Finds a Firefox for the Firefox browser tests. Order: $FIREFOX, then the usual install paths (Debian's
// firefox-esr first). When none is found and we are root on Debian/Ubuntu, installs Debian's `firefox-esr`
// (never a browser download by a test tool); otherwise stops with the one command to run.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [
  process.env.FIREFOX,
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/bin/firefox-esr',
  '/usr/lib/firefox/firefox',
  '/usr/bin/firefox',
].filter(Boolean);

export function findFirefox() {
  return candidates.find((p) => existsSync(p)) ?? null;
}

// Run as a script (not when imported by the tests for findFirefox).
const found = process.argv[1]?.endsWith('ensure-firefox.mjs') ? findFirefox() : 'imported';
if (found) {
  if (found !== 'imported') console.log(`Firefox: ${found}`);
} else if (process.env.FIREFOX) {
  console.error(`FIREFOX=${process.env.FIREFOX} does not exist. Point it at a Firefox binary.`);
  process.exit(1);
} else {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('No Firefox found: installing Debian\'s firefox-esr (apt-get install -y firefox-esr)…');
    execSync('apt-get update && apt-get install -y firefox-esr', { stdio: 'inherit' });
  } else {
    console.error(
      'No Firefox found. Install one, e.g.\n  sudo apt-get update && sudo apt-get install -y firefox-esr\n' +
        'or set FIREFOX=/path/to/firefox.',
    );
    process.exit(1);
  }
}
