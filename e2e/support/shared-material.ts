/**
 * Material the tests read from ../shared beside the repo, which exists only where Open Slots is developed
 * (CI has it; a user's clone does not): the real Gmail compose capture and Calendly's published OpenAPI
 * excerpt. Each is read when a test needs it, never copied; without it those tests are skipped, and the unit
 * tests' global setup prints one line naming what is missing.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The real 2020 Gmail compose capture. */
export const CAPTURE_PATH = resolve(repoRoot, '../shared/fixtures/gmail-compose-2020-capture.html');
/** Calendly's published OpenAPI (excerpt for our endpoints, resolved to JSON Schema). */
export const OPENAPI_PATH = resolve(repoRoot, '../shared/reference/calendly-openapi-excerpt.json');

export const HAS_CAPTURE = existsSync(CAPTURE_PATH);
export const HAS_OPENAPI = existsSync(OPENAPI_PATH);

/** The one line that names every missing file and what is skipped for it; null when nothing is missing. */
export function sharedSkipLine(): string | null {
  const missing = [
    ...(HAS_CAPTURE ? [] : [`${relative(process.cwd(), CAPTURE_PATH)} (the tests on the real Gmail capture)`]),
    ...(HAS_OPENAPI ? [] : [`${relative(process.cwd(), OPENAPI_PATH)} (the check of the fake Calendly against Calendly's OpenAPI)`]),
  ];
  if (missing.length === 0) return null;
  return `Skipping tests that need material kept only where Open Slots is developed: missing ${missing.join(' and ')}; every other test runs.`;
}
