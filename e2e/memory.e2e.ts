/**
 * Gmail tabs stay open for days, and people open and close hundreds of composes in them. A closed compose
 * must not stay in memory because of Open Slots: after composes with our button are opened, used and
 * closed, a forced garbage collection frees their DOM (watched with WeakRefs from the page).
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../lib/i18n/en';
import { compose, EVENT_30, futureSlots, startApp, type App } from './support/app';

const COMPOSES = 30;

describe('memory: closed composes are released', () => {
  let app: App;
  let gmail: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    app = await startApp({ tz: 'America/New_York' });
    app.fake.setAvailability(EVENT_30, futureSlots([26, 27, 28, 50, 51]));
    (await app.connect()).close();
    gmail = await app.gmail();
    cdp = await gmail.context().newCDPSession(gmail);
    await gmail.evaluate(() => ((window as any).__closed = []));
  });
  afterAll(() => app?.close());

  /** How many of the closed composes' roots are still reachable after a full garbage collection. */
  async function stillAlive(): Promise<number> {
    for (let i = 0; i < 3; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await gmail.waitForTimeout(50);
    }
    return gmail.evaluate(() => ((window as any).__closed as WeakRef<Element>[]).filter((r) => r.deref()).length);
  }

  it(`${COMPOSES} composes opened, some used (insert, picker, an error), then closed: none stays in memory`, async () => {
    for (let i = 0; i < COMPOSES; i++) {
      const id = await gmail.evaluate(() => (window as any).__gmail.openCompose({ kind: 'mole' }) as string);
      const root = compose(gmail, id);
      const button = root.getByRole('button', { name: en.insertOpenSlots });
      await button.waitFor();
      if (i % 3 === 1) {
        await button.click();
        await root.locator('[g_editable="true"] a').first().waitFor();
      } else if (i % 3 === 2) {
        await root.getByRole('button', { name: en.chooseSlots }).click();
        await root.getByRole('dialog', { name: en.chooseSlots }).waitFor();
      }
      // Keep only a weak reference, then close it as Gmail does (the popover, if open, closes with it).
      await gmail.evaluate((id) => {
        const gm = (window as any).__gmail;
        (window as any).__closed.push(new WeakRef(gm.root(id)));
        gm.close(id);
      }, id);
    }
    // Something must stay alive for this to mean anything: the page itself holds an open compose.
    const openId = await gmail.evaluate(() => (window as any).__gmail.openCompose({ kind: 'mole' }) as string);
    await compose(gmail, openId).getByRole('button', { name: en.insertOpenSlots }).waitFor();
    // The user goes on writing in it. (Before this click, the compose clicked last may still be reachable,
    // held until the next pointer event as far as we can tell; one at most. After it, none may remain.)
    await compose(gmail, openId).locator('[g_editable="true"]').click();
    expect(await stillAlive()).toBe(0);
  });
});
