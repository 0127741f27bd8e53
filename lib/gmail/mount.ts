/**
 * Wires every Gmail compose window to an Open Slots button: detection (observe.ts), the toolbar cell
 * (toolbar.ts), caret memory (selection.ts), insertion (insert.ts) and the background (the content
 * script's client, lib/contract/content.ts). The UI renderer is passed in (by the entrypoint) so this file
 * stays free of Preact and of components/, and testable.
 */
import type { EventTypeSummary, Result, SlotsAnswer } from '../contract';
import { background, onTabMessage } from '../contract/content';
import type { Settings } from '../settings/settings';
import { insertIntoCompose } from './insert';
import { observeComposes, type ComposeHandle } from './observe';
import { findComposeRoot } from './selectors';
import { trackSelection } from './selection';
import { CELL_CLASS, mountToolbarCell } from './toolbar';

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
  getSlots(overrides?: Partial<Settings>): Promise<Result<SlotsAnswer>>;
  insert(content: { html: string; text: string }): boolean;
  listEventTypes(): Promise<Result<EventTypeSummary[]>>;
  openOptions(): void;
  onTrigger(run: () => void): () => void;
}

export interface MountOptions {
  doc: Document;
  signal: AbortSignal;
  css: string;
  render(container: HTMLElement, props: ComposeProps): void;
  unrender(container: HTMLElement): void;
}

export function mountComposeButtons({ doc, signal, css, render, unrender }: MountOptions) {
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
  const mounted = new Set<WeakRef<{ container: HTMLElement; cell: HTMLElement }>>();
  let healthy = true;

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

  const props = (handle: ComposeHandle): ComposeProps => ({
    getSlots: async (overrides) => {
      const r = await background.getSlots({ overrides });
      healthy = r.ok;
      return r;
    },
    listEventTypes: () => background.listEventTypes(),
    insert: (content) => insertIntoCompose(handle, content, selection.rangeFor(handle.body)).ok,
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
  function prefetch(force = false) {
    if (signal.aborted) return;
    const now = Date.now();
    if (!force && (!healthy || now - lastPrefetch < 30_000)) return;
    lastPrefetch = now;
    void background.prefetch().then(
      (ok) => void (healthy = ok),
      () => undefined,
    );
  }

  observeComposes(doc, signal, (handle) => {
    const cell = mountToolbarCell(handle);
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
    render(container, props(handle));
    // The record is held strongly only by the DOM it describes (a property of the host), weakly by `mounted`.
    const record = { container, cell };
    (host as HTMLElement & { [MOUNT]?: typeof record })[MOUNT] = record;
    for (const ref of mounted) if (!ref.deref()) mounted.delete(ref);
    mounted.add(new WeakRef(record));
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
  });

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
  onTabMessage('insertIntoFocusedCompose', () => {
    const run = targetRoot() && triggers.get(targetRoot()!);
    run?.();
    return null;
  });

  /** The compose that has or last had focus; else the only compose with our button, if just one. */
  function targetRoot(): Element | null {
    const last = lastFocused?.deref();
    if (last?.isConnected && triggers.has(last)) return last;
    const roots = [...doc.querySelectorAll(`td.${CELL_CLASS} > ${HOST_TAG}`)]
      .map((host) => findComposeRoot(host))
      .filter((root): root is HTMLElement => root !== null && triggers.has(root));
    return roots.length === 1 ? roots[0]! : null;
  }
}
