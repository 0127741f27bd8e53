/**
 * Vitest global setup (unit tests): the one line that says the real Gmail capture is missing, so the
 * tests that need it are skipped (they run wherever ../shared is beside the repo, as in CI).
 */
import { CAPTURE_SKIP_LINE, HAS_CAPTURE } from './pages';

export default function setup(): void {
  if (!HAS_CAPTURE) console.log(`\n${CAPTURE_SKIP_LINE}\n`);
}
