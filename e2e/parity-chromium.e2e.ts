/** The same scenarios as the Firefox suite (e2e/scenarios/parity.ts), in Chromium with .output/chrome-mv3. */
import { paritySuite } from './scenarios/parity';

paritySuite('chromium');
