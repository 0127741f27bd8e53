/**
 * Every Gmail selector the extension uses, as data with ordered fallbacks (first hit wins), plus tiny
 * helpers that always search INSIDE one compose root (never `document.querySelector` for per-compose
 * things: the wrong compose when two are open).
 *
 * Gmail's class names are obfuscated Closure CSS; the ones below have lasted years and are used by
 * InboxSDK and gmail.js. Never select on localized text (aria-label, data-tooltip, placeholder).
 * Sources and dates: the project's Gmail DOM reference (gmail-dom.md, §2 selector table; kept with the
 * reference notes where Open Slots is developed, not in this repository), checked 2026-07.
 * When Gmail breaks one, add the new selector FIRST and date it, keep the old one as a fallback.
 *
 * Class names are only the fast first try (2026-12, issue 16). InboxSDK recorded on 2026-07-07 (PR #1302)
 * that Gmail A/B-tests renamed class tokens (`Ht` -> `Ht-<hash>`), one at a time and for some users only.
 * Behind every class selector below there is a class-free way that rests on what Gmail cannot rename
 * without breaking itself or its accessibility: `role`s (dialog, region, group, button), `g_editable`,
 * `contenteditable`, its own form field names (`composeid`), the `command` attribute of its toolbar icons,
 * and the Send button's place (first button of the bottom bar). `detectionPath` says which way was used.
 */

export const GMAIL = {
  /** Compose root. `.M9` wraps every compose (mole, full screen, inline reply, pop-out) [InboxSDK, gmail.js].
   * gmail.js notes `.M9` "isn't set at insertion"; the dialog and `.AD` are fallbacks for that moment,
   * and `findComposeRoot` adds a structural fallback after them. */
  composeRoot: ['div.M9', '[role="dialog"]', 'div.AD'],

  /** The message body, a real contenteditable. `g_editable` is Gmail's own attribute [InboxSDK
   * getMaybeBodyElement]. Not `[aria-label="Message Body"]`: localized ("Cuerpo del mensaje"). The 2020
   * capture also holds a hidden legacy `textarea.Ak` with the same aria-label; these selectors skip it. */
  body: [
    '[g_editable="true"][contenteditable="true"]',
    'div[role="textbox"][contenteditable="true"]',
    'div.Am.Al.editable',
  ],

  /** The bottom toolbar row holding Send [capture 2020; InboxSDK getBottomBarTable `.aoP .aDh > table`]. */
  toolbarRow: ['.aDh table.IZ tr.btC', 'tr.btC', 'table.IZ[role="group"] > tbody > tr'],

  /**
   * The same row without class names [2026-12, issue 16]: the bottom bar is the compose's one
   * `table[role=group]` (capture 2020; InboxSDK getBottomBarTable `table.IZ[role=group]`), and its row holds
   * Send, a `role=button`, outside the body.
   */
  toolbarRowByRole: ['table[role="group"] > tbody > tr'],

  /** The compose's landmark, class-free [capture 2020: `div.aoI[role=region]` holds form, body and toolbar
   * of every compose shape; its `aria-label` is localized, its role is not]. Tried after `composeRoot`. */
  composeRegion: ['[role="region"]'],

  /** The Send group cell in the toolbar row [capture 2020; gmail.js add_compose_button uses `.gU.Up`]; last,
   * class-free [2026-12]: the first cell holding a button (Send comes first in every capture and build). */
  sendCell: [':scope > td.gU.Up', ':scope > td.gU', ':scope > td:has([role="button"])'],

  /**
   * The hidden field naming the compose in Gmail's compose form [capture 2020; InboxSDK and gmail.js read it].
   * A form field name is part of how Gmail posts the draft, so it is not renamed with the CSS. Class-free
   * compose roots must hold one, so an unrelated `g_editable` editor (e.g. the signature editor in
   * Settings) never gets a button.
   */
  composeId: ['input[name="composeid"]'],

  /** Where the draft's own text ends: insert before these, never inside, when we must choose the caret.
   * Signature prefix `span.gmail_signature_prefix` ("-- ") sits outside the signature div in newer builds
   * (seen in 2023-25 drafts); the quote of an inline reply follows the signature. */
  bodyEnd: [
    '.gmail_signature_prefix',
    '[data-smartmail="gmail_signature"]',
    '.gmail_signature',
    '.gmail_quote_container',
    '.gmail_quote',
  ],

  /** Full-screen container: Gmail re-parents the mole's dialog under `body > div.aSs > div.aSt`
   * [InboxSDK getFullscreenComposeWindowContainer]. */
  fullscreenContainer: ['.aSs .aSt', 'div.aSs'],

  /** A mole's dialog (moles and full screen only; inline replies have none). */
  dialog: ['[role="dialog"]'],

  /** The stand-alone pop-out window marks `<body>` with both classes [InboxSDK isStandaloneComposeWindow]. */
  standaloneBodyClasses: ['xE', 'xp'],

  /**
   * Plain-text mode. ASSUMPTION (2026-07): Gmail gives no reliable per-compose marker. The hidden
   * `input[name=ishtml]` is always "0" (gmail.js issue #181, 2015; also "0" in the rich-text 2020
   * capture), the body is the same contenteditable in both modes (markdown-here issue #50, 2013), and
   * the only DOM trace is the checked "Plain text mode" item of the compose's "More options" menu,
   * `.J-N.J-Ks.Gk.J-Ks-KO[aria-checked="true"]`, which exists only once the user has opened that menu
   * (leggett/simplify issue #264, 2021-03). Like the signature and schedule-send menus in the 2020
   * capture, we assume that menu is rendered inside the `.M9` root. So: a checked `.Gk` item inside the
   * root means plain text; anything else is treated as rich text. Verify in real Gmail.
   * The item has no role, label or position of its own that tells it from the signature menu's checkbox
   * items (its text is localized), so under Gmail's class-token experiment (InboxSDK, 2026-07-07: `Ht`
   * became `Ht-<hash>`) the third form accepts `Gk` with such a suffix, on the checked checkbox item only.
   */
  plainTextModeChecked: [
    '[role="menuitemcheckbox"].Gk[aria-checked="true"]',
    '.J-N.J-Ks.Gk.J-Ks-KO',
    '[role="menuitemcheckbox"][aria-checked="true"]:is([class^="Gk-"], [class*=" Gk-"])',
  ],

  /** Fields we must never touch; listed so tests can prove it [InboxSDK, gmail.js]. */
  subject: ['input[name="subjectbox"]'],

  /**
   * The To field [2026-12, issue 19]. `name="to"` is Gmail's own form field name (like `composeid`), not a
   * class, and not localized. The recipients UI Gmail has shown since 2021-10 (Google Workspace Updates,
   * "Visual updates for composing email in Gmail"; InboxSDK page-parser.ts `.GS .anm[name="to"]
   * [role=listbox]`, checked 2026-12; our stand-ins) names the div around the chips; the 2020 capture names
   * the `textarea.vO` typed into, whose chips sat beside it in the same row (`recipientRow`).
   */
  toField: ['div[name="to"]', 'textarea[name="to"]'],

  /** Where a `textarea` To field's chips are: its row of the recipients table [capture 2020; InboxSDK
   * getOldRecipientRowForType, `closest('tr')`]. A `div` To field holds its chips itself. */
  recipientRow: ['tr'],

  /**
   * One recipient chip, each form with the attribute that holds the address, first form with a hit wins:
   * - `div[role=option][data-hovercard-id]` in today's UI [InboxSDK get-recipients.ts reads the address from
   *   `data-hovercard-id`, the name from `data-name`, checked 2026-12; the stand-ins];
   * - `[email]` in the 2020 UI (`.vR > span.vN[email]`, beside a hidden `input[name=to]` "Name <address>")
   *   [gmail.js, InboxSDK `.vR`]. The 2020 capture's To field is empty, so this form is tested on a chip of
   *   that shape put into the capture's To row.
   * Neither needs a class name. Only the To field is read: Cc and Bcc have their own fields.
   */
  recipientChips: [
    ['[role="option"][data-hovercard-id]', 'data-hovercard-id'],
    ['[email]', 'email'],
  ],
} as const;

/** First element inside `root` matching the first selector of `list` that matches anything. */
export function queryFirst(root: ParentNode, list: readonly string[]): HTMLElement | null {
  for (const selector of list) {
    const hit = root.querySelector<HTMLElement>(selector);
    if (hit) return hit;
  }
  return null;
}

/** Nearest ancestor-or-self of `el` matching the first selector of `list` that matches anything. */
export function closestFirst(el: Element, list: readonly string[]): HTMLElement | null {
  for (const selector of list) {
    const hit = el.closest<HTMLElement>(selector);
    if (hit) return hit;
  }
  return null;
}

/**
 * The compose root holding `el` (any element inside a compose, e.g. its body or toolbar row).
 * Gmail may add the `.M9` class after inserting the compose (gmail.js), and may rename it (issue 16), so
 * from a body or toolbar row this falls back to their lowest container that holds ONE body and either
 * Gmail's `composeid` field or a toolbar row (the fallback never climbs into a container shared by two
 * composes). Inline replies have no dialog, so in a page with renamed classes this is how they are found.
 */
export function findComposeRoot(el: Element): HTMLElement | null {
  const hit = closestFirst(el, GMAIL.composeRoot);
  if (hit) return hit;
  const bodySelector = GMAIL.body.join(',');
  const isCompose = (node: HTMLElement) =>
    node.querySelectorAll(bodySelector).length === 1 && (queryFirst(node, GMAIL.composeId) || findToolbarRow(node));
  const region = closestFirst(el, GMAIL.composeRegion);
  if (region && isCompose(region)) return region;
  const anchor = closestFirst(el, [...GMAIL.body, ...GMAIL.toolbarRow, ...GMAIL.toolbarRowByRole]);
  for (let node = anchor?.parentElement; node; node = node.parentElement) {
    if (node.querySelectorAll(bodySelector).length > 1) return null;
    if (isCompose(node)) return node;
  }
  return null;
}

/** The message body inside `root`. */
export function findBody(root: ParentNode): HTMLElement | null {
  return queryFirst(root, GMAIL.body);
}

/** The body that contains `node`, if `node` is inside a Gmail message body. */
export function closestBody(node: Node | null): HTMLElement | null {
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  return el ? closestFirst(el, GMAIL.body) : null;
}

/**
 * How a compose was found, for the diagnostics (options page) and the popup's "Gmail changed" line:
 * - `toolbar`: Gmail's class names found the toolbar row (today's Gmail);
 * - `toolbarByRole`: the class names failed, roles and structure found the toolbar row;
 * - `belowBody`: no toolbar row is recognisable; the button sits at the body's bottom edge.
 */
export type DetectionPath = 'toolbar' | 'toolbarByRole' | 'belowBody';

/** The bottom toolbar row inside `root` and the way it was found, or null when none is recognisable. */
export function locateToolbarRow(root: ParentNode): { row: HTMLTableRowElement; path: 'toolbar' | 'toolbarByRole' } | null {
  const byClass = queryFirst(root, GMAIL.toolbarRow);
  if (byClass) return { row: byClass as HTMLTableRowElement, path: 'toolbar' };
  for (const selector of GMAIL.toolbarRowByRole) {
    for (const row of root.querySelectorAll<HTMLTableRowElement>(selector)) {
      if (row.querySelector('[role="button"]') && !closestBody(row)) return { row, path: 'toolbarByRole' };
    }
  }
  return null;
}

/** The bottom toolbar row (`tr.btC`, or its class-free equivalent) inside `root`. */
export function findToolbarRow(root: ParentNode): HTMLTableRowElement | null {
  return locateToolbarRow(root)?.row ?? null;
}

/** The Send cell (`td.gU.Up`) of a toolbar row. */
export function findSendCell(row: Element): HTMLTableCellElement | null {
  return queryFirst(row, GMAIL.sendCell) as HTMLTableCellElement | null;
}

/** Whether the compose is in plain-text mode, as far as the DOM tells (see `GMAIL.plainTextModeChecked`). */
export function isPlainTextMode(root: ParentNode): boolean {
  return queryFirst(root, GMAIL.plainTextModeChecked) !== null;
}

/** The four compose shapes of gmail-dom.md §1. */
export type ComposeKind = 'mole' | 'fullscreen' | 'inline' | 'popout';

/** Which shape the compose is in now (it changes when the user toggles full screen). */
export function composeKind(root: Element): ComposeKind {
  const body = root.ownerDocument.body;
  if (body && GMAIL.standaloneBodyClasses.every((c) => body.classList.contains(c))) return 'popout';
  if (closestFirst(root, GMAIL.fullscreenContainer)) return 'fullscreen';
  if (closestFirst(root, GMAIL.dialog)) return 'mole';
  return 'inline';
}

/**
 * Whether the compose is minimized. A minimized mole stays in the DOM; Gmail hides the child holding the
 * body with an inline `style` (InboxSDK get-minimized-stream.ts watches `style`, 2026-07). We look for an
 * inline `display: none` (or `hidden`) between the body and the dialog (or the root when there is none).
 */
export function isMinimized(root: HTMLElement): boolean {
  const top = closestFirst(root, GMAIL.dialog) ?? root;
  const start = findBody(root);
  if (!start) return false;
  for (let node: HTMLElement | null = start; node; node = node.parentElement) {
    if (node.style.display === 'none' || node.hidden) return true;
    if (node === top) break;
  }
  return false;
}

/**
 * The addresses of the recipient chips in the To field of the compose `root` (issue 19), as Gmail shows them
 * (not yet lowercased or checked: the background does that, lib/recipients/addresses.ts), in order; empty
 * when the field is empty or not recognisable. Scoped to `root`: another open compose's To never counts.
 */
export function toRecipients(root: ParentNode): string[] {
  const field = queryFirst(root, GMAIL.toField);
  if (!field) return [];
  const scope = field.matches('textarea, input') ? closestFirst(field, GMAIL.recipientRow) : field;
  if (!scope) return [];
  for (const [selector, attribute] of GMAIL.recipientChips) {
    const chips = [...scope.querySelectorAll(selector)];
    if (chips.length === 0) continue;
    return chips.map((chip) => chip.getAttribute(attribute)?.trim() ?? '').filter(Boolean);
  }
  return [];
}
