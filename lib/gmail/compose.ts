import {
  composeKind,
  findBody,
  findComposeRoot,
  GMAIL,
  locateToolbarRow,
  queryFirst,
  type ComposeKind,
  type DetectionPath,
} from './selectors';

export type { ComposeKind, DetectionPath } from './selectors';

/** One Gmail compose window, as found in the DOM. All its elements belong to the same compose. */
export interface ComposeHandle {
  /** The compose root (`div.M9`, or its class-free equivalent). */
  readonly root: HTMLElement;
  /** The message body (`[g_editable="true"][contenteditable="true"]`). */
  readonly body: HTMLElement;
  /** The bottom toolbar row (`tr.btC`) that holds Send; null when none is recognisable (see `path`). */
  readonly toolbarRow: HTMLTableRowElement | null;
  /** How the compose was found, hence where its button goes (`belowBody`: no toolbar row). */
  readonly path: DetectionPath;
  /** The compose shape, read live: it changes when the user toggles full screen. */
  readonly kind: ComposeKind;
}

/**
 * The handle of the compose that holds `el` (its toolbar row, body, or any element inside it), or null
 * while there is no compose body. A compose without a recognisable toolbar row still gets a handle
 * (`path: 'belowBody'`), but only if its root holds Gmail's `composeid` field: a `g_editable` editor
 * outside a compose (Settings' signature editor) is not a compose.
 */
export function composeHandleFor(el: Element): ComposeHandle | null {
  const root = findComposeRoot(el);
  if (!root) return null;
  const body = findBody(root);
  if (!body) return null;
  const found = locateToolbarRow(root);
  if (!found && !queryFirst(root, GMAIL.composeId)) return null;
  return {
    root,
    body,
    toolbarRow: found?.row ?? null,
    path: found?.path ?? 'belowBody',
    get kind() {
      return composeKind(root);
    },
  };
}
