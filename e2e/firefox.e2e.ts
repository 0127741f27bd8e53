/**
 * The Firefox add-on (.output/firefox-mv3) in Debian's Firefox ESR, driven over WebDriver BiDi
 * (puppeteer-core), through the same scenarios as Chromium (e2e/scenarios/parity.ts).
 */
import { paritySuite } from './scenarios/parity';

paritySuite('firefox');
