/**
 * The Firefox driver: puppeteer-core over WebDriver BiDi on Debian's Firefox ESR with .output/firefox-mv3
 * (see ../firefox.ts). Elements by role and name come from Firefox's own accessibility tree (puppeteer's
 * `::-p-aria`, BiDi `locateNodes`), searched in the scope and in every open shadow root under it (the
 * query does not pierce shadow roots by itself).
 */
import { join } from 'node:path';
import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';
import { launchFirefox } from '../firefox';
import { PROBE_ATTR, PROBE_CONTENT_SCRIPT, PROBE_EVENT } from './probe';
import type { Driver, StorageProbe, Target, UiPage } from './types';

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

async function findAll(page: Page, target: Target): Promise<ElementHandle[]> {
  const scope: ElementHandle | null = target.within ? await page.$(target.within) : await page.$('html');
  if (!scope) return [];
  // No named functions inside: tsx (not vitest) would wrap them in a `__name` helper the page lacks.
  const roots: JSHandle = await scope.evaluateHandle((el) => {
    const out: Node[] = [el];
    for (let i = 0; i < out.length; i++) {
      for (const c of (out[i] as Element).querySelectorAll('*')) if (c.shadowRoot) out.push(c.shadowRoot);
    }
    return out;
  });
  const handles = [...(await roots.getProperties()).values()].map((h) => h.asElement()).filter(Boolean) as ElementHandle[];
  const query = `::-p-aria([name=${quote(target.name)}]${target.role ? `[role=${quote(target.role)}]` : ''})`;
  const found: ElementHandle[] = [];
  for (const root of handles) found.push(...((await root.$$(query)) as ElementHandle[]));
  await roots.dispose();
  if (found.length < 2) return found;
  // A query from an outer root may also return matches of an inner one: dedupe by identity.
  const unique: ElementHandle[] = [];
  for (const h of found) {
    let seen = false;
    for (const u of unique) if (await page.evaluate((a, b) => a === b, h, u)) seen = true;
    if (!seen) unique.push(h);
  }
  return unique;
}

async function waitForOne(page: Page, target: Target, timeoutMs = 15_000): Promise<ElementHandle> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [first] = await findAll(page, target);
    if (first) return first;
    if (Date.now() > deadline) throw new Error(`Firefox: no ${target.role ?? 'element'} named "${target.name}"${target.within ? ` in ${target.within}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pressCombo(page: Page, keys: string) {
  const parts = keys.split('+');
  const key = parts.pop()!;
  for (const m of parts) await page.keyboard.down(m as any);
  await page.keyboard.press(key as any);
  for (const m of parts.reverse()) await page.keyboard.up(m as any);
}

function uiPage(page: Page, outputDir: string): UiPage & { page: Page } {
  return {
    page,
    evaluate: (fn, arg) => page.evaluate(fn as any, arg) as any,
    async click(target) {
      const el = 'css' in target ? await page.waitForSelector(target.css, { timeout: 15_000 }) : await waitForOne(page, target);
      await el!.click();
    },
    async fill(target, value) {
      const el = await waitForOne(page, target);
      await el.focus();
      await pressCombo(page, 'Control+a');
      if (value === '') await page.keyboard.press('Backspace');
      else await page.keyboard.type(value);
    },
    has: async (target) => (await findAll(page, target)).length > 0,
    waitFor: async (target, timeoutMs) => void (await waitForOne(page, target, timeoutMs)),
    press: (keys) => pressCombo(page, keys),
    type: (text) => page.keyboard.type(text),
    setViewport: (width, height) => page.setViewport({ width, height }),
    bringToFront: () => page.bringToFront(),
    async screenshot(name) {
      const path = join(outputDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
  };
}

export async function launchFirefoxDriver(opts: { port: number; tz: string; outputDir: string; colorScheme?: 'light' | 'dark' }): Promise<Driver> {
  const ff = await launchFirefox({
    port: opts.port,
    tz: opts.tz,
    colorScheme: opts.colorScheme,
    contentScriptExtras: { 'test-probe.js': PROBE_CONTENT_SCRIPT },
  });
  let twin: Promise<Driver> | undefined;
  return {
    browserName: 'firefox',
    darkTwin: () => (twin ??= launchFirefoxDriver({ ...opts, colorScheme: 'dark' })),
    async openExtensionPage(path) {
      return uiPage(await ff.openExtensionPage(path), opts.outputDir);
    },
    async openPage(url) {
      return uiPage(await ff.openPage(url), opts.outputDir);
    },
    async probeContentScript(ui) {
      const page = (ui as ReturnType<typeof uiPage>).page;
      await page.evaluate((attr, event) => {
        document.documentElement.removeAttribute(attr);
        document.dispatchEvent(new CustomEvent(event));
      }, PROBE_ATTR, PROBE_EVENT);
      const handle = await page.waitForFunction((attr) => document.documentElement.getAttribute(attr), { timeout: 10_000 }, PROBE_ATTR);
      return JSON.parse((await handle.jsonValue()) as string) as StorageProbe;
    },
    async close() {
      await Promise.all([ff.close(), twin?.then((t) => t.close(), () => undefined)]);
    },
  };
}
