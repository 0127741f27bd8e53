/**
 * Wires every Gmail compose window to an Open Slots button: detection (observe.ts), the toolbar cell
 * (toolbar.ts), caret memory (selection.ts), insertion (insert.ts) and the background (messages).
 * The UI renderer is passed in so this file stays free of Preact and testable.
 */
import type { ComposeButtonProps } from '@/components/compose/ComposeButton';
import { onMessage, sendMessage } from '../messages';
import { insertIntoCompose } from './insert';
import { observeComposes, type ComposeHandle } from './observe';
import { trackSelection } from './selection';
import { mountToolbarCell } from './toolbar';

export interface MountOptions {
  doc: Document;
  signal: AbortSignal;
  css: string;
  render(container: HTMLElement, props: ComposeButtonProps): void;
  unrender(container: HTMLElement): void;
}

export function mountComposeButtons({ doc, signal, css, render, unrender }: MountOptions) {
  const selection = trackSelection(doc, signal);
  const live = new Set<ComposeHandle>();
  let lastFocused: ComposeHandle | null = null;

  const insertInto = (handle: ComposeHandle, content: { html: string; text: string }) =>
    insertIntoCompose(handle, content, selection.rangeFor(handle.body)).ok;

  const props = (handle: ComposeHandle): ComposeButtonProps => ({
    getSlots: (overrides) => sendMessage('getSlots', { overrides }),
    listEventTypes: () => sendMessage('listEventTypes', undefined),
    insert: (content) => insertInto(handle, content),
    openOptions: () => void sendMessage('openOptions', undefined),
  });

  observeComposes(doc, signal, (handle) => {
    const cell = mountToolbarCell(handle);
    const host = doc.createElement('open-slots-button');
    cell.replaceChildren(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = css;
    const container = doc.createElement('div');
    shadow.append(style, container);
    render(container, props(handle));
    live.add(handle);
    signal.addEventListener('abort', () => {
      unrender(container);
      cell.remove();
    });
    // Warm the background's cache so the first click finds the answer ready.
    void sendMessage('prefetch', undefined).catch(() => null);
  });

  doc.addEventListener(
    'focusin',
    (e) => {
      for (const h of live) {
        if (!h.root.isConnected) live.delete(h);
        else if (h.root.contains(e.target as Node)) lastFocused = h;
      }
    },
    { signal },
  );

  // Keyboard shortcut (commands): insert the default slots into the compose that has (or last had) focus.
  onMessage('insertIntoFocusedCompose', async () => {
    const target = lastFocused?.root.isConnected ? lastFocused : null;
    if (!target) return null;
    const r = await sendMessage('getSlots', {});
    if (r.ok && r.data.slotCount > 0) insertInto(target, r.data);
    return null;
  });
}
