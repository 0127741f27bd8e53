/**
 * Gives Gmail tabs that are already open the button after the extension is installed or updated, without
 * a page reload. Chrome runs manifest content scripts only in pages loaded after that; the old version's
 * script in an open tab takes its buttons down when the update invalidates it, so without this the tab
 * had no button until the user reloaded Gmail. On `install` the same holds for Gmail tabs open when the
 * user adds the extension (the welcome page tells them to go to Gmail and try it: it must be there).
 *
 * Needs the `scripting` permission (no install prompt of its own); the hosts are the content script's own
 * match patterns. A new script takes over from an old one in the same page (lib/gmail/handover.ts), so
 * a compose ends with exactly one button. Firefox injects manifest content scripts into open tabs by
 * itself, and its builds have no `scripting` permission: there this does nothing.
 */

/** The parts of the extension API this uses (webextension-polyfill's `browser` fits). */
export interface ReinjectApi {
  runtime: {
    getManifest(): { content_scripts?: { matches?: string[]; js?: string[]; all_frames?: boolean }[] };
    onInstalled: { addListener(cb: (details: { reason: string }) => void): void };
  };
  tabs: { query(q: { url: string[] }): Promise<{ id?: number; discarded?: boolean }[]> };
  scripting?: { executeScript(o: { target: { tabId: number; allFrames?: boolean }; files: string[] }): Promise<unknown> };
}

/** Reasons after which open pages have no (current) content script. */
const REASONS = new Set(['install', 'update']);

/** Registers the `onInstalled` listener (call once, synchronously, when the service worker starts). */
export function reinjectOnInstall(api: ReinjectApi): void {
  api.runtime.onInstalled.addListener(({ reason }) => {
    if (REASONS.has(reason)) void injectIntoOpenTabs(api);
  });
}

/**
 * Runs every manifest content script in the open tabs it matches; resolves to the number of tabs it ran in.
 * A tab that refuses (a discarded tab, an error page, a tab closed meanwhile) is skipped: it gets the
 * script the normal way when it next loads.
 */
export async function injectIntoOpenTabs(api: ReinjectApi): Promise<number> {
  const scripting = api.scripting;
  if (!scripting) return 0;
  let injected = 0;
  for (const script of api.runtime.getManifest().content_scripts ?? []) {
    if (!script.matches?.length || !script.js?.length) continue;
    const tabs = await api.tabs.query({ url: script.matches }).catch(() => []);
    const ids = tabs.flatMap((tab) => (tab.id !== undefined && !tab.discarded ? [tab.id] : []));
    const files = script.js;
    const allFrames = script.all_frames === true;
    const runs = ids.map((tabId) =>
      scripting.executeScript({ target: { tabId, allFrames }, files }).then(
        () => void injected++,
        () => undefined,
      ),
    );
    await Promise.all(runs);
  }
  return injected;
}
