/** The Chromium driver: playwright-core on Debian's Chromium with .output/chrome-mv3 (see ../browser.ts). */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser, type LaunchOptions } from '../browser';
import { PROBE_FUNCTION } from './probe';
import type { Driver, StorageProbe, Target, UiPage } from './types';

function locate(page: Page, target: Target | { css: string }): Locator {
  if ('css' in target) return page.locator(target.css).first();
  const scope = target.within ? page.locator(target.within).first() : page;
  return target.role
    ? scope.getByRole(target.role, { name: target.name, exact: true })
    : scope.getByLabel(target.name, { exact: true });
}

function uiPage(page: Page, outputDir: string): UiPage & { page: Page } {
  return {
    page,
    evaluate: (fn, arg) => page.evaluate(fn as any, arg) as any,
    click: (target) => locate(page, target).click(),
    fill: (target, value) => locate(page, target).fill(value),
    has: async (target) => (await locate(page, target).count()) > 0,
    waitFor: (target, timeout = 15_000) => locate(page, target).first().waitFor({ timeout }),
    press: (keys) => page.keyboard.press(keys),
    type: (text) => page.keyboard.type(text),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    bringToFront: () => page.bringToFront(),
    async screenshot(name) {
      const path = join(outputDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
  };
}

export async function launchChromiumDriver(opts: { port: number; tz: string; outputDir: string; launch?: Partial<LaunchOptions> }): Promise<Driver> {
  const ext = await launchExtension({ ...opts.launch, port: opts.port, tz: opts.tz });
  return chromiumDriver(ext, opts.outputDir, 'light');
}

function chromiumDriver(ext: ExtensionBrowser, outputDir: string, colorScheme: 'light' | 'dark'): Driver {
  const origin = `chrome-extension://${ext.extensionId}`;
  const opts = { outputDir };
  return {
    browserName: 'chromium',
    darkTwin: async () => ({ ...chromiumDriver(ext, outputDir, 'dark'), close: async () => undefined }),
    async openExtensionPage(path) {
      const page = await ext.context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(`${origin}/${path.replace(/^\//, '')}`);
      return uiPage(page, opts.outputDir);
    },
    async openPage(url) {
      const page = await ext.context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(url);
      return uiPage(page, opts.outputDir);
    },
    async probeContentScript(ui) {
      // Our content script's world is an isolated world of the page, named by the extension's origin.
      const page = (ui as ReturnType<typeof uiPage>).page;
      const cdp = await page.context().newCDPSession(page);
      try {
        const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
        cdp.on('Runtime.executionContextCreated', (e: any) => contexts.push(e.context));
        await cdp.send('Runtime.enable');
        const deadline = Date.now() + 10_000;
        let ctx;
        while (!(ctx = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === origin))) {
          if (Date.now() > deadline) throw new Error("Open Slots' content-script world not found");
          await new Promise((r) => setTimeout(r, 50));
        }
        const r: any = await cdp.send('Runtime.evaluate', {
          expression: `(${PROBE_FUNCTION})()`,
          contextId: ctx.id,
          awaitPromise: true,
          returnByValue: true,
        });
        if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
        return r.result.value as StorageProbe;
      } finally {
        await cdp.detach();
      }
    },
    close: () => ext.close(),
  };
}
