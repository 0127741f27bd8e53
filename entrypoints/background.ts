import browser from 'webextension-polyfill';
import { createCalendlyApi } from '@/lib/calendly/api';
import { createAuth } from '@/lib/background/auth';
import { createCache } from '@/lib/background/cache';
import { isTrustedSender } from '@/lib/background/sender';
import { createService } from '@/lib/background/service';
import { gmailDiagnosticsItem, parseComposeReport, withReport, type DiagnosticsState } from '@/lib/gmail/diagnostics';
import { t } from '@/lib/i18n/t';
import { onMessage, sendMessage, type ProtocolMap } from '@/lib/messages';
import { accountItem, loadSettings, oauthTokensItem, pendingTokenItem, tokenItem } from '@/lib/storage';

export default defineBackground(() => {
  // Content scripts can read storage.local by default in Chrome; the token lives there, so restrict it.
  void (browser.storage.local as { setAccessLevel?: (o: object) => Promise<void> })
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch(() => undefined);

  const session = browser.storage.session;
  // OAuth exists only in builds made with WXT_CALENDLY_CLIENT_ID (which also adds the identity permission).
  const auth = createAuth({
    clientId: import.meta.env.WXT_CALENDLY_CLIENT_ID,
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
  };
  const service = createService({
    oauth: auth,
    createApi: (getToken, renewToken) => createCalendlyApi({ getToken, renewToken }),
    token: { get: () => tokenItem.getValue(), set: (v) => tokenItem.setValue(v) },
    pendingToken: { get: () => pendingTokenItem.getValue(), set: (v) => pendingTokenItem.setValue(v) },
    account: { get: () => accountItem.getValue(), set: (v) => accountItem.setValue(v) },
    settings: loadSettings,
    cache: createCache(sessionArea),
    store: sessionArea,
    environment: () => ({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      language: navigator.language,
    }),
  });

  const ownOrigin = browser.runtime.getURL('');
  const refused = () => ({ ok: false, error: { kind: 'forbidden', message: t('bgUntrustedSender') } }) as const;

  function handle<K extends keyof ProtocolMap>(type: K, fn: (data: Parameters<ProtocolMap[K]>[0]) => Promise<unknown>) {
    onMessage(type, (message) => {
      if (!isTrustedSender(message.sender, browser.runtime.id, ownOrigin)) return refused() as never;
      return fn(message.data as Parameters<ProtocolMap[K]>[0]) as never;
    });
  }

  handle('getStatus', () => service.getStatus());
  handle('connect', async () => {
    const r = await service.connect();
    await updateBadge();
    return r;
  });
  handle('signIn', async () => {
    const r = await service.signIn();
    await updateBadge();
    return r;
  });
  handle('oauthAvailable', async () => service.oauthAvailable());
  handle('disconnect', async () => {
    const r = await service.disconnect();
    await updateBadge();
    return r;
  });
  handle('listEventTypes', () => service.listEventTypes());
  handle('getSlots', (req) => service.getSlots(req ?? {}));
  handle('prefetch', () => service.prefetch().catch(() => false));
  handle('listMembers', () => service.listMembers());
  handle('getAvailability', (req) => service.getAvailability(req));
  handle('startTeamSummary', (req) => service.startTeamSummary(req));
  handle('getTeamSummary', () => service.getTeamSummary());
  handle('cancelTeamSummary', () => service.cancelTeamSummary());
  handle('openOptions', async () => {
    await browser.runtime.openOptionsPage();
    return null;
  });

  // Diagnostics of the Gmail integration: the last report of each Gmail tab, in session storage (local only).
  // Updates are chained so two tabs reporting at once do not overwrite each other.
  let diagnostics = Promise.resolve();
  const updateDiagnostics = (change: (s: DiagnosticsState) => DiagnosticsState) =>
    (diagnostics = diagnostics
      .then(async () => gmailDiagnosticsItem.setValue(change(await gmailDiagnosticsItem.getValue())))
      .catch(() => undefined));
  onMessage('reportComposes', (message) => {
    const tabId = (message.sender as { tab?: { id?: number } }).tab?.id;
    const report = parseComposeReport(message.data);
    if (!isTrustedSender(message.sender, browser.runtime.id, ownOrigin) || tabId === undefined || !report) return null;
    void updateDiagnostics((s) => withReport(s, tabId, report, Date.now()));
    return null;
  });
  browser.tabs.onRemoved.addListener((tabId) => void updateDiagnostics((s) => withReport(s, tabId, { composes: [] }, Date.now())));

  // The Gmail tabs keep a warm copy of the default answer (lib/gmail/warm-answer.ts). When a cached answer
  // leaves the session cache (expired, pruned, cleared on disconnect), tell the tabs with composes to drop
  // theirs, so a click never inserts what the background would no longer give. The tabs are those of the
  // diagnostics (before a clear() took them away too).
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'session') return;
    const gone = Object.entries(changes).some(([key, change]) => key.startsWith('slots:') && change.newValue === undefined);
    if (!gone) return;
    const before = changes[gmailDiagnosticsItem.key.replace(/^session:/, '')]?.oldValue as DiagnosticsState | undefined;
    void (before ? Promise.resolve(before) : gmailDiagnosticsItem.getValue()).then((state) => {
      for (const tab of Object.values(state ?? {})) void sendMessage('dropWarmAnswer', undefined, tab.tabId).catch(() => null);
    });
  });

  // Firefox builds are MV2 (WXT's default there), where the toolbar button is `browserAction`.
  const action = browser.action ?? browser.browserAction;

  async function updateBadge() {
    const status = await service.getStatus();
    await action.setBadgeText({ text: status.connected ? '' : '!' });
    await action.setBadgeBackgroundColor({ color: '#b3261e' });
    await action.setTitle({
      title: status.connected ? t('extName') : t('actionTitleNotConnected'),
    });
  }
  void updateBadge();

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    // First run: a welcome page walks through connecting and the first insert.
    if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  // The keyboard shortcut (changeable at chrome://extensions/shortcuts) inserts into the focused compose.
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'insert-open-slots') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendMessage('insertIntoFocusedCompose', undefined, tab.id).catch(() => null);
  });

});
