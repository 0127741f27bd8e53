import { composeHandleFor, type ComposeHandle } from './compose';
import { GMAIL } from './selectors';

export type { ComposeHandle } from './compose';

/** Marker put on each reported toolbar row; its value is the observer's token (tests and debugging). */
export const SEEN_ATTR = 'data-open-slots-seen';

let instances = 0;

/**
 * Reports every Gmail compose window, once, as it appears: those already open now (scan at start,
 * gmail.js issue #720) and those Gmail inserts later (moles, full screen, inline replies, pop-out).
 *
 * Detection is the CSS animation trick (Refined GitHub `selector-observer`): a style rule gives
 * unmarked toolbar rows and bodies a 1 ms animation, and one `animationstart` listener on `document`
 * hears each. The style engine does the matching, so no JS runs per DOM mutation, however busy Gmail
 * is. Hidden elements do not animate, so a compose inserted while minimized is reported when restored.
 *
 * A compose is reported again only if Gmail replaces its toolbar row (the new row lacks the marker):
 * mount idempotently. Everything (style, listener, markers) is removed when `signal` aborts.
 */
export function observeComposes(
  doc: Document,
  signal: AbortSignal,
  onCompose: (compose: ComposeHandle) => void,
): void {
  if (signal.aborted) return;
  const token = `${++instances}-${Math.random().toString(36).slice(2, 8)}`;
  const animation = `open-slots-detect-${token}`;
  const seenRows = new WeakSet<Element>();

  // Bodies are watched too, in case a toolbar row is rendered before its body; their events are
  // filtered by `seenRows`, so a minimize/restore that re-animates a body costs one `closest` walk.
  // Only Gmail's own `g_editable` body selector: the generic `[role=textbox]` fallback would also
  // animate unrelated editors (e.g. a chat input), each costing a fruitless root lookup.
  // One plain selector list, not `:where(a, b):not(…)`: the bench measured the `:where` form ~30x
  // slower to match against every element Gmail adds (npm run bench, 2026-11-25).
  const unseen = `:not([${SEEN_ATTR}="${token}"])`;
  const watched = [...GMAIL.toolbarRow, GMAIL.body[0]].map((sel) => `${sel}${unseen}`).join(',');
  const style = doc.createElement('style');
  style.setAttribute('data-open-slots-observer', animation);
  style.textContent = `@keyframes ${animation}{}` + `${watched}{animation:1ms ${animation}}`;
  (doc.head ?? doc.documentElement).append(style);

  const consider = (el: Element): void => {
    const compose = composeHandleFor(el);
    if (!compose || seenRows.has(compose.toolbarRow)) return;
    seenRows.add(compose.toolbarRow);
    compose.toolbarRow.setAttribute(SEEN_ATTR, token);
    try {
      onCompose(compose);
    } catch (error) {
      // One failing compose must not stop detection for the others.
      console.error('[open-slots] onCompose failed', error);
    }
  };

  doc.addEventListener(
    'animationstart',
    (event) => {
      if ((event as AnimationEvent).animationName !== animation) return;
      if (event.target && (event.target as Node).nodeType === 1) consider(event.target as Element);
    },
    { capture: true, signal },
  );

  for (const row of doc.querySelectorAll(GMAIL.toolbarRow.join(','))) consider(row);

  signal.addEventListener(
    'abort',
    () => {
      style.remove();
      for (const row of doc.querySelectorAll(`[${SEEN_ATTR}="${token}"]`)) row.removeAttribute(SEEN_ATTR);
    },
    { once: true },
  );
}
