import browser from 'webextension-polyfill';
import { browserServiceDeps, createBadge, keepStorageFromContentScripts } from '@/lib/background/browser';
import { listenOnRuntime as listen, registerHandlers } from '@/lib/background/register';
import { reinjectOnInstall } from '@/lib/background/reinject';
import { createService } from '@/lib/background/service';
import type { SenderLike } from '@/lib/background/sender';
import type { Handlers } from '@/lib/contract';
import { createDiagnosticsKeeper } from '@/lib/gmail/diagnostics';
import { sendMessage } from '@/lib/contract/messaging';
import { t } from '@/lib/i18n/t';

// Wiring only: the service (lib/background) answers the contract's messages (lib/contract).
export default defineBackground(() => {
  keepStorageFromContentScripts();
  const service = createService(browserServiceDeps(import.meta.env.WXT_CALENDLY_CLIENT_ID));
  const badge = createBadge(service.getStatus);
  // Gmail diagnostics per tab (local only), and the warm answers of Gmail tabs dropped with the cache's.
  const diagnostics = createDiagnosticsKeeper({
    tellTab: (tabId) => sendMessage('dropWarmAnswer', undefined, tabId).then(() => undefined),
  });
  browser.tabs.onRemoved.addListener((tabId) => diagnostics.tabClosed(tabId));
  browser.storage.onChanged.addListener((changes, area) => area === 'session' && diagnostics.sessionChanged(changes));
  const handlers = {
    ...service,
    connect: () => badge.after(service.connect()),
    signIn: () => badge.after(service.signIn()),
    disconnect: () => badge.after(service.disconnect()),
    prefetch: () => service.prefetch().catch(() => false),
    openOptions: () => browser.runtime.openOptionsPage().then(() => null),
    getSlots: (req: Parameters<typeof service.getSlots>[0], sender?: SenderLike) => {
      diagnostics.noteTab((sender?.tab as { id?: number } | undefined)?.id);
      return service.getSlots(req);
    },
    reportComposes: (report: unknown, sender?: SenderLike) => diagnostics.report((sender?.tab as { id?: number } | undefined)?.id, report),
  } satisfies Handlers;
  registerHandlers(handlers, { listen, ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL(''), refusal: () => t('bgUntrustedSender') });
  void badge.update();
  // A team summary the worker was running when it was stopped goes on now, with or without the page open.
  void service.getTeamSummary();

  // First run: a welcome page walks through connecting and the first insert.
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  // Open Gmail tabs get the button back after an install or update, without a reload.
  reinjectOnInstall(browser);

  // The keyboard shortcut (changeable at chrome://extensions/shortcuts) inserts into the focused compose.
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'insert-open-slots') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendMessage('insertIntoFocusedCompose', undefined, tab.id).catch(() => null);
  });
});
