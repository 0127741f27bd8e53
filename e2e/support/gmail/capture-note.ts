/**
 * Vitest global setup (unit tests): the one line that names the ../shared material this clone lacks, so the
 * tests that need it are skipped (they run wherever ../shared is beside the repo, as in CI).
 */
import { sharedSkipLine } from '../shared-material';

export default function setup(): void {
  const line = sharedSkipLine();
  if (line) console.log(`\n${line}\n`);
}
