import type { ComposeHandle } from './compose';
import { GMAIL, isPlainTextMode } from './selectors';

/** What to insert: `html` for rich-text composes, `text` for plain-text mode. Both built by the caller from escaped strings. */
export interface InsertContent {
  html: string;
  text: string;
}

/** Outcome of an insertion and the path it took (`range` = fallback, undone by our own one-step Undo). */
export interface InsertResult {
  /** True only when the content is really in the body. */
  ok: boolean;
  method: 'execCommand' | 'range';
}

/**
 * Inserts content at the caret of ONE compose body (gmail-dom.md §5), touching nothing else, and never
 * deleting anything: a selection (live, or remembered by `trackSelection`) becomes a caret at its end.
 *
 * The caret is, in order: the current selection if it is inside this body; else `savedRange` (from
 * `trackSelection`); else just before the signature or quote; else the end of the body.
 * Then `execCommand('insertHTML' | 'insertText')`: in Chromium one undo step and a native `input`
 * event, so Gmail's editor and draft autosave see it like a paste. If that is unavailable, refused or
 * changed nothing, the content goes in with a Range and an `input` event is dispatched; the browser's
 * undo stack does not see that, so one Ctrl+Z (or Edit > Undo) right after it is handled here and takes
 * exactly that insertion out again (see `armUndo`).
 * Throws only when the DOM refuses the insertion, and then the draft is as it was.
 */
export function insertIntoCompose(
  handle: ComposeHandle,
  content: InsertContent,
  savedRange: Range | null,
): InsertResult {
  const { body } = handle;
  const doc = body.ownerDocument;
  const selection = doc.getSelection();
  const plain = isPlainTextMode(handle.root);

  const current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const target =
    (current && rangeInside(body, current) ? current.cloneRange() : null) ??
    (savedRange && rangeInside(body, savedRange) ? savedRange.cloneRange() : null) ??
    defaultCaret(body);
  // Never replace what is selected: insert after it.
  target.collapse(false);

  outOfLink(body, target);
  body.focus({ preventScroll: true });
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(target);
  }

  const live = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const liveInBody = live !== null && rangeInside(body, live);
  if (liveInBody && !live.collapsed) live.collapse(false);
  const at = liveInBody ? live : target;
  const separated = onOwnLines(body, at, content);
  // Guard: execCommand edits wherever the selection is; never run it unless that is this body.
  if (liveInBody && execInsert(body, plain, separated)) {
    const after = selection!.rangeCount > 0 ? selection!.getRangeAt(0) : null;
    if (after && outOfLink(body, after)) {
      selection!.removeAllRanges();
      selection!.addRange(after);
    }
    return { ok: true, method: 'execCommand' };
  }
  // execCommand may have moved the selection while refusing: insert where we meant to.
  return { ok: insertWithRange(body, rangeInside(body, at) ? at : target, plain, separated), method: 'range' };
}

/**
 * "Update" of a stale offer: replaces what is inside one of our blocks with `html` (the new block's inner
 * content, so the block element and its event type mark stay), in ONE undo step, and touches nothing else.
 * execCommand('insertHTML') over the block's contents: checked in Chromium 2026-12, it keeps the block
 * element, puts the new content inside it, and one Undo brings the old content back. If that is refused,
 * the children are swapped with DOM calls and the next Undo swaps them back (see `armRevert`).
 * False, with the draft unchanged, when the block is no longer in this body or is not ours to replace.
 */
export function replaceBlockContent(handle: ComposeHandle, block: HTMLElement, html: string): boolean {
  const { body } = handle;
  if (!body.contains(block) || block === body || isPlainTextMode(handle.root)) return false;
  const doc = body.ownerDocument;
  const range = doc.createRange();
  range.selectNodeContents(block);
  body.focus({ preventScroll: true });
  const selection = doc.getSelection();
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
  const live = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const selectsBlock = live !== null && block.contains(live.startContainer) && block.contains(live.endContainer);
  if (selectsBlock && execInsert(body, false, { html, text: '' })) {
    selection!.collapseToEnd();
    return true;
  }
  const old = [...block.childNodes];
  const fresh = [...htmlFragment(doc, html).childNodes];
  if (fresh.length === 0) return false;
  block.replaceChildren(...fresh);
  try {
    dispatchInput(body, 'insertReplacementText', null);
    armRevert(
      body,
      () => fresh.every((n) => block.contains(n)) && body.contains(block),
      () => block.replaceChildren(...old),
    );
  } catch (e) {
    block.replaceChildren(...old);
    throw e;
  }
  return true;
}

/** A blank line in Gmail's own markup (each line of a draft is a `<div>`). */
const BLANK_LINE_HTML = '<div><br></div>';
/** Elements that end a line: the line a caret sits on never extends past them. */
const LINE_BREAKING = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DIV|DL|DT|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;

/**
 * Puts the block on lines of its own when the caret is mid-line: a blank line before it when the caret's
 * line has text before the caret, and after it when that line has text after the caret. Without this,
 * Chromium's insertHTML merges the block's first paragraph into the text before the caret and its last
 * paragraph into the text after it ("times: <b>30 Minute Meeting</b>", "...30min See you.").
 * Checked in Chromium 2026-07: with `<div><br></div>` around the block, the line is split cleanly
 * ("Hello, here are times:&nbsp;" / blank / block / blank / "See you."; Chromium keeps the trailing
 * space of the first half visible as `&nbsp;`), in one undo step. Plain text gets the same blank lines.
 */
function onOwnLines(body: HTMLElement, range: Range, content: InsertContent): InsertContent {
  const doc = body.ownerDocument;
  let block: Node | null = range.startContainer;
  while (block && block !== body && !(block.nodeType === 1 && LINE_BREAKING.test(block.nodeName))) block = block.parentNode;
  if (!block || !body.contains(block)) return content;

  const before = doc.createRange();
  before.setStart(block, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const after = doc.createRange();
  after.setStart(range.endContainer, range.endOffset);
  after.setEnd(block, block.childNodes.length);
  const textBefore = lastLine(before.cloneContents()).trim() !== '';
  const textAfter = firstLine(after.cloneContents()).trim() !== '';
  return {
    html: (textBefore ? BLANK_LINE_HTML : '') + content.html + (textAfter ? BLANK_LINE_HTML : ''),
    text: (textBefore ? '\n\n' : '') + content.text + (textAfter ? '\n\n' : ''),
  };
}

/** The visible content of a fragment as a list of lines (text; images count as one character). */
function lines(fragment: DocumentFragment): string[] {
  const out = [''];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out[out.length - 1] += child.textContent ?? '';
      else if (child.nodeType !== 1) continue;
      else if (child.nodeName === 'IMG') out[out.length - 1] += '\uFFFC';
      else if (LINE_BREAKING.test(child.nodeName)) {
        out.push('');
        walk(child);
        out.push('');
      } else walk(child);
    }
  };
  walk(fragment);
  return out;
}
const firstLine = (fragment: DocumentFragment): string => lines(fragment)[0]!;
const lastLine = (fragment: DocumentFragment): string => lines(fragment).at(-1)!;

/**
 * Moves a collapsed caret that sits inside a link of this body to just after that link; true if moved.
 * Chromium leaves the caret at the end of the last inserted `<a>`, where typing (or a second insert)
 * would extend or nest inside our link.
 */
function outOfLink(body: HTMLElement, range: Range): boolean {
  if (!range.collapsed) return false;
  const start = range.startContainer;
  const link = (start.nodeType === 1 ? (start as Element) : start.parentElement)?.closest('a');
  if (!link || !body.contains(link)) return false;
  range.setStartAfter(link);
  range.collapse(true);
  return true;
}

function rangeInside(body: HTMLElement, range: Range): boolean {
  return body.contains(range.startContainer) && body.contains(range.endContainer);
}

/**
 * Where to insert when the user never put the caret in this body: the first empty line after the
 * draft's own text and before the signature/quote; else the end of that text; else the end of the body.
 * Never a bare position next to the signature: Chromium's editing moves such a caret INTO the adjacent
 * inline `span.gmail_signature_prefix` (seen in Chromium 2026-07), so the insert would land in it.
 */
function defaultCaret(body: HTMLElement): Range {
  const range = body.ownerDocument.createRange();
  let end: Node | null = body.querySelector(GMAIL.bodyEnd.join(','));
  while (end && end.parentNode !== body) end = end.parentNode;
  const lines: ChildNode[] = [];
  for (let node = body.firstChild; node && node !== end; node = node.nextSibling) lines.push(node);

  const lastText = lines.findLastIndex(hasContent);
  const emptyLine = lines.slice(lastText + 1).find((node) => node.nodeType === 1 && !hasContent(node));
  if (emptyLine) {
    // Inside an empty `<div><br></div>`, before its placeholder <br>; or before a bare <br>.
    if (emptyLine.nodeName === 'BR') range.setStartBefore(emptyLine);
    else range.setStart(emptyLine, 0);
  } else if (lastText >= 0) {
    range.selectNodeContents(lines[lastText]!);
    range.collapse(false);
    return range;
  } else if (end) {
    range.setStartBefore(end);
  } else {
    range.selectNodeContents(body);
    range.collapse(false);
    return range;
  }
  range.collapse(true);
  return range;
}

/** Whether a node holds something a reader sees (text or an image), not just line breaks. */
function hasContent(node: Node): boolean {
  if (node.nodeType === 3) return (node.textContent ?? '').trim() !== '';
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return (el.textContent ?? '').trim() !== '' || el.querySelector('img') !== null || el.nodeName === 'IMG';
}

/** True when execCommand took the content: it said so AND the body changed (it may report true for nothing). */
function execInsert(body: HTMLElement, plain: boolean, content: InsertContent): boolean {
  const doc = body.ownerDocument;
  // happy-dom and jsdom have no execCommand; old Chromium builds may throw on a detached selection.
  if (typeof doc.execCommand !== 'function') return false;
  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const changes = new Observer(() => undefined);
  changes.observe(body, { childList: true, subtree: true, characterData: true });
  try {
    const done = plain
      ? doc.execCommand('insertText', false, content.text)
      : doc.execCommand('insertHTML', false, content.html);
    return done && changes.takeRecords().length > 0;
  } catch {
    return false;
  } finally {
    changes.disconnect();
  }
}

/**
 * The fallback: the content goes in with a Range (InboxSDK insert-html-at-cursor.ts, minus its fake
 * keypress and minus its deleteContents: nothing is replaced), caret after it, and an `input` event so
 * Gmail's autosave sees the change. True when the content is in the body. If anything throws after the
 * nodes went in, they are taken out again before the error propagates: the draft is left as it was.
 */
function insertWithRange(body: HTMLElement, range: Range, plain: boolean, content: InsertContent): boolean {
  const doc = body.ownerDocument;
  const fragment = plain ? textFragment(doc, content.text) : htmlFragment(doc, content.html);
  const nodes = [...fragment.childNodes];
  if (nodes.length === 0) return false;
  range.collapse(true);
  const caret = range.cloneRange();
  range.insertNode(fragment);
  try {
    range.setStartAfter(nodes.at(-1)!);
    range.collapse(true);
    const selection = doc.getSelection();
    if (selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
    dispatchInput(body, plain ? 'insertText' : 'insertHTML', plain ? content.text : null);
    armUndo(body, nodes, caret);
  } catch (e) {
    takeOut(nodes);
    throw e;
  }
  return nodes.every((n) => body.contains(n));
}

function dispatchInput(body: HTMLElement, inputType: string, data: string | null): void {
  const InputEventCtor = body.ownerDocument.defaultView?.InputEvent;
  body.dispatchEvent(
    InputEventCtor ? new InputEventCtor('input', { bubbles: true, inputType, data }) : new Event('input', { bubbles: true }),
  );
}

/** Removes inserted nodes and joins a text node that insertNode split in two (the draft reads as before). */
function takeOut(nodes: Node[]): void {
  const first = nodes[0]!;
  const before = first.previousSibling;
  const after = nodes.at(-1)!.nextSibling;
  for (const n of nodes) n.parentNode?.removeChild(n);
  if (before?.nodeType === 3 && after?.nodeType === 3 && before.nextSibling === after) {
    (before as Text).appendData((after as Text).data);
    after.parentNode?.removeChild(after);
  }
}

/** Bodies with a fallback insertion that the next Undo takes out; the newest insertion wins. */
const armed = new WeakMap<HTMLElement, () => void>();

/**
 * Makes the next Undo in `body` take out exactly this fallback insertion, as one step, as execCommand's
 * would: Ctrl+Z / Cmd+Z (keydown) or Edit > Undo (`beforeinput` historyUndo). Any other edit of the
 * body first (an `input` event, e.g. typing), or a change to the inserted nodes, disarms it, so a later
 * Undo is the browser's own again.
 */
function armUndo(body: HTMLElement, nodes: Node[], caret: Range): void {
  armRevert(
    body,
    () => nodes.every((n) => body.contains(n)),
    () => {
      takeOut(nodes);
      const selection = body.ownerDocument.getSelection();
      if (selection && rangeInside(body, caret)) {
        selection.removeAllRanges();
        selection.addRange(caret);
      }
    },
  );
}

/** The next Undo in `body` runs `revert` (if `intact` still holds), as one step; see `armUndo`. */
function armRevert(body: HTMLElement, intact: () => boolean, revert: () => void): void {
  armed.get(body)?.();
  const disarm = () => {
    body.removeEventListener('keydown', onKey, true);
    body.removeEventListener('beforeinput', onBeforeInput, true);
    body.removeEventListener('input', onInput, true);
    if (armed.get(body) === disarm) armed.delete(body);
  };
  const undo = (e: Event): void => {
    disarm();
    if (!intact()) return;
    e.preventDefault();
    revert();
    dispatchInput(body, 'historyUndo', null);
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key.toLowerCase() === 'z' && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey) undo(e);
  };
  const onBeforeInput = (e: Event): void => {
    if ((e as InputEvent).inputType === 'historyUndo') undo(e);
  };
  const onInput = (): void => disarm();
  body.addEventListener('keydown', onKey, true);
  body.addEventListener('beforeinput', onBeforeInput, true);
  body.addEventListener('input', onInput, true);
  armed.set(body, disarm);
}

/**
 * The HTML as nodes of `doc`, parsed in an inert document (DOMParser: no script runs, no image loads, no
 * `innerHTML` on a live element). The HTML is built by the caller from escaped strings.
 */
function htmlFragment(doc: Document, html: string): DocumentFragment {
  const Parser = doc.defaultView?.DOMParser ?? DOMParser;
  const parsed = new Parser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const fragment = doc.createDocumentFragment();
  for (const node of [...parsed.body.childNodes]) fragment.append(doc.importNode(node, true));
  return fragment;
}

function textFragment(doc: Document, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  text.split('\n').forEach((line, i) => {
    if (i > 0) fragment.append(doc.createElement('br'));
    if (line) fragment.append(doc.createTextNode(line));
  });
  return fragment;
}
