import { closestBody } from './selectors';

/** Per-body caret memory: where the user last had the caret in each compose body. */
export interface SelectionMemory {
  /** A copy of the last caret (collapsed, at the end of any selection) the user had inside `body`, or null. */
  rangeFor(body: HTMLElement): Range | null;
}

/**
 * Remembers, per message body, where the user last had the caret inside it, so a click on our toolbar
 * button (or anywhere else) does not lose the insertion point. Updated on `selectionchange` whenever
 * the selection lies inside one Gmail body (InboxSDK monitor-selection-range.ts does the same with
 * mousedown/keydown). What is remembered is always a CARET: a selection is remembered as a caret at its
 * end, so text the user selected earlier and then clicked away from is never replaced by an insert.
 * Stored ranges are live Ranges that the browser keeps in place as the draft changes. Stops listening
 * when `signal` aborts.
 */
export function trackSelection(doc: Document, signal: AbortSignal): SelectionMemory {
  const ranges = new WeakMap<HTMLElement, Range>();

  const save = (): void => {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const body = closestBody(range.startContainer);
    if (!body || !body.contains(range.endContainer)) return;
    const caret = range.cloneRange();
    caret.collapse(false);
    ranges.set(body, caret);
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
