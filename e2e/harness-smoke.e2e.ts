/**
 * Proves the browser harness without Open Slots' code: a throwaway MV3 extension whose service worker
 * fetches the fake Calendly and whose content script runs on the Gmail stand-in.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, stopServiceWorker, type ExtensionBrowser } from './support/browser';
import { createFakeCalendly, tokenFingerprint, type FakeCalendly } from './support/fake-calendly';
import { startStandIns, type StandIns } from './support/server';

const MANIFEST = {
  manifest_version: 3,
  name: 'harness smoke',
  version: '0.0.1',
  host_permissions: ['https://api.calendly.com/*'],
  background: { service_worker: 'sw.js' },
  content_scripts: [{ matches: ['https://mail.google.com/*'], js: ['content.js'] }],
};

const SERVICE_WORKER = `
const bootId = crypto.randomUUID();
chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message?.type === 'boot') { reply({ bootId }); return false; }
  if (message?.type !== 'me') return false;
  fetch('https://api.calendly.com/users/me', { headers: { Authorization: 'Bearer demo-token' } })
    .then(async (r) => reply({ status: r.status, body: await r.json(), bootId }))
    .catch((e) => reply({ error: String(e) }));
  return true;
});
`;

function buildExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'smoke-ext-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  writeFileSync(join(dir, 'sw.js'), SERVICE_WORKER);
  writeFileSync(join(dir, 'content.js'), "document.documentElement.dataset.smoke = 'ok';");
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>smoke</title><p>extension page</p>');
  return dir;
}

/** The extension API inside extension pages (this file is type-checked without Chrome's typings). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const send = (page: Page, message: unknown) =>
  page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Record<string, any>>;

describe('browser harness', () => {
  let extDir: string;
  let fake: FakeCalendly;
  let standIns: StandIns;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    extDir = buildExtension();
    fake = createFakeCalendly();
    standIns = await startStandIns({
      fakeCalendly: fake,
      gmailPages: { '/mail/u/0/': '<!doctype html><title>Inbox</title><main>Inbox</main>' },
    });
    browser = await launchExtension({ port: standIns.port, extensionDir: extDir, tz: 'America/New_York' });
  });

  afterAll(async () => {
    await browser?.close();
    await standIns?.close();
    rmSync(extDir, { recursive: true, force: true });
  });

  it('runs the content script on the Gmail stand-in, in the pinned time zone, without CORS to the API', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await page.waitForFunction(() => document.documentElement.dataset.smoke === 'ok');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    // The stand-in sends no CORS headers: only the service worker (host permission) can read the API.
    const fromPage = await page.evaluate(() =>
      fetch('https://api.calendly.com/users/me').then(
        () => 'read',
        () => 'blocked',
      ),
    );
    expect(fromPage).toBe('blocked');
    await page.close();
  });

  it('reaches the fake Calendly through the service worker', async () => {
    fake.resetLog();
    const page = await browser.openExtensionPage('page.html');
    const reply = await send(page, { type: 'me' });
    expect(reply.status).toBe(200);
    expect(reply.body.resource.name).toBe('Avery Quinn');
    const call = fake.requests.find((r) => r.path === '/users/me' && r.authorization);
    expect(call?.tokenFingerprint).toBe(tokenFingerprint('demo-token'));
    await page.close();
  });

  it('opens booking links on the calendly.com stand-in', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://calendly.com/avery-quinn/30min/2026-11-26T15:00:00Z?month=2026-11&date=2026-11-26');
    expect(await page.textContent('#booking-path')).toBe('/avery-quinn/30min/2026-11-26T15:00:00Z?month=2026-11&date=2026-11-26');
    await page.close();
  });

  it('stops the service worker, which restarts fresh on the next message', async () => {
    const page = await browser.openExtensionPage('page.html');
    const before = await send(page, { type: 'boot' });
    await stopServiceWorker(browser.context, browser.extensionId);
    const after = await send(page, { type: 'me' });
    expect(after.bootId).not.toBe(before.bootId);
    expect(after.body.resource.name).toBe('Avery Quinn');
    // The handle from launchExtension keeps working: it evaluates in the restarted instance.
    expect(await browser.serviceWorker.evaluate('bootId')).toBe(after.bootId);
    await page.close();
  });
});
