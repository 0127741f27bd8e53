import { composeHandleFor, type ComposeHandle } from './compose';
import { GMAIL } from './selectors';

export type { ComposeHandle } from './compose';

/** Marker put on each reported toolbar row (or body, for a compose without one); its value is the observer's token. */
export const SEEN_ATTR = 'data-open-slots-seen';

let instances = 0;

/**
 * The MutationObserver callback of the first-frame trigger, alone (the bench runs copies of it in a page to
 * measure its cost per added node, so it must stay self-contained: no outside helpers). Per added element:
 * a leaf is only tested for the body attribute; anything else gets one `querySelector`, in which the
 * engine walks the new subtree (no JS per node). Text and comment nodes are skipped.
 */
export function addedBodyScanner(
  bodySelector: string,
  found: (body: Element) => void,
  removed: () => void,
): (records: MutationRecord[]) => void {
  return (records) => {
    for (let r = 0; r < records.length; r++) {
      const record = records[r]!;
      const added = record.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i]!;
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (el.firstElementChild === null) {
          if (el.hasAttribute('g_editable') && el.matches(bodySelector)) found(el);
        } else if (el.matches(bodySelector)) {
          found(el);
        } else if (el.querySelector(bodySelector)) {
          const all = el.querySelectorAll(bodySelector);
          for (let j = 0; j < all.length; j++) found(all[j]!);
        }
      }
      if (record.removedNodes.length > 0) removed();
    }
  };
}

/**
 * Reports every Gmail compose window, once, as it appears: those already open now (scan at start,
 * gmail.js issue #720) and those Gmail inserts later (moles, full screen, inline replies, pop-out).
 *
 * Two triggers, one report per compose:
 * 1. A MutationObserver on the document, for the FIRST FRAME: its callback runs in the same task that
 *    inserted the compose, before the browser paints, so the button is in the compose's first painted
 *    frame (the animation below fires only after that paint). Gmail mutates constantly, so the callback
 *    does almost nothing per added node: element nodes only, and one `querySelector` for Gmail's
 *    `g_editable` body (a leaf is only tested for the attribute). Nothing else runs for unrelated nodes.
 * 2. The CSS animation trick (Refined GitHub `selector-observer`), as the safety net for what the first
 *    cannot see: a row or body that starts to match through an attribute change, a toolbar row Gmail
 *    re-renders, a compose shown after being hidden. A style rule gives unmarked toolbar rows and bodies
 *    a 1 ms animation, and one `animationstart` listener on `document` hears each; the style engine does
 *    the matching.
 *
 * A compose is reported again only when it gets a new toolbar row (Gmail re-rendered it, or a compose
 * first seen without one got one): mount idempotently. Everything (observer, style, listener, markers)
 * is removed when `signal` aborts.
 */
export function observeComposes(
  doc: Document,
  signal: AbortSignal,
  onCompose: (compose: ComposeHandle) => void,
  onRemoved?: () => void,
): void {
  if (signal.aborted) return;
  const token = `${++instances}-${Math.random().toString(36).slice(2, 8)}`;
  const animation = `open-slots-detect-${token}`;
  // The toolbar row of each reported compose, or its body when it has none.
  const seen = new WeakSet<Element>();
  const bodySelector = GMAIL.body[0];

  // Bodies are watched too, in case a toolbar row is rendered before its body; their events are
  // filtered by `seen`, so a minimize/restore that re-animates a body costs one `closest` walk.
  // Only Gmail's own `g_editable` body selector: the generic `[role=textbox]` fallback would also
  // animate unrelated editors (e.g. a chat input), each costing a fruitless root lookup.
  // One plain selector list, not `:where(a, b):not(…)`: the bench measured the `:where` form ~30x
  // slower to match against every element Gmail adds (npm run bench, 2026-11-25).
  const unseen = `:not([${SEEN_ATTR}="${token}"])`;
  const watched = [...GMAIL.toolbarRow, ...GMAIL.toolbarRowByRole, bodySelector].map((sel) => `${sel}${unseen}`).join(',');
  const style = doc.createElement('style');
  style.setAttribute('data-open-slots-observer', animation);
  style.textContent = `@keyframes ${animation}{}` + `${watched}{animation:1ms ${animation}}`;
  (doc.head ?? doc.documentElement).append(style);

  const consider = (el: Element): void => {
    const compose = composeHandleFor(el);
    if (!compose) return;
    const key = compose.toolbarRow ?? compose.body;
    if (seen.has(key)) return;
    seen.add(key);
    key.setAttribute(SEEN_ATTR, token);
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

  // The first-frame trigger; removals only set a flag for `onRemoved` (closed composes leave the
  // diagnostics), at most once per 250 ms.
  let removalPending = false;
  const removed = () => {
    if (!onRemoved || removalPending) return;
    removalPending = true;
    setTimeout(() => {
      removalPending = false;
      if (!signal.aborted) onRemoved();
    }, 250);
  };
  const observer = new MutationObserver(addedBodyScanner(bodySelector, consider, removed));
  observer.observe(doc, { childList: true, subtree: true });

  for (const el of doc.querySelectorAll(`${bodySelector},${GMAIL.toolbarRow.join(',')}`)) consider(el);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      style.remove();
      for (const el of doc.querySelectorAll(`[${SEEN_ATTR}="${token}"]`)) el.removeAttribute(SEEN_ATTR);
    },
    { once: true },
  );
}
