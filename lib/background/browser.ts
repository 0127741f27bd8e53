/**
 * The background's browser-facing parts, so the entrypoint is wiring only: the service's dependencies
 * built on extension storage and the identity API, the toolbar badge, and the storage lock-down.
 */
import browser from 'webextension-polyfill';
import { createCalendlyApi } from '../calendly/api';
import { t } from '../i18n/t';
import { accountItem, loadSettings, oauthTokensItem, offersItem, pendingTokenItem, recipientZonesItem, tokenItem } from '../storage';
import type { Status } from '../contract';
import { createAuth } from './auth';
import { createCache } from './cache';
import type { ServiceDeps } from './service';

/**
 * The token is not in extension storage (lib/secrets.ts: the extension origin's IndexedDB). Chrome can also
 * close storage.local to content scripts (the account card and nothing secret are there); Firefox cannot.
 */
export function keepStorageFromContentScripts(): void {
  void (browser.storage.local as { setAccessLevel?: (o: object) => Promise<void> })
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch(() => undefined);
}

/** The service's dependencies in the extension: storage items, session storage, OAuth when built with a client id. */
export function browserServiceDeps(clientId: string | undefined): ServiceDeps {
  const session = browser.storage.session;
  // OAuth exists only in builds made with WXT_CALENDLY_CLIENT_ID (which also adds the identity permission).
  const auth = createAuth({
    clientId,
    launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    redirectUri: browser.identity?.getRedirectURL() ?? '',
    tokenStore: { get: () => oauthTokensItem.getValue(), set: (v) => oauthTokensItem.setValue(v) },
    // One refresh at a time across the worker's restarts and any other context (refresh tokens are single-use).
    lock: <T,>(fn: () => Promise<T>) => navigator.locks.request('open-slots-oauth-refresh', fn) as Promise<T>,
  });
  const sessionArea = {
    get: async (k: string) => (await session.get(k))[k],
    set: (k: string, value: unknown) => session.set({ [k]: value }),
    remove: (keys: string[]) => session.remove(keys),
    clear: () => session.clear(),
    entries: () => session.get(null),
  };
  return {
    oauth: auth,
    createApi: (getToken, renewToken) => createCalendlyApi({ getToken, renewToken }),
    token: { get: () => tokenItem.getValue(), set: (v) => tokenItem.setValue(v) },
    pendingToken: { get: () => pendingTokenItem.getValue(), set: (v) => pendingTokenItem.setValue(v) },
    account: { get: () => accountItem.getValue(), set: (v) => accountItem.setValue(v) },
    offers: { get: () => offersItem.getValue(), set: (v) => offersItem.setValue(v) },
    recipientZones: { get: () => recipientZonesItem.getValue(), set: (v) => recipientZonesItem.setValue(v) },
    settings: loadSettings,
    cache: createCache(sessionArea),
    store: sessionArea,
    // While a team summary runs: any extension API call keeps the service worker from being stopped.
    heartbeat: () => browser.runtime.getPlatformInfo(),
    environment: () => ({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      language: navigator.language,
    }),
  };
}

/** The toolbar badge: "!" while no account is connected. `after` updates it once an account change settles. */
export function createBadge(getStatus: () => Promise<Status>) {
  // Every build is MV3 (`action`); `browserAction` only in a build made with `wxt build --mv2`.
  const action = browser.action ?? browser.browserAction;
  async function update() {
    const status = await getStatus();
    await action.setBadgeText({ text: status.connected ? '' : '!' });
    await action.setBadgeBackgroundColor({ color: '#b3261e' });
    await action.setTitle({ title: status.connected ? t('extName') : t('actionTitleNotConnected') });
  }
  return {
    update,
    async after<T>(change: Promise<T>): Promise<T> {
      const result = await change;
      await update();
      return result;
    },
  };
}
