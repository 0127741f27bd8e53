/**
 * `npm run screenshots`: the Chrome Web Store screenshots (store/, 1280x800 PNG), the README's picture
 * (docs/screenshot-compose.png) and the welcome page's (public/welcome-compose.png), taken from the built
 * extension on the local stand-ins. Fixed data and a fixed clock (Monday 1 March 2027, 08:05 in New York,
 * for the fake Calendly, the pages and the extension's worker), so two runs give the same bytes.
 * `--out <dir>` writes everything under <dir> instead (the browser test uses test-output/).
 * Run it by hand when the UI changes, and commit the images; `npm test` never writes tracked files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { en } from '../lib/i18n/en';
import { compose, EVENT_30, EVENT_INTRO, startApp, type App } from '../e2e/support/app';
import { DEVTOOLS_PORT_ARG, pinWorkerClock } from './screenshots/clock';
import { AVAILABILITY_STYLE, GMAIL_POLISH, INBOX_ROWS } from './screenshots/polish';

const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg > 0 ? process.argv[outArg + 1]! : process.cwd());
const SIZE = { width: 1280, height: 800 };
const ZONE = 'America/New_York';
/** Monday 1 March 2027, 08:05 in New York. */
export const NOW = Date.UTC(2027, 2, 1, 13, 5);

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(file: string) {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The instant of `hh:mm` on `date` (y, m, d) in `zone`. */
function zonedInstant(y: number, m: number, d: number, hh: number, mm: number, zone: string): Date {
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(guess)
      .map((p) => [p.type, Number(p.value)]),
  );
  const seen = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return new Date(guess - (seen - guess));
}

/** Slots at local times on the working days after 1 March 2027 (index 0 = Tuesday 2 March), in New York. */
function workdaySlots(days: string[][]): Date[] {
  const out: Date[] = [];
  const day = new Date(Date.UTC(2027, 2, 1));
  let i = 0;
  while (i < days.length) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    for (const time of days[i]!) {
      const [hh, mm] = time.split(':').map(Number) as [number, number];
      out.push(zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hh, mm, ZONE));
    }
    i++;
  }
  return out;
}

async function until(check: () => Promise<boolean>, what: string, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`screenshots: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Two frames and a moment for anything still moving (focus rings, the autosave line) to come to rest. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
}

const written: string[] = [];
async function shoot(page: Page, name: string): Promise<string> {
  await settle(page);
  const file = join(OUT, 'store', `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  const size = pngSize(file);
  if (size.width !== SIZE.width || size.height !== SIZE.height) throw new Error(`${file} is ${size.width}x${size.height}, not 1280x800`);
  written.push(file);
  return file;
}
function copyTo(file: string, rel: string) {
  const to = join(OUT, rel);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(file, to);
  written.push(to);
}

/** Opens a new message to Sam with a greeting; the caret on the empty line before the signature. */
async function newMessage(gmail: Page): Promise<{ root: Locator; body: Locator }> {
  const id = await gmail.evaluate(() => {
    const gm = (window as any).__gmail;
    for (const open of gm.ids()) gm.close(open);
    const id: string = gm.openCompose({
      kind: 'mole',
      subject: 'Quick call next week?',
      body:
        '<div>Hi Sam,</div><div><br></div>' +
        '<div>Great to meet you at the conference. Would one of these times work for a quick call?</div><div><br></div><div><br></div>',
    });
    gm.root(id).querySelector('.afX').innerHTML = gm.trusted('<div class="afV" role="option">Sam Rivera</div>');
    return id;
  });
  const root = compose(gmail, id);
  const body = root.getByRole('textbox', { name: 'Message Body' });
  await root.getByRole('button', { name: en.insertOpenSlots }).waitFor();
  await body.locator(':scope > div').nth(4).click();
  return { root, body };
}


const profile = mkdtempSync(join(tmpdir(), 'open-slots-screenshots-'));
const app: App = await startApp({ tz: ZONE, fake: { now: NOW }, launch: { userDataDir: profile, args: [DEVTOOLS_PORT_ARG] } });
try {
  const { context, extensionId } = app.browser;
  await context.clock.install({ time: NOW });
  await pinWorkerClock({ context, profile, extensionId, start: NOW, wake: () => app.browser.openExtensionPage('popup.html').then((p) => p.close()) });
  app.fake.setAvailability(EVENT_30, workdaySlots([['09:30', '11:00', '14:30'], ['10:00', '13:30', '16:00'], ['09:00', '15:00']]));
  app.fake.setAvailability(EVENT_INTRO, workdaySlots([['10:15', '15:45'], ['09:00', '11:30', '14:00'], ['10:30', '16:15']]));
  await app.browser.installPage?.close();
  const options = await app.connect('demo-token');
  await options.close();
  const gmail = await app.gmail();
  await gmail.setViewportSize(SIZE);
  await gmail.addStyleTag({ content: GMAIL_POLISH });
  await gmail.evaluate((rows) => {
    const body = document.querySelector('[role="main"] table.zt tbody')!;
    const template = body.querySelector('tr.zA')!;
    for (const [from, subject, snippet, time, unread] of rows as [string, string, string, string, boolean][]) {
      const tr = template.cloneNode(true) as HTMLElement;
      tr.querySelector('.yP')!.textContent = from;
      tr.querySelector('.bog')!.textContent = subject;
      tr.querySelector('.y2')!.textContent = ` - ${snippet}`;
      tr.querySelector('.xW span')!.textContent = time;
      tr.classList.toggle('unread', unread);
      body.insertBefore(tr, body.firstChild);
    }
  }, [...INBOX_ROWS].reverse());

  // 1: the compose button beside Send, with its tooltip.
  {
    const { root } = await newMessage(gmail);
    const button = root.getByRole('button', { name: en.insertOpenSlots });
    await button.hover();
    // Chrome draws native tooltips outside the page, so screenshots never show them: draw Gmail's style.
    const box = (await button.boundingBox())!;
    await gmail.evaluate(
      ({ box, text }) => {
        const tip = document.createElement('div');
        tip.id = 'store-tooltip';
        tip.textContent = text;
        Object.assign(tip.style, {
          position: 'fixed', zIndex: '100', background: '#3c4043', color: '#fff', font: '12px/16px Roboto, Arial, sans-serif',
          padding: '6px 10px', borderRadius: '4px', whiteSpace: 'nowrap', boxShadow: '0 1px 3px rgba(0,0,0,.3)',
        });
        document.body.append(tip);
        const w = tip.offsetWidth;
        tip.style.left = `${Math.min(window.innerWidth - w - 8, box.x + box.width / 2 - w / 2)}px`;
        tip.style.top = `${box.y - tip.offsetHeight - 8}px`;
      },
      { box, text: en.insertTooltip },
    );
    await shoot(gmail, '1-compose-button');
    await gmail.evaluate(() => document.getElementById('store-tooltip')?.remove());
  }

  // 2: the open times inserted at the caret as booking links (also the welcome page's and README's picture).
  {
    const { root, body } = await newMessage(gmail);
    await root.getByRole('button', { name: en.insertOpenSlots }).click();
    await until(async () => (await body.locator('a[href*="/30min/"]').count()) === 5, 'five slots inserted');
    await gmail.mouse.move(200, 500); // no hover left on the button
    // The stand-in's autosave writes "Draft saved" 300 ms after the insertion: shoot after it, every time.
    await root.getByText('Draft saved').waitFor();
    await settle(gmail);
    const file = await shoot(gmail, '2-inserted');
    copyTo(file, 'public/welcome-compose.png');
    copyTo(file, 'docs/screenshot-compose.png');
  }

  // 3: the picker (the arrow beside the button) with its live preview.
  {
    const { root } = await newMessage(gmail);
    await root.getByRole('button', { name: en.chooseSlots }).click();
    const picker = gmail.getByRole('dialog', { name: en.chooseSlots });
    await picker.locator('a[href*="/30min/"]').first().waitFor();
    await picker.getByLabel(en.eventType).selectOption({ index: 1 });
    await picker.locator('a[href*="/intro-call/"]').first().waitFor();
    await gmail.mouse.move(200, 500);
    await shoot(gmail, '3-picker');
  }

  // 4: the toolbar popup, in a drawn browser window.
  {
    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.setViewportSize(SIZE);
    await popup.locator('.email a[href*="/30min/"]').first().waitFor();
    const icon = `chrome-extension://${app.browser.extensionId}/icon/32.png`;
    // The popup's own DOM, moved into a drawn browser window on a neutral background, beside a caption.
    await popup.evaluate(
      ({ icon, title }) => {
        const app = document.getElementById('app')!;
        const stage = document.createElement('div');
        stage.innerHTML = `
          <div class="st-copy"><h1>Your next open times, ready to share</h1>
            <p>Pick an event type and copy the times as booking links. Paste them into any email or chat.</p></div>
          <div class="st-window">
            <div class="st-bar"><span></span><span></span><span></span>
              <div class="st-omni">mail.google.com</div><img class="st-ext" src="${icon}" alt="${title}"></div>
            <div class="st-page"><div class="st-line w60"></div><div class="st-line w80"></div><div class="st-line w40"></div>
              <div class="st-line w70"></div><div class="st-line w50"></div></div>
            <div class="st-popup"></div>
          </div>`;
        stage.className = 'st-stage';
        document.body.append(stage);
        stage.querySelector('.st-popup')!.append(app);
        const style = document.createElement('style');
        style.textContent = `
          body { background: linear-gradient(135deg, #e8f0fe 0%, #f6f8fc 55%, #e6f4ea 100%); height: 800px; overflow: hidden; }
          .st-stage { display: grid; grid-template-columns: 400px 700px; gap: 60px; align-items: center; justify-content: center; height: 800px; }
          .st-copy h1 { font-size: 36px; line-height: 44px; color: #1f1f1f; margin-bottom: 16px; }
          .st-copy p { font-size: 18px; line-height: 28px; color: #444746; }
          .st-window { position: relative; height: 640px; border-radius: 12px; background: #fff; box-shadow: 0 24px 48px rgba(60,64,67,.18), 0 2px 6px rgba(60,64,67,.12); overflow: hidden; }
          .st-bar { display: flex; align-items: center; gap: 8px; height: 48px; padding: 0 16px; background: #dee3eb; }
          .st-bar > span { width: 12px; height: 12px; border-radius: 50%; background: #fff; opacity: .8; }
          .st-omni { flex: 1; margin: 0 16px; height: 30px; border-radius: 15px; background: #fff; color: #5f6368; font-size: 13px; line-height: 30px; padding: 0 16px; }
          .st-ext { width: 20px; height: 20px; padding: 6px; box-sizing: content-box; border-radius: 50%; background: rgba(11,87,208,.14); }
          .st-page { padding: 32px; display: grid; gap: 16px; }
          .st-line { height: 12px; border-radius: 6px; background: #eef0f2; }
          .w40 { width: 40%; } .w50 { width: 50%; } .w60 { width: 60%; } .w70 { width: 70%; } .w80 { width: 80%; }
          .st-popup { position: absolute; top: 52px; right: 8px; border-radius: 10px; background: var(--surface); box-shadow: 0 12px 32px rgba(60,64,67,.28), 0 1px 3px rgba(60,64,67,.2); overflow: hidden; }
          .st-popup .times .email { max-height: 360px; }`;
        document.head.append(style);
      },
      { icon, title: en.extName },
    );
    await popup.emulateMedia({ colorScheme: 'light' });
    await shoot(popup, '4-popup');
    await popup.close();
  }

  // 5: the options page: the connected account, the defaults and the preview.
  {
    const options = await app.browser.openExtensionPage('options.html');
    await options.setViewportSize(SIZE);
    await options.emulateMedia({ colorScheme: 'light' });
    await options.locator('.email a[href*="/30min/"]').first().waitFor();
    // The title, every default and the whole preview, at 80 % (as with the browser's zoom). The account card
    // (shown connected in the other pictures) is left out so that nothing is cut.
    await options.addStyleTag({ content: 'html { zoom: 0.8; } section.card.account { display: none; }' });
    await shoot(options, '5-options');
    await options.close();
  }

  // 6: the availability view: this week's figures and the whole working day in the week calendar.
  {
    const page = await app.browser.openExtensionPage('availability.html');
    await page.setViewportSize(SIZE);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('[data-figure="available"] .av-figure-value').waitFor();
    await page.locator('.av-block.calendly').first().waitFor();
    await page.addStyleTag({ content: AVAILABILITY_STYLE });
    await shoot(page, '6-availability');
    await page.close();
  }
  for (const file of written) console.log(`Saved ${file}`);
} catch (err) {
  // What each open page showed, for the error report (test output, never a tracked file).
  const pages = app.browser.context.pages();
  for (const [i, page] of pages.entries()) await page.screenshot({ path: join(process.cwd(), 'test-output', `screenshots-failed-${i}.png`) }).catch(() => undefined);
  throw err;
} finally {
  await app.close();
}
