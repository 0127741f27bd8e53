import type { ComposeHandle } from './compose';
import { findSendCell } from './selectors';

/** Class of the one cell we add to a compose's bottom toolbar row. */
export const CELL_CLASS = 'open-slots-cell';
/** Class of the matching `<col>` we add to the toolbar table's colgroup. */
export const COL_CLASS = 'open-slots-col';

/**
 * Adds ONE `<td class="open-slots-cell gU">` right after the Send cell (`td.gU.Up`) of the compose's
 * toolbar row and returns it; the UI is mounted into it by the content script. Idempotent: a second
 * call returns the same cell. Like InboxSDK (get-additional-action-toolbar.ts) it also adds a `<col>` to
 * the table's colgroup, so Gmail's column widths stay aligned with the cells. `gU` is Gmail's cell class
 * (padding, vertical alignment) so the cell sits like its neighbours.
 */
export function mountToolbarCell(handle: ComposeHandle): HTMLTableCellElement {
  const row = handle.toolbarRow;
  if (!row) throw new Error('This compose has no toolbar row: use mountFallbackStrip');
  const doc = row.ownerDocument;
  let cell = row.querySelector<HTMLTableCellElement>(`:scope > td.${CELL_CLASS}`);
  if (!cell) {
    cell = doc.createElement('td');
    cell.className = `${CELL_CLASS} gU`;
    const send = findSendCell(row);
    if (send) send.after(cell);
    else row.prepend(cell);
  }

  const colgroup = row.closest('table')?.querySelector(':scope > colgroup');
  if (colgroup && !colgroup.querySelector(`:scope > col.${COL_CLASS}`)) {
    const col = doc.createElement('col');
    col.className = COL_CLASS;
    // Same position as the cell: after the col of the cell before ours (Send), or first.
    const before = colgroup.children[Array.prototype.indexOf.call(row.children, cell) - 1];
    if (before) before.after(col);
    else colgroup.prepend(col);
  }
  return cell;
}

/** Removes our cell and col from the compose's toolbar (e.g. when the content script is invalidated). */
export function unmountToolbarCell(handle: ComposeHandle): void {
  const row = handle.toolbarRow;
  if (!row) return;
  row.querySelector(`:scope > td.${CELL_CLASS}`)?.remove();
  row.closest('table')?.querySelector(`:scope > colgroup > col.${COL_CLASS}`)?.remove();
}

/** Class of the strip we add below a compose's body when no toolbar row is recognisable. */
export const FALLBACK_CLASS = 'open-slots-fallback';

/**
 * The fallback placement (issue 16): when Gmail changed its layout so that no toolbar row is recognisable,
 * ONE `<div class="open-slots-fallback">` right after the message body (its sibling, never inside it: the
 * body's HTML is the draft). It is a thin strip along the body's bottom edge with the button at its end,
 * so it covers none of the text and scrolls with the body. Idempotent: a second call returns the same strip.
 */
export function mountFallbackStrip(handle: ComposeHandle): HTMLElement {
  const body = handle.body;
  const next = body.nextElementSibling;
  if (next?.classList.contains(FALLBACK_CLASS)) return next as HTMLElement;
  const strip = body.ownerDocument.createElement('div');
  strip.className = FALLBACK_CLASS;
  // Inline style: Gmail's CSS cannot be relied on here (that is why we are in the fallback), and ours lives
  // in the shadow root. Right-aligned, out of the text's way, without covering it.
  strip.style.cssText = 'display:flex;justify-content:flex-end;padding:2px 8px 4px;min-height:0;';
  body.after(strip);
  return strip;
}
