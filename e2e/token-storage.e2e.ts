/**
 * The token's home (lib/secrets.ts: the extension origin's IndexedDB) in Chromium across browser restarts:
 * it survives a restart, and a token an earlier version left in storage.local is moved there on the next
 * start and deleted from storage.local. (Firefox cannot restart with a temporary add-on; the Firefox suite
 * checks where the token is and that the content script cannot read it.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension } from './support/browser';
import { createFakeCalendly, type FakeCalendly } from './support/fake-calendly';
import { readSecrets } from './support/secrets';
import { startStandIns, type StandIns } from './support/server';

declare const chrome: any;

describe('chromium: the token in the extension’s IndexedDB across restarts and the upgrade from storage.local', () => {
  let fake: FakeCalendly;
  let standIns: StandIns;
  const profile = mkdtempSync(join(tmpdir(), 'open-slots-restart-'));
  const launch = () => launchExtension({ port: standIns.port, tz: 'America/New_York', userDataDir: profile });

  beforeAll(async () => {
    fake = createFakeCalendly({ token: 'pat-restart-1' });
    fake.addToken('pat-legacy-2');
    standIns = await startStandIns({ fakeCalendly: fake });
  });
  afterAll(async () => {
    await standIns?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('a connected token is still there after the browser restarts', async () => {
    const first = await launch();
    try {
      const options = await first.openExtensionPage('options.html');
      await options.getByLabel('Personal access token').fill('pat-restart-1');
      await options.getByRole('button', { name: 'Connect' }).click();
      await options.getByText(/^Connected as /).waitFor();
      expect(await readSecrets(first.serviceWorker)).toEqual({ calendlyToken: 'pat-restart-1' });
    } finally {
      await first.close();
    }
    const second = await launch();
    try {
      expect(await readSecrets(second.serviceWorker)).toEqual({ calendlyToken: 'pat-restart-1' });
      // "Connected" needs the background to read the token (not only the account card in storage.local).
      const options = await second.openExtensionPage('options.html');
      await options.getByText('Connected as Avery Quinn').waitFor();
      // What 0.1 left behind: the token in storage.local (and none in IndexedDB).
      await second.serviceWorker.evaluate(async () => {
        await chrome.storage.local.set({ calendlyToken: 'pat-legacy-2' });
        const db: IDBDatabase = await new Promise((ok, ko) => {
          const r = indexedDB.open('open-slots-secrets');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
        const tx = db.transaction('secrets', 'readwrite');
        tx.objectStore('secrets').clear();
        await new Promise((ok) => (tx.oncomplete = ok));
        db.close();
      });
    } finally {
      await second.close();
    }
    const third = await launch();
    try {
      // The background's start (its badge asks for the status) moved it, and deleted the old copy.
      await expect.poll(() => readSecrets(third.serviceWorker)).toEqual({ calendlyToken: 'pat-legacy-2' });
      const local = await third.serviceWorker.evaluate(() => chrome.storage.local.get(null));
      expect(local.calendlyToken).toBeUndefined();
      expect(JSON.stringify(local)).not.toContain('pat-legacy-2');
      const options = await third.openExtensionPage('options.html');
      await options.getByText('Connected as Avery Quinn').waitFor();
    } finally {
      await third.close();
    }
  });
});
