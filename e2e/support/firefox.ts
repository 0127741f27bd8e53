/**
 * Launches Debian's Firefox ESR with the built Firefox add-on (.output/firefox-mv3), driven by puppeteer-core
 * over WebDriver BiDi (no driver binary), pointed at the local stand-ins (see server.ts). Facts:
 * ../../../shared/reference/browser-tests.md ("Firefox").
 *
 * - Host mapping: Firefox has no --host-resolver-rules, so a small local HTTP CONNECT proxy (set by prefs)
 *   tunnels only the stand-in hosts to the stand-in server and refuses everything else.
 * - The add-on is installed temporarily (BiDi `webExtension.install`) under a fixed moz-extension UUID
 *   (pref `extensions.webextensions.uuids`), so its pages are at `moz-extension://<uuid>/<page>.html`.
 * - BiDi cannot `goto` a moz-extension URL; extension pages are opened with `browser.tabs.create` from an
 *   extension page that is already open (the welcome page the add-on opens on install).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { STAND_IN_HOSTS } from './browser';

// @ts-expect-error: a plain .mjs script without types (also run by `npm run test:e2e` before the tests).
import { findFirefox } from '../../scripts/ensure-firefox.mjs';

/** Where Firefox is: $FIREFOX, else Debian's firefox-esr (scripts/ensure-firefox.mjs). */
export const FIREFOX_PATH: string = findFirefox() ?? '/usr/lib/firefox-esr/firefox-esr';

/** The add-on's id (wxt.config.ts, browser_specific_settings.gecko.id). */
export const GECKO_ID = 'open-slots@open-slots.dev';

/** An HTTP CONNECT proxy on 127.0.0.1 that tunnels the stand-in hosts (any port) to 127.0.0.1:`port`. */
export async function startConnectProxy(port: number, hosts: string[] = STAND_IN_HOSTS): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [method, target] = head.split(' ');
      const host = (target ?? '').replace(/:\d+$/, '').toLowerCase();
      if (method !== 'CONNECT' || !hosts.includes(host)) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = new Socket();
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length) upstream.write(rest);
        upstream.pipe(client);
        client.pipe(upstream);
      });
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Options of `launchFirefox`. */
export interface FirefoxLaunchOptions {
  /** Port of the stand-in server (from `startStandIns`). */
  port: number;
  /** The built add-on; default `.output/firefox-mv3`. */
  extensionDir?: string;
  /** IANA zone for the browser (its `TZ`). */
  tz?: string;
  /** The colour scheme web pages and extension pages see. */
  colorScheme?: 'light' | 'dark';
  /** Files added to a copy of the add-on and to its Gmail content script's `js` list (test probes). */
  contentScriptExtras?: Record<string, string>;
}

/** A running Firefox with the add-on installed. */
export interface FirefoxExtension {
  browser: Browser;
  /** `moz-extension://<uuid>/` */
  origin: string;
  /** The tab the add-on opened on install (the welcome page). */
  installPage: Page;
  /** Opens `moz-extension://<uuid>/<path>` in a new tab (through `browser.tabs.create`). */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens `url` (a web page) in a new tab. */
  openPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Prefs: the CONNECT proxy for every host (it refuses all but the stand-ins), quiet start, fixed add-on UUID. */
export function firefoxPrefs(proxyPort: number, uuid: string, colorScheme: 'light' | 'dark' = 'light'): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.dns.disablePrefetch': true,
    'network.http.speculative-parallel-limit': 0,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // 0 = dark, 1 = light: what `prefers-color-scheme` reports to pages (web and extension).
    'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
    'ui.systemUsesDarkTheme': colorScheme === 'dark' ? 1 : 0,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
  };
}

/** A copy of the add-on with `extras` added to its Gmail content script (the shipped files unchanged). */
function withContentScriptExtras(dir: string, extras: Record<string, string>): string {
  const copy = mkdtempSync(join(tmpdir(), 'open-slots-ff-addon-'));
  cpSync(dir, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const [name, source] of Object.entries(extras)) {
    writeFileSync(join(copy, name), source);
    for (const cs of manifest.content_scripts) cs.js.push(name);
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return copy;
}

/** Launches Firefox, installs the add-on and waits for the page it opens on install. */
export async function launchFirefox(options: FirefoxLaunchOptions): Promise<FirefoxExtension> {
  const built = resolve(options.extensionDir ?? process.env.OPEN_SLOTS_FIREFOX_DIR ?? '.output/firefox-mv3');
  if (!existsSync(join(built, 'manifest.json'))) {
    throw new Error(`No manifest.json in ${built}: build the Firefox add-on first (npm run build:firefox).`);
  }
  const dir = options.contentScriptExtras ? withContentScriptExtras(built, options.contentScriptExtras) : built;
  const proxy = await startConnectProxy(options.port);
  const uuid = randomUUID();
  const origin = `moz-extension://${uuid}/`;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  if (options.tz) env.TZ = options.tz;
  delete env.DISPLAY;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    if (dir !== built) rmSync(dir, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      env,
      extraPrefsFirefox: firefoxPrefs(proxy.port, uuid, options.colorScheme),
      defaultViewport: { width: 1280, height: 800 },
    });
    const b = browser;
    const before = new Set(await b.pages());
    const id = await b.installExtension(dir);
    if (id !== GECKO_ID) throw new Error(`Installed add-on id ${id}, expected ${GECKO_ID}`);
    const installPage = await newPageWhere(b, before, (href) => href.startsWith(origin));
    const openExtensionPage = async (path: string) => {
      const known = new Set(await b.pages());
      const url = origin + path.replace(/^\//, '');
      await installPage.evaluate((u) => (globalThis as any).browser.tabs.create({ url: u }).then(() => undefined), url);
      const page = await newPageWhere(b, known, (href) => href === url);
      await page.waitForFunction(() => document.readyState === 'complete');
      return page;
    };
    return {
      browser: b,
      origin,
      installPage,
      openExtensionPage,
      async openPage(url: string) {
        const page = await b.newPage();
        await page.goto(url);
        return page;
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** The first page not in `known` whose `location.href` passes `ok` (page.url() says about:blank for extension pages). */
async function newPageWhere(browser: Browser, known: Set<Page>, ok: (href: string) => boolean, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of await browser.pages()) {
      if (known.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (ok(href)) return page;
    }
    if (Date.now() > deadline) throw new Error('Timed out waiting for a new Firefox tab');
    await new Promise((r) => setTimeout(r, 100));
  }
}
