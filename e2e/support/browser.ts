/**
 * Launches Debian's Chromium with an unpacked MV3 extension, pointed at the local stand-ins
 * (see server.ts) through --host-resolver-rules. Facts: ../../../shared/reference/browser-tests.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** Options of `launchExtension`. */
export interface LaunchOptions {
  /** Port of the stand-in server (from `startStandIns`). */
  port: number;
  /** Unpacked extension; default `$OPEN_SLOTS_EXTENSION_DIR`, else the WXT build `.output/chrome-mv3`. */
  extensionDir?: string;
  /** IANA zone for the browser (its `TZ`); default the test process's. */
  tz?: string;
  /** Default true. Chromium >= 132 has only the new headless mode, which loads extensions. */
  headless?: boolean;
  /** Profile directory to use (kept after close); default a fresh temp dir, removed on close. */
  userDataDir?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** More unpacked extensions to load beside this one (e.g. another extension in security tests). */
  extraExtensions?: string[];
}

/** A running browser with the extension loaded. */
export interface ExtensionBrowser {
  /** The page the extension opened on install (welcome or options), if any. */
  installPage: import('playwright-core').Page | null;
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (Playwright keeps this handle across stop/restart). */
  serviceWorker: Worker;
  /** Opens `chrome-extension://<id>/<path>` in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Closes the browser and removes the temp profile. */
  close(): Promise<void>;
}

/** Hosts the browser sends to the stand-in server. */
export const STAND_IN_HOSTS = ['api.calendly.com', 'auth.calendly.com', 'mail.google.com', 'calendly.com'];

/** The id Chrome gives an unpacked extension: its absolute path's SHA-256, first 32 hex digits as a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Chromium flags: load only our extension(s), quiet networking, and map the real origins to 127.0.0.1:port. */
export function chromiumArgs(extensionDir: string, port: number, extraExtensions: string[] = []): string[] {
  const rules = [...STAND_IN_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'EXCLUDE localhost'].join(', ');
  const dirs = [extensionDir, ...extraExtensions].join(',');
  return [
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${rules}`,
  ];
}

/** Launches Chromium with the extension and waits for its service worker. */
export async function launchExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionDir = resolve(options.extensionDir ?? process.env.OPEN_SLOTS_EXTENSION_DIR ?? '.output/chrome-mv3');
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No manifest.json in ${extensionDir}: build the extension first (npx wxt build).`);
  }
  const profile = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'open-slots-profile-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  if (options.tz) env.TZ = options.tz;
  // Playwright passes plain `--headless`, which in Chromium >= 132 is the new headless mode: extensions load.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: options.headless ?? true,
    args: [...chromiumArgs(extensionDir, options.port, (options.extraExtensions ?? []).map((d) => resolve(d))), ...(options.args ?? [])],
    env,
  });
  const removeProfile = () => {
    if (!options.userDataDir) rmSync(profile, { recursive: true, force: true });
  };
  try {
    // With other extensions loaded, pick ours by its id; alone, the first extension worker is ours.
    const ownPrefix = options.extraExtensions?.length ? `chrome-extension://${unpackedExtensionId(extensionDir)}/` : 'chrome-extension://';
    const isOwn = (w: Worker) => w.url().startsWith(ownPrefix);
    const serviceWorker =
      context.serviceWorkers().find(isOwn) ?? (await context.waitForEvent('serviceworker', { predicate: isOwn, timeout: 15_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    // The extension opens a first-run page on install (runtime.onInstalled). Wait for it, so that a test's
    // own navigation to an extension page is never interrupted by it (Chrome may reuse that tab).
    const prefix = `chrome-extension://${extensionId}/`;
    // Poll: the tab's 'page' event often fires before its URL is set (empty), and no second event follows
    // its navigation, so a predicate on the event waited out its whole timeout on every launch.
    const installPage = await (async () => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const page = context.pages().find((p) => p.url().startsWith(prefix));
        if (page || Date.now() > deadline) return page ?? null;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await installPage?.waitForLoadState().catch(() => undefined);
    return {
      context,
      extensionId,
      serviceWorker,
      installPage,
      async openExtensionPage(path: string) {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
        return page;
      },
      async close() {
        await context.close();
        removeProfile();
      },
    };
  } catch (err) {
    await context.close();
    removeProfile();
    throw err;
  }
}

/**
 * Stops the extension's service worker as Chrome does after 30 s idle (global state lost), via the DevTools
 * `ServiceWorker.stopWorker` command, and resolves once Chrome reports it stopped. The next extension event
 * (a message, an alarm...) starts it again; the `serviceWorker` handle then evaluates in the new instance.
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string, timeoutMs = 10_000): Promise<void> {
  // The ServiceWorker domain lives on page targets; a blank tab sees the profile's extension workers.
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const prefix = `chrome-extension://${extensionId}/`;
    const status = new Map<string, string>();
    let changed: () => void = () => {};
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(prefix)) status.set(v.versionId, v.runningStatus);
      changed();
    });
    const until = (ok: () => boolean, what: string) =>
      new Promise<void>((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`stopServiceWorker: timed out waiting for ${what}`)), timeoutMs);
        changed = () => {
          if (ok()) {
            clearTimeout(timer);
            resolvePromise();
          }
        };
        changed();
      });
    await cdp.send('ServiceWorker.enable');
    await until(() => status.size > 0, `a worker of ${extensionId}`);
    for (const [versionId, running] of status) {
      if (running !== 'stopped') await cdp.send('ServiceWorker.stopWorker', { versionId });
    }
    await until(() => [...status.values()].every((s) => s === 'stopped'), 'the worker to stop');
    await cdp.send('ServiceWorker.disable');
    await cdp.detach();
  } finally {
    await page.close();
  }
}
