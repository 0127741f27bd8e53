/**
 * Diagnostics of the Gmail integration (issue 16), kept on this computer only: the content script reports
 * which way it found each open compose (`reportComposes`), the background keeps the last report of each
 * Gmail tab in `storage.session` (memory, gone when the browser closes, never sent anywhere), and the popup
 * and options page read it. Nothing here holds draft text, addresses or anything from Calendly.
 */
import { storage } from 'wxt/utils/storage';
import type { ComposeReport } from '../contract/types';
import type { ComposeKind, DetectionPath } from './selectors';

/** One content script's report: its tab's open composes, in page order (the contract's type). */
export type { ComposeReport };

/** What the background keeps per tab. */
export interface TabDiagnostics extends ComposeReport {
  tabId: number;
  /** When the report arrived (ms since epoch). */
  at: number;
}

/** Per tab id. */
export type DiagnosticsState = Record<string, TabDiagnostics>;

/** In session storage: readable by the extension's pages, not by content scripts (Chrome's default). */
export const gmailDiagnosticsItem = storage.defineItem<DiagnosticsState>('session:gmailDiagnostics', { fallback: {} });

const KINDS: readonly ComposeKind[] = ['mole', 'fullscreen', 'inline', 'popout'];
const PATHS: readonly DetectionPath[] = ['toolbar', 'toolbarByRole', 'belowBody'];

/** A report as it arrives from a content script, checked field by field (anything else is dropped). */
export function parseComposeReport(data: unknown): ComposeReport | null {
  const list = (data as { composes?: unknown } | null)?.composes;
  if (!Array.isArray(list) || list.length > 100) return null;
  const composes: ComposeReport['composes'] = [];
  for (const item of list) {
    const { kind, path } = (item ?? {}) as { kind?: unknown; path?: unknown };
    if (!KINDS.includes(kind as ComposeKind) || !PATHS.includes(path as DetectionPath)) return null;
    composes.push({ kind: kind as ComposeKind, path: path as DetectionPath });
  }
  return { composes };
}

/** The state after `tabId` reported (a tab with no compose open leaves the list). */
export function withReport(state: DiagnosticsState, tabId: number, report: ComposeReport, at: number): DiagnosticsState {
  const next = { ...state };
  if (report.composes.length === 0) delete next[tabId];
  else next[tabId] = { tabId, at, composes: report.composes };
  return next;
}

/** True when some open compose was found by a fallback path (Gmail changed its layout). */
export function fallbackInUse(state: DiagnosticsState): boolean {
  return Object.values(state).some((tab) => tab.composes.some((c) => c.path !== 'toolbar'));
}

/** How pages read the diagnostics (the storage item in the extension, a fake in tests). */
export interface DiagnosticsSource {
  get(): Promise<DiagnosticsState>;
  /** Calls `listener` with each new state; returns the unwatch function. */
  watch(listener: (state: DiagnosticsState) => void): () => void;
}

/** The diagnostics as kept in session storage. */
export const sessionDiagnostics: DiagnosticsSource = {
  get: () => gmailDiagnosticsItem.getValue(),
  watch: (listener) => gmailDiagnosticsItem.watch((state) => listener(state ?? {})),
};

/**
 * The background's side: keeps the last report of each Gmail tab in session storage (updates chained, so
 * two tabs reporting at once do not overwrite each other), forgets closed tabs, and, when a cached slots
 * answer leaves the session cache (expired, pruned, cleared on disconnect), tells the tabs with composes
 * to drop their warm copy of it (lib/gmail/warm-answer.ts). After a `clear()` the tabs are taken from the
 * diagnostics' old value, which the same change removed.
 */
export function createDiagnosticsKeeper(deps: { tellTab(tabId: number): Promise<void> }) {
  let chain = Promise.resolve();
  const update = (change: (s: DiagnosticsState) => DiagnosticsState) =>
    (chain = chain.then(async () => gmailDiagnosticsItem.setValue(change(await gmailDiagnosticsItem.getValue()))).catch(() => undefined));
  const storageKey = gmailDiagnosticsItem.key.replace(/^session:/, '');
  // Tabs whose content script asked for slots while this worker ran: a session clear also empties the
  // diagnostics, and a tab reports again only when its composes change.
  const askers = new Set<number>();
  return {
    /** A content script in `tabId` asked for slots (it may hold a warm copy from now on). */
    noteTab(tabId: number | undefined): void {
      if (tabId !== undefined) askers.add(tabId);
    },
    report(tabId: number | undefined, data: unknown): null {
      const report = parseComposeReport(data);
      if (tabId !== undefined && report) void update((s) => withReport(s, tabId, report, Date.now()));
      return null;
    },
    tabClosed(tabId: number): void {
      askers.delete(tabId);
      void update((s) => withReport(s, tabId, { composes: [] }, Date.now()));
    },
    sessionChanged(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
      const gone = Object.entries(changes).some(([key, change]) => key.startsWith('slots:') && change.newValue === undefined);
      if (!gone) return;
      const before = changes[storageKey]?.oldValue as DiagnosticsState | undefined;
      void (before ? Promise.resolve(before) : gmailDiagnosticsItem.getValue()).then((state) => {
        const tabs = new Set([...askers, ...Object.values(state ?? {}).map((tab) => tab.tabId)]);
        for (const tabId of tabs) void deps.tellTab(tabId).catch(() => undefined);
      });
    },
  };
}
