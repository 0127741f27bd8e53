import { closestBody } from './selectors';

/** Per-body caret memory: where the user last had the caret in each compose body. */
export interface SelectionMemory {
  /** A copy of the last range the user had inside `body`, or null if none (or it no longer lies in it). */
  rangeFor(body: HTMLElement): Range | null;
}

/**
 * Remembers, per message body, the last selection the user made inside it, so a click on our toolbar
 * button (or anywhere else) does not lose the insertion point. Updated on `selectionchange` whenever
 * the selection lies inside one Gmail body (InboxSDK monitor-selection-range.ts does the same with
 * mousedown/keydown). Stored ranges are clones: live Ranges that the browser keeps in place as the
 * draft changes. Stops listening when `signal` aborts.
 */
export function trackSelection(doc: Document, signal: AbortSignal): SelectionMemory {
  const ranges = new WeakMap<HTMLElement, Range>();

  const save = (): void => {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const body = closestBody(range.startContainer);
    if (!body || !body.contains(range.endContainer)) return;
    ranges.set(body, range.cloneRange());
  };

  if (!signal.aborted) {
    doc.addEventListener('selectionchange', save, { signal });
    save();
  }

  return {
    rangeFor(body) {
      const range = ranges.get(body);
      if (!range || !body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
      return range.cloneRange();
    },
  };
}
