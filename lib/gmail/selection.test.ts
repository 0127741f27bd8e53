import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { trackSelection, type SelectionMemory } from './selection';

let page: HappyGmailPage;
let controller: AbortController;
let memory: SelectionMemory;

beforeEach(async () => {
  page = await loadGmailPage('/mail/u/0/?compose=mole,mole&delay=0');
  controller = new AbortController();
  memory = trackSelection(page.document, controller.signal);
});
afterEach(async () => {
  controller.abort();
  await page.close();
});

const bodyOf = (id: string) => page.gmail.root(id)!.querySelector<HTMLElement>('[g_editable="true"]')!;

/** Puts the caret (as the user would) and fires the `selectionchange` Chromium fires. */
function caret(node: Node, offset: number) {
  page.selectAt(node, offset);
  page.document.dispatchEvent(new page.window.Event('selectionchange') as unknown as Event);
}

describe('trackSelection', () => {
  it('has nothing for a body the user never selected in', () => {
    expect(memory.rangeFor(bodyOf('1'))).toBeNull();
  });

  it('remembers the last caret per body, and keeps it when the selection leaves the body', () => {
    const body1 = bodyOf('1');
    const body2 = bodyOf('2');
    body1.firstElementChild!.textContent = 'Hello Bob';
    const text = body1.firstElementChild!.firstChild!;
    caret(text, 5);
    caret(body2.firstElementChild!, 0);
    caret(page.gmail.root('1')!.querySelector('input[name="subjectbox"]')!.parentElement!, 0);

    const saved1 = memory.rangeFor(body1)!;
    expect(saved1.startContainer).toBe(text);
    expect(saved1.startOffset).toBe(5);
    expect(memory.rangeFor(body2)!.startContainer).toBe(body2.firstElementChild);
  });

  it('remembers a selection as a caret at its end, never as text to replace', () => {
    const body = bodyOf('1');
    body.firstElementChild!.textContent = 'Hello Bob. See you soon.';
    const text = body.firstElementChild!.firstChild!;
    const range = page.document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 10); // "Hello Bob."
    const selection = page.document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    page.document.dispatchEvent(new page.window.Event('selectionchange') as unknown as Event);

    const saved = memory.rangeFor(body)!;
    expect(saved.collapsed).toBe(true);
    expect(saved.startContainer).toBe(text);
    expect(saved.startOffset).toBe(10);
  });

  it('returns copies: changing one does not change the memory', () => {
    const body = bodyOf('1');
    caret(body.firstElementChild!, 0);
    const copy = memory.rangeFor(body)!;
    copy.selectNodeContents(body);
    expect(memory.rangeFor(body)!.collapsed).toBe(true);
  });

  it('ignores a selection that starts in one body and ends elsewhere', () => {
    const range = page.document.createRange();
    range.setStart(bodyOf('1').firstElementChild!, 0);
    range.setEnd(bodyOf('2').firstElementChild!, 0);
    const selection = page.document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    page.document.dispatchEvent(new page.window.Event('selectionchange') as unknown as Event);
    expect(memory.rangeFor(bodyOf('1'))).toBeNull();
  });

  it('never returns a range that no longer lies in the body', () => {
    const body = bodyOf('1');
    const line = body.firstElementChild!;
    caret(line, 0);
    line.remove();
    // Chromium moves a live range onto the parent of a removed node; happy-dom leaves it on the
    // detached node. Either way the memory must not hand out a range outside the body.
    const range = memory.rangeFor(body);
    expect(range === null || body.contains(range.startContainer)).toBe(true);
  });

  it('picks up a selection already inside a body when it starts', () => {
    const body = bodyOf('2');
    caret(body.firstElementChild!, 0);
    const late = trackSelection(page.document, controller.signal);
    expect(late.rangeFor(body)?.startContainer).toBe(body.firstElementChild);
  });

  it('stops listening on abort', () => {
    controller.abort();
    caret(bodyOf('1').firstElementChild!, 0);
    expect(memory.rangeFor(bodyOf('1'))).toBeNull();
  });
});
