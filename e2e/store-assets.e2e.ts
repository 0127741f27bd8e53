/**
 * Chrome Web Store screenshots (1280×800 PNG, in store/), taken from the built extension on the local
 * stand-ins with sample times on the next working days, so they show the product as it is. The inserted
 * slots shot is also the welcome page's picture (public/welcome-compose.png) and the README's
 * (docs/screenshot-compose.png). The steps run in order, as a user takes them.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../lib/i18n/en';
import { compose, EVENT_30, EVENT_INTRO, startApp, type App } from './support/app';

const STORE = join(process.cwd(), 'store');
const SIZE = { width: 1280, height: 800 };
const ZONE = 'America/New_York';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string) {
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

/** Slots at local times on the next working days (index 0 = the first working day after today), in `zone`. */
function workdaySlots(days: string[][], zone = ZONE): Date[] {
  const today = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date())
      .map((p) => [p.type, Number(p.value)]),
  );
  const out: Date[] = [];
  const day = new Date(Date.UTC(today.year!, today.month! - 1, today.day!));
  let i = 0;
  while (i < days.length) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    for (const time of days[i]!) {
      const [hh, mm] = time.split(':').map(Number) as [number, number];
      out.push(zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hh, mm, zone));
    }
    i++;
  }
  return out;
}

async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(STORE, { recursive: true });
  const file = join(STORE, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  expect(pngSize(file)).toEqual(SIZE);
  return file;
}

/** A grey line icon as a CSS background (the stand-in's toolbar has empty placeholders). */
const icon = (paths: string) =>
  `url("data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='#444746' stroke-width='1.8' stroke-linecap='round' stroke-linejoin='round'>${paths}</svg>`,
  )}")`;

const ICONS: Record<string, string> = {
  '.dv': "<path d='M6 16 12 4l6 12M8.5 11h7M5 20h14'/>",
  '[command="Files"]': "<path d='M21 11 12 20a6 6 0 0 1-8.5-8.5L12.7 2.3a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8L15 5.8'/>",
  '[command="+link"]': "<path d='M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7'/><path d='M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7'/>",
  '[command="+emoticon"]': "<circle cx='12' cy='12' r='9'/><path d='M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01'/>",
  '[command="docs"]': "<path d='M8 4h8l6 10-4 6H6l-4-6z'/>",
  '[command="image"]': "<rect x='3' y='3' width='18' height='18' rx='2'/><circle cx='8.5' cy='8.5' r='1.5'/><path d='m21 15-5-5L5 21'/>",
  '[command="locker"]': "<rect x='4' y='11' width='16' height='10' rx='2'/><path d='M8 11V7a4 4 0 0 1 8 0v4'/>",
  '[command="signature"]': "<path d='M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z'/>",
  '.Xv': "<circle cx='12' cy='5' r='1'/><circle cx='12' cy='12' r='1'/><circle cx='12' cy='19' r='1'/>",
  '.oh': "<path d='M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6'/>",
  '.Hm img.Hl': "<path d='M5 12h14'/>",
  '.Hm img.Hq': "<path d='M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7'/>",
  '.Hm img.Ha': "<path d='M18 6 6 18M6 6l12 12'/>",
};

/** A touch more of Gmail's look on the stand-in (recipient chip, toolbar icons). Screenshots only. */
const GMAIL_POLISH = `
  .gb_logo { font-size: 22px; color: #444746; }
  .afZ { display: flex; align-items: center; gap: 8px; }
  .afZ > .agP { flex: 1; }
  .afV { display: inline-flex; align-items: center; height: 24px; padding: 0 10px; border-radius: 12px; background: #e8eaed; font-size: 13px; white-space: nowrap; }
  .AD { width: 540px; }
  .Hm img { width: 16px; height: 16px; }
  ${Object.entries(ICONS)
    .map(([sel, paths]) => `${sel} { background: ${icon(paths)} center / 18px no-repeat transparent !important; border-radius: 0 !important; }`)
    .join('\n  ')}
  tr.zA.unread td { font-weight: 700; }
  tr.zA .y2 { color: #5f6368; font-weight: 400; }
`;

/** More of an inbox than the stand-in's two messages. */
const INBOX_ROWS = [
  ['Priya Natarajan', 'Partnership proposal', 'Thanks for the deck! Could we set up a call to go through it?', '9:41 AM', true],
  ['Calendly', 'New event: Intro Call with Jordan Lee', 'Jordan Lee booked Intro Call for Tuesday.', '8:15 AM', false],
  ['Marco Bianchi', 'Re: Q3 roadmap review', 'Sounds good, let us pick a slot once the numbers are in.', 'Yesterday', false],
  ['Dana Whitfield', 'Coffee next week?', 'I will be in town from Monday. Free for a coffee?', 'Yesterday', true],
  ['Team Updates', 'Weekly digest', 'Three new customers, two launches and one very good cake.', 'Nov 22', false],
] as const;

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

describe('store screenshots', () => {
  let app: App;
  let gmail: Page;

  beforeAll(async () => {
    app = await startApp({ tz: ZONE });
    app.fake.setAvailability(EVENT_30, workdaySlots([['09:30', '11:00', '14:30'], ['10:00', '13:30', '16:00'], ['09:00', '15:00']]));
    app.fake.setAvailability(EVENT_INTRO, workdaySlots([['10:15', '15:45'], ['09:00', '11:30', '14:00'], ['10:30', '16:15']]));
    await app.browser.installPage?.close();
    const options = await app.connect('demo-token');
    await options.close();
    gmail = await app.gmail();
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
  });
  afterAll(() => app?.close());

  it('1: the compose button beside Send, with its tooltip', async () => {
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
  });

  it('2: the open times inserted at the caret as booking links', async () => {
    const { root, body } = await newMessage(gmail);
    await root.getByRole('button', { name: en.insertOpenSlots }).click();
    await expect.poll(() => body.locator('a[href*="/30min/"]').count()).toBe(5);
    await gmail.mouse.move(200, 500); // no hover left on the button
    const file = await shoot(gmail, '2-inserted');
    mkdirSync(join(process.cwd(), 'public'), { recursive: true });
    mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
    copyFileSync(file, join(process.cwd(), 'public', 'welcome-compose.png'));
    copyFileSync(file, join(process.cwd(), 'docs', 'screenshot-compose.png'));
  });

  it('3: the picker (the arrow beside the button) with its live preview', async () => {
    const { root } = await newMessage(gmail);
    await root.getByRole('button', { name: en.chooseSlots }).click();
    const picker = gmail.getByRole('dialog', { name: en.chooseSlots });
    await picker.locator('a[href*="/30min/"]').first().waitFor();
    await picker.getByLabel(en.eventType).selectOption({ index: 1 });
    await expect.poll(() => picker.locator('a[href*="/intro-call/"]').count()).toBeGreaterThan(0);
    await gmail.mouse.move(200, 500);
    await shoot(gmail, '3-picker');
  });

  it('4: the toolbar popup, in a browser window', async () => {
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
  });

  it('5: the options page: the connected account, the defaults and the preview', async () => {
    const options = await app.browser.openExtensionPage('options.html');
    await options.setViewportSize(SIZE);
    await options.emulateMedia({ colorScheme: 'light' });
    await options.locator('.email a[href*="/30min/"]').first().waitFor();
    // Past the page title, so the account, the defaults and the whole preview fit.
    await options.evaluate(() => window.scrollTo(0, 100));
    await shoot(options, '5-options');
    await options.close();
  });
});
