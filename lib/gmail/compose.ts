import { composeKind, findBody, findComposeRoot, findToolbarRow, type ComposeKind } from './selectors';

export type { ComposeKind } from './selectors';

/** One Gmail compose window, as found in the DOM. All three elements belong to the same compose. */
export interface ComposeHandle {
  /** The compose root (`div.M9`). */
  readonly root: HTMLElement;
  /** The message body (`[g_editable="true"][contenteditable="true"]`). */
  readonly body: HTMLElement;
  /** The bottom toolbar row (`tr.btC`) that holds Send. */
  readonly toolbarRow: HTMLTableRowElement;
  /** The compose shape, read live: it changes when the user toggles full screen. */
  readonly kind: ComposeKind;
}

/**
 * The handle of the compose that holds `el` (its toolbar row, body, or any element inside it),
 * or null while the compose is incomplete (no body or no toolbar row yet).
 */
export function composeHandleFor(el: Element): ComposeHandle | null {
  const root = findComposeRoot(el);
  if (!root) return null;
  const body = findBody(root);
  const toolbarRow = findToolbarRow(root);
  if (!body || !toolbarRow) return null;
  return {
    root,
    body,
    toolbarRow,
    get kind() {
      return composeKind(root);
    },
  };
}
