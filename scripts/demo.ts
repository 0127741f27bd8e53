/**
 * `npm run demo`: the product working end to end with no Calendly account. Starts the local Calendly and
 * Gmail stand-ins with sample data, launches Chromium with the built extension, connects the demo token on
 * the real options page, opens a compose window and clicks "Insert open slots". Headed when a display
 * exists (the browser stays open until Ctrl+C), else headless; screenshots go to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchExtension } from '../e2e/support/browser';
import { createFakeCalendly } from '../e2e/support/fake-calendly';
import { GMAIL_PATHS, gmailPages } from '../e2e/support/gmail/pages';
import { startStandIns } from '../e2e/support/server';
import { GMAIL_POLISH } from './screenshots/polish';

const out = join(process.cwd(), 'demo-output');
mkdirSync(out, { recursive: true });
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.HEADLESS !== '1';

const fake = createFakeCalendly();
const standIns = await startStandIns({ fakeCalendly: fake, gmailPages: gmailPages() });
// The browser runs in the demo account's own time zone (America/New_York), as a real user's would.
const browser = await launchExtension({ port: standIns.port, headless: !headed, tz: fake.user('Avery Quinn').timezone });
const shots: string[] = [];
const shot = async (page: import('playwright-core').Page, name: string) => {
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file });
  shots.push(file);
};

try {
  console.log('1. Connecting the demo token on the options page…');
  const options = await browser.openExtensionPage('options.html');
  await options.getByLabel('Personal access token').fill('demo-token');
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByText(/^Connected as /).waitFor();
  await options.getByRole('region', { name: 'Preview' }).locator('a').first().waitFor();
  await shot(options, '1-options-connected');

  console.log('2. Opening Gmail (stand-in) and a new message…');
  const gmail = await browser.context.newPage();
  await gmail.setViewportSize({ width: 1280, height: 800 });
  await gmail.goto(`https://mail.google.com${GMAIL_PATHS.inbox}`);
  // Gmail's toolbar icons and recipient chip on the stand-in, as in the store screenshots.
  await gmail.addStyleTag({ content: GMAIL_POLISH });
  await gmail.getByRole('button', { name: 'Compose' }).click();
  const button = gmail.getByRole('button', { name: 'Insert open slots' }).first();
  await button.waitFor();
  const body = gmail.getByRole('textbox', { name: 'Message Body' }).first();
  // The empty line above the signature, where Gmail puts the caret in a new message.
  await body.locator('div').first().click();
  await gmail.keyboard.type('Hi Sam, would any of these times work for a call?');
  await gmail.keyboard.press('Enter');
  await shot(gmail, '2-compose-open');

  console.log('3. Clicking "Insert open slots"…');
  await button.click();
  await body.locator('a').first().waitFor();
  await shot(gmail, '3-slots-inserted');
  const links = await body.locator('a').count();
  console.log(`   Inserted ${links} links (one per slot, plus the booking page).`);

  console.log('4. Opening the picker (the arrow beside the button)…');
  await gmail.getByRole('button', { name: 'Choose slots to insert' }).first().click();
  await gmail.getByRole('dialog', { name: 'Choose slots to insert' }).locator('a').first().waitFor();
  await shot(gmail, '4-picker');

  console.log('\nScreenshots:');
  for (const s of shots) console.log(`  ${s}`);
  if (headed) {
    console.log('\nThe browser stays open: try the button yourself. Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
} finally {
  await browser.close();
  await standIns.close();
}
