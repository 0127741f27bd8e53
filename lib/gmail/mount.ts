/**
 * Wires every Gmail compose window to an Open Slots button: detection (observe.ts), the toolbar cell
 * (toolbar.ts), caret memory (selection.ts), insertion (insert.ts) and the background (the content
 * script's client, lib/contract/content.ts). The UI renderer is passed in (by the entrypoint) so this file
 * stays free of Preact and of components/, and testable.
 */
import type { EventTypeSummary, Result, SlotsAnswer } from '../contract';
import { background, onTabMessage } from '../contract/content';
import { blockContent } from '../format';
import type { Settings } from '../settings/settings';
import type { ComposeReport } from './diagnostics';
import { createFreshness, FRESH, type Staleness, type WatchedCompose } from './freshness';
import { insertIntoCompose, replaceBlockContent } from './insert';
import { observeComposes, type ComposeHandle } from './observe';
import { findComposeRoot, isMinimized, toRecipients, type DetectionPath } from './selectors';
import { trackSelection } from './selection';
import { mountFallbackStrip, mountToolbarCell } from './toolbar';
import { usableWarmAnswer } from './warm-answer';
import { MAX_RECIPIENTS, recipientKey } from '../recipients/addresses';

/** Tag of the element (in our toolbar cell) whose shadow root holds the button. */
export const HOST_TAG = 'open-slots-button';
/** A field the user types into (keys there are text, not commands). */
export function isTextEntry(target: EventTarget | undefined): boolean {
  if (!target || (target as Node).nodeType !== 1) return false;
  const el = target as HTMLElement;
  return el.matches('input, textarea, select') || el.isContentEditable;
}

/** Where a host keeps its mount record (see `mounted`). */
const MOUNT = Symbol('open-slots-mount');

/** What each compose's button gets (the entrypoint renders components/compose/ComposeButton with it). */
export interface ComposeProps {
  /** `insert`: the answer goes into the draft now (a single-use offer is made then, never for a preview). */
  getSlots(overrides?: Partial<Settings>, opts?: { insert?: boolean }): Promise<Result<SlotsAnswer>>;
  insert(content: { html: string; text: string }): boolean;
  listEventTypes(): Promise<Result<EventTypeSummary[]>>;
  openOptions(): void;
  onTrigger(run: () => void): () => void;
  /** Tells `listener` (now, and after every check) whether offered times in this draft were taken; returns the unsubscribe. */
  watchOffers(listener: (state: Staleness) => void): () => void;
  /** "Update": puts `content` (a new block) in place of the content of `block`, in one undo step; false if it could not. */
  replaceOffer(block: HTMLElement, content: { html: string }): boolean;
}

export interface MountOptions {
  doc: Document;
  signal: AbortSignal;
  css: string;
  render(container: HTMLElement, props: ComposeProps): void;
  unrender(container: HTMLElement): void;
  /** Calls `listener` when the user's settings change (the warm answer was made with the old ones). */
  watchSettings?(listener: () => void): void;
}

/** What we keep of each mounted button; held strongly only by its host element (see `MOUNT`). */
interface MountRecord {
  container: HTMLElement;
  /** Our toolbar cell, or the fallback strip below the body. */
  cell: HTMLElement;
  root: HTMLElement;
  path: DetectionPath;
  kind(): ComposeReport['composes'][number]['kind'];
  /** Its entry in the offered-times checker (held here, weakly there). */
  offers: OfferWatch;
}

/** One compose's link to the offered-times checker: the compose as the checker sees it, and its button's listener. */
interface OfferWatch {
  compose: WatchedCompose;
  listener: ((state: Staleness) => void) | null;
  last: Staleness;
}

export function mountComposeButtons({ doc, signal, css, render, unrender, watchSettings }: MountOptions) {
  const selection = trackSelection(doc, signal);
  // What a click on a compose's button does, by compose root (registered by the button itself). Weak:
  // a closed compose is forgotten with its DOM, and a compose Gmail detaches and re-inserts (full
  // screen) keeps its entry. When Gmail re-renders the toolbar row, the new button replaces the entry.
  const triggers = new WeakMap<Element, () => void>();
  // Nothing that lives as long as the page may hold a compose strongly: Gmail tabs stay open for days,
  // and a closed compose (with its quoted thread) must be freed with its DOM. Hence weak references here,
  // host listeners without the page-long `signal` (they die with the host), and one list of weakly held
  // mounts to take down if the content script is invalidated (extension updated or disabled).
  let lastFocused: WeakRef<Element> | null = null;
  const mounted = new Set<WeakRef<MountRecord>>();
  // The current mount of each compose (by root), so a compose that gets a toolbar row after its fallback
  // strip (or a new row) keeps ONE button.
  const byRoot = new WeakMap<Element, WeakRef<MountRecord>>();
  let healthy = true;
  // The last default answer (see warm-answer.ts): a warm click inserts it without a round trip.
  let warm: SlotsAnswer | null = null;
  // Bumped whenever the warm answer is dropped: an answer to a request sent before that is not kept (the
  // background's "your copy is gone" may overtake the answer it is about).
  let warmGen = 0;
  const dropWarm = () => {
    warm = null;
    warmGen++;
  };
  watchSettings?.(dropWarm);
  // A tab left hidden may come back after a disconnect or reconnect made elsewhere: ask again then.
  doc.addEventListener('visibilitychange', () => void (doc.hidden && dropWarm()), { signal });

  signal.addEventListener(
    'abort',
    () => {
      for (const ref of mounted) {
        const m = ref.deref();
        if (!m) continue;
        unrender(m.container);
        m.cell.remove();
      }
      mounted.clear();
    },
    { once: true },
  );

  // "Fresh until sent": one checker for the tab's composes (see freshness.ts for its budget).
  const freshness = createFreshness({ doc, signal, check: (req) => background.checkOffered(req) });
  function watchOffers(handle: ComposeHandle): OfferWatch {
    const watch: OfferWatch = {
      listener: null,
      last: FRESH,
      compose: {
        body: () => handle.body,
        visible: () => handle.body.isConnected && !isMinimized(handle.root),
        report(state) {
          watch.last = state;
          watch.listener?.(state);
        },
      },
    };
    freshness.watch(watch.compose);
    return watch;
  }

  const props = (handle: ComposeHandle, offers: OfferWatch): ComposeProps => ({
    getSlots: async (overrides, opts) => {
      // Read at every ask: the user may add or remove recipients while the compose is open (issue 19).
      const recipients = toRecipients(handle.root);
      // The warm copy is the default answer for no one in particular. A compose To someone with a remembered
      // second zone gets another answer: the copy carries the keys of those addresses (not the addresses:
      // recipientKey), and such a compose asks the background. Without a copy, the background is asked anyway.
      const copy = usableWarmAnswer(warm, Date.now());
      const zoned = new Set(copy?.zonedRecipients ?? []);
      const personal = recipients.length > 0 && (!copy || recipients.some((a) => zoned.has(recipientKey(a))));
      // A single-use offer is made by the background when the times go into the draft: never from the copy.
      const local = overrides || personal ? null : copy;
      if (local && !(opts?.insert && local.singleUse)) {
        // Inserted in this task; the background is asked again afterwards, so the next click is as fresh.
        warm = null;
        setTimeout(() => prefetch(true), 0);
        return { ok: true, data: local };
      }
      const gen = warmGen;
      const r = await background.getSlots({
        overrides,
        ...(opts?.insert ? { insert: true } : {}),
        ...(recipients.length > 0 ? { recipients: recipients.slice(0, MAX_RECIPIENTS) } : {}),
      });
      healthy = r.ok;
      // Kept as the copy when it is the default answer (no picker choice, no zone remembered for this To); an
      // answer made for this To leaves the copy as it was.
      if (!overrides && !(r.ok && r.data.personal)) warm = r.ok && gen === warmGen ? r.data : null;
      // A picker insert may have remembered a zone for this To: the copy's keys are out of date.
      if (overrides && opts?.insert && recipients.length > 0) dropWarm();
      return r;
    },
    listEventTypes: () => background.listEventTypes(),
    insert: (content) => insertIntoCompose(handle, content, selection.rangeFor(handle.body)).ok,
    watchOffers(listener) {
      offers.listener = listener;
      listener(offers.last);
      return () => {
        if (offers.listener === listener) offers.listener = null;
      };
    },
    replaceOffer(block, content) {
      if (!replaceBlockContent(handle, block, blockContent(content.html))) return false;
      offers.compose.report(FRESH);
      return true;
    },
    openOptions: () => void background.openOptions(),
    onTrigger(run) {
      triggers.set(handle.root, run);
      return () => {
        if (triggers.get(handle.root) === run) triggers.delete(handle.root);
      };
    },
  });

  // Declared before observeComposes: its scan at start mounts the composes already open synchronously.
  // Slots are cached for a minute, and people write for longer than that: refresh the cache when the user
  // heads for the button, at most every 30 s, so the click finds it warm or joins the request in flight.
  // Speculative prefetches stop while Calendly is failing (a failed prefetch or click) and resume after the
  // next answer that worked: the user's own clicks always go through.
  const INTENT_MS = 150;
  let lastPrefetch = 0;
  // The prefetch asks for the default answer itself (what the background's `prefetch` does) and keeps it
  // as the warm answer; a click within its age limit then needs no message at all.
  function prefetch(force = false) {
    if (signal.aborted) return;
    const now = Date.now();
    const cold = !usableWarmAnswer(warm, now);
    if (!force && (!healthy || (now - lastPrefetch < 30_000 && !cold))) return;
    lastPrefetch = now;
    const gen = warmGen;
    void background.getSlots({}).then(
      (r) => {
        healthy = r.ok;
        warm = r.ok && gen === warmGen ? r.data : null;
      },
      () => void (warm = null),
    );
  }

  // Diagnostics (issue 16): which way each open compose was found, reported to the background, which keeps
  // it for this tab in session storage for the popup's "Gmail changed" line and the options page. Local
  // only. Sent when it changes, after mounts and after Gmail removed nodes (a compose may have closed).
  let lastReport = '';
  let reportQueued = false;
  function queueReport() {
    if (reportQueued || signal.aborted) return;
    reportQueued = true;
    setTimeout(() => {
      reportQueued = false;
      if (signal.aborted) return;
      const composes: ComposeReport['composes'] = [];
      for (const ref of mounted) {
        const m = ref.deref();
        if (!m || !m.cell.isConnected || !m.root.isConnected) continue;
        composes.push({ kind: m.kind(), path: m.path });
      }
      const report: ComposeReport = { composes };
      const json = JSON.stringify(report);
      if (json === lastReport) return;
      lastReport = json;
      void background.reportComposes(report).catch(() => undefined);
    }, 0);
  }

  observeComposes(doc, signal, (handle) => {
    const cell = handle.toolbarRow ? mountToolbarCell(handle) : mountFallbackStrip(handle);
    // One button per compose: a compose that had its button elsewhere (the fallback strip, or a toolbar
    // row Gmail replaced) loses that one.
    const previous = byRoot.get(handle.root)?.deref();
    if (previous && previous.cell !== cell) {
      unrender(previous.container);
      previous.cell.remove();
    }
    const host = doc.createElement(HOST_TAG);
    cell.replaceChildren(host);
    // delegatesFocus: the host takes Gmail's tabindex="1" so Tab from the body reaches our buttons
    // right after Send (Gmail's compose controls all use tabindex 1), without being a tab stop itself.
    const shadow = host.attachShadow({ mode: 'open', delegatesFocus: true });
    host.tabIndex = 1;
    // Keys typed in our fields are typing, not Gmail's single-key shortcuts ("c" = new message, when they
    // are turned on): past the shadow boundary Gmail would see the host, not a field, as the target. Our
    // own key handling happens inside; only Gmail is kept from seeing these (InboxSDK does the same).
    for (const type of ['keydown', 'keypress', 'keyup'] as const) {
      shadow.addEventListener(type, (e) => {
        if (isTextEntry(e.composedPath()[0])) e.stopPropagation();
      });
    }
    const style = doc.createElement('style');
    style.textContent = css;
    const container = doc.createElement('div');
    shadow.append(style, container);
    const offers = watchOffers(handle);
    render(container, props(handle, offers));
    // The record is held strongly only by the DOM it describes (a property of the host), weakly by `mounted`.
    const record: MountRecord = { container, cell, root: handle.root, path: handle.path, kind: () => handle.kind, offers };
    (host as HTMLElement & { [MOUNT]?: typeof record })[MOUNT] = record;
    for (const ref of mounted) if (!ref.deref()) mounted.delete(ref);
    const ref = new WeakRef(record);
    mounted.add(ref);
    byRoot.set(handle.root, ref);
    queueReport();
    // Warm the background's cache so the first click finds the answer ready.
    prefetch(true);
    // Heading for the button (pointer resting on it, or keyboard focus): warm the cache. Only after a short
    // rest, and never once the click has started, so a click never races its own prefetch.
    let intent: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(intent);
      intent = setTimeout(() => prefetch(), INTENT_MS);
    };
    const cancel = () => clearTimeout(intent);
    host.addEventListener('pointerenter', soon);
    host.addEventListener('focus', soon);
    for (const type of ['pointerleave', 'pointerdown', 'keydown', 'blur'] as const) host.addEventListener(type, cancel);
  }, queueReport);

  doc.addEventListener(
    'focusin',
    (e) => {
      const root = e.target instanceof Element ? findComposeRoot(e.target) : null;
      if (root) lastFocused = new WeakRef(root);
    },
    { signal },
  );

  // Keyboard shortcut (commands): the same as a click on the button of the compose that has (or last
  // had) focus, so the user gets the same feedback (spinner, "not connected", errors, no times).
  onTabMessage('dropWarmAnswer', () => {
    dropWarm();
    return null;
  });

  onTabMessage('insertIntoFocusedCompose', () => {
    const run = targetRoot() && triggers.get(targetRoot()!);
    run?.();
    return null;
  });

  /** The compose that has or last had focus; else the only compose with our button, if just one. */
  function targetRoot(): Element | null {
    const last = lastFocused?.deref();
    if (last?.isConnected && triggers.has(last)) return last;
    const roots = [...mounted]
      .map((ref) => ref.deref())
      .filter((m) => m !== undefined && m.cell.isConnected && triggers.has(m.root))
      .map((m) => m!.root);
    return roots.length === 1 ? roots[0]! : null;
  }
}
