#!/usr/bin/env node
// Runs first in the npm scripts (preinstall, pretest, predev…): an unsupported Node.js stops here with one
// sentence, instead of a cryptic error deep inside the build (Node 18 lacks util.styleText, used by WXT).
// Dependency-free and written for old Node versions on purpose. Keep in step with "engines" in package.json.
import { fileURLToPath } from 'node:url';

export const SUPPORTED = 'Node.js 20.12 or a later 20.x, or Node.js 22 or later';

/** The one sentence to print for `version` ("20.19.1" or "v18.19.0"), or null when it is supported. */
export function unsupportedNode(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  const ok = major >= 22 || (major === 20 && minor >= 12);
  return ok ? null : `Open Slots needs ${SUPPORTED}; this is Node.js ${String(version).replace(/^v/, '')}, please switch (for example with nvm: nvm install 22).`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const message = unsupportedNode(process.versions.node);
  if (message) {
    console.error(message);
    process.exit(1);
  }
}
