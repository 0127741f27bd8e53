import { describe, expect, it, vi } from 'vitest';
import { injectIntoOpenTabs, reinjectOnInstall, type ReinjectApi } from './reinject';

function fakeApi(over: Partial<ReinjectApi> = {}) {
  let listener: ((d: { reason: string }) => void) | undefined;
  const executeScript = vi.fn(async (o: { target: { tabId: number } }) => {
    if (o.target.tabId === 3) throw new Error('Cannot access contents of the page');
  });
  const query = vi.fn(async () => [{ id: 1 }, { id: 2, discarded: true }, { id: 3 }, {}]);
  const api: ReinjectApi = {
    runtime: {
      getManifest: () => ({ content_scripts: [{ matches: ['https://mail.google.com/*'], js: ['content-scripts/gmail.js'] }] }),
      onInstalled: { addListener: (cb) => void (listener = cb) },
    },
    tabs: { query },
    scripting: { executeScript },
    ...over,
  };
  return { api, executeScript, query, fire: (reason: string) => listener!({ reason }) };
}

describe('reinjectOnInstall', () => {
  it.each(['install', 'update'])('on %s runs the content script in every open Gmail tab that can take it', async (reason) => {
    const { api, executeScript, query, fire } = fakeApi();
    reinjectOnInstall(api);
    fire(reason);
    await vi.waitFor(() => expect(executeScript).toHaveBeenCalledTimes(2));
    expect(query).toHaveBeenCalledWith({ url: ['https://mail.google.com/*'] });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 1, allFrames: false }, files: ['content-scripts/gmail.js'] });
  });

  it.each(['chrome_update', 'shared_module_update'])('does nothing on %s (the pages still have the current script)', async (reason) => {
    const { api, query, fire } = fakeApi();
    reinjectOnInstall(api);
    fire(reason);
    await new Promise((r) => setTimeout(r, 0));
    expect(query).not.toHaveBeenCalled();
  });

  it('counts the tabs it ran in; a tab that refuses is skipped', async () => {
    expect(await injectIntoOpenTabs(fakeApi().api)).toBe(1);
  });

  it('does nothing without the scripting API (Firefox injects into open tabs itself)', async () => {
    const { api, query } = fakeApi({ scripting: undefined });
    expect(await injectIntoOpenTabs(api)).toBe(0);
    expect(query).not.toHaveBeenCalled();
  });
});
