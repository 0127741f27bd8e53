import type { ComposeHandle } from './compose';
import { GMAIL, isPlainTextMode } from './selectors';

/** What to insert: `html` for rich-text composes, `text` for plain-text mode. Both built by the caller from escaped strings. */
export interface InsertContent {
  html: string;
  text: string;
}

/** Outcome of an insertion and the path it took (`range` = fallback: not undoable). */
export interface InsertResult {
  ok: boolean;
  method: 'execCommand' | 'range';
}

/**
 * Inserts content at the caret of ONE compose body (gmail-dom.md §5), touching nothing else.
 *
 * The caret is, in order: the current selection if it is inside this body; else `savedRange` (from
 * `trackSelection`); else just before the signature or quote; else the end of the body.
 * Then `execCommand('insertHTML' | 'insertText')`: in Chromium one undo step and a native `input`
 * event, so Gmail's editor and draft autosave see it like a paste. If that is unavailable or returns
 * false, the content goes in with a Range and an `input` event is dispatched (no Undo for that path).
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

  outOfLink(body, target);
  body.focus({ preventScroll: true });
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(target);
  }

  const live = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  // Guard: execCommand edits wherever the selection is; never run it unless that is this body.
  if (live && rangeInside(body, live) && execInsert(doc, plain, content)) {
    const after = selection!.rangeCount > 0 ? selection!.getRangeAt(0) : null;
    if (after && outOfLink(body, after)) {
      selection!.removeAllRanges();
      selection!.addRange(after);
    }
    return { ok: true, method: 'execCommand' };
  }
  return { ok: insertWithRange(body, live && rangeInside(body, live) ? live : target, plain, content), method: 'range' };
}

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

function execInsert(doc: Document, plain: boolean, content: InsertContent): boolean {
  // happy-dom and jsdom have no execCommand; old Chromium builds may throw on a detached selection.
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return plain
      ? doc.execCommand('insertText', false, content.text)
      : doc.execCommand('insertHTML', false, content.html);
  } catch {
    return false;
  }
}

/** InboxSDK insert-html-at-cursor.ts, minus its fake keypress: replace the range, caret after it, `input` event. */
function insertWithRange(body: HTMLElement, range: Range, plain: boolean, content: InsertContent): boolean {
  const doc = body.ownerDocument;
  const fragment = plain ? textFragment(doc, content.text) : htmlFragment(doc, content.html);
  const last = fragment.lastChild;
  range.deleteContents();
  range.insertNode(fragment);
  if (last) {
    range.setStartAfter(last);
    range.collapse(true);
  }
  const selection = doc.getSelection();
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
  const InputEventCtor = doc.defaultView?.InputEvent;
  const inputType = plain ? 'insertText' : 'insertHTML';
  body.dispatchEvent(
    InputEventCtor
      ? new InputEventCtor('input', { bubbles: true, inputType, data: plain ? content.text : null })
      : new Event('input', { bubbles: true }),
  );
  return true;
}

function htmlFragment(doc: Document, html: string): DocumentFragment {
  // A <template> parses without running scripts or loading images.
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function textFragment(doc: Document, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  text.split('\n').forEach((line, i) => {
    if (i > 0) fragment.append(doc.createElement('br'));
    if (line) fragment.append(doc.createTextNode(line));
  });
  return fragment;
}
