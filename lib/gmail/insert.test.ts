import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { HAS_CAPTURE } from '../../e2e/support/gmail/pages';
import { composeHandleFor, type ComposeHandle } from './compose';
import { insertIntoCompose, replaceBlockContent } from './insert';

// happy-dom has no execCommand: the execCommand path is checked with a stub (what it is called with,
// and where the selection is at that moment); the Range fallback runs for real. The real insertion
// (one undo step, native input event) is checked in Chromium.

const CONTENT = { html: '<ul><li><a href="https://calendly.com/ann/x">Tue 10:00</a></li></ul>', text: 'Tue 10:00: https://calendly.com/ann/x' };
/** A blank line as Gmail writes it: what goes around the block when the caret is mid-line. */
const BLANK = '<div><br></div>';

let page: HappyGmailPage;
afterEach(() => page?.close());

async function open(path: string) {
  page = await loadGmailPage(path);
}
const handle = (id: string): ComposeHandle => composeHandleFor(page.gmail.root(id)!.querySelector('tr.btC')!)!;

const selectAt = (node: Node, offset: number) => page.selectAt(node, offset);

/** Stubs execCommand; records where the selection was when it ran. */
function stubExec(result: boolean | 'throw' = true) {
  const calls: { args: unknown[]; node: Node; offset: number }[] = [];
  const exec = vi.fn((...args: unknown[]) => {
    const range = page.document.getSelection()!.getRangeAt(0);
    calls.push({ args, node: range.startContainer, offset: range.startOffset });
    if (result === 'throw') throw new Error('not supported');
    // A browser that really inserts changes the body (a comment stands for the content here).
    if (result) {
      const body = (range.startContainer.nodeType === 1 ? (range.startContainer as Element) : range.startContainer.parentElement)!.closest('[g_editable="true"]');
      body?.append(page.document.createComment('inserted'));
    }
    return result;
  });
  Object.defineProperty(page.document, 'execCommand', { value: exec, configurable: true });
  return calls;
}

describe('insertIntoCompose with execCommand', () => {
  it('inserts HTML at the saved caret of a rich-text compose, on lines of its own when mid-line', async () => {
    await open('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    compose.body.firstElementChild!.textContent = 'Hello Bob';
    const saved = selectAt(compose.body.firstElementChild!.firstChild!, 5);
    page.document.getSelection()!.removeAllRanges();
    const calls = stubExec();

    expect(insertIntoCompose(compose, CONTENT, saved)).toEqual({ ok: true, method: 'execCommand' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toEqual(['insertHTML', false, `${BLANK}${CONTENT.html}${BLANK}`]);
    expect(calls[0]!.node).toBe(compose.body.firstElementChild!.firstChild);
    expect(calls[0]!.offset).toBe(5);
    expect(page.document.activeElement).toBe(compose.body);
  });

  it('inserts plain text in plain-text mode', async () => {
    await open('/mail/u/0/?compose=plaintext&delay=0');
    const calls = stubExec();
    expect(insertIntoCompose(handle('1'), CONTENT, null).method).toBe('execCommand');
    expect(calls[0]!.args).toEqual(['insertText', false, CONTENT.text]);
  });

  it('prefers the live selection in this body over the saved range', async () => {
    await open('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    const saved = selectAt(compose.body, 0);
    const signatureLine = compose.body.querySelector('.gmail_signature div')!;
    selectAt(signatureLine, 0);
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, saved);
    expect(calls[0]!.node).toBe(signatureLine);
  });

  it('never inserts into the compose that has the selection: compose 2 gets its own caret', async () => {
    await open('/mail/u/0/?compose=mole,mole&delay=0');
    const first = handle('1');
    const second = handle('2');
    selectAt(first.body.firstElementChild!, 0);
    const calls = stubExec();
    insertIntoCompose(second, CONTENT, null);
    expect(second.body.contains(calls[0]!.node)).toBe(true);
    expect(first.body.contains(calls[0]!.node)).toBe(false);
  });

  it('ignores a saved range from another body', async () => {
    await open('/mail/u/0/?compose=mole,mole&delay=0');
    const foreign = selectAt(handle('1').body.firstElementChild!, 0);
    page.document.getSelection()!.removeAllRanges();
    const calls = stubExec();
    insertIntoCompose(handle('2'), CONTENT, foreign);
    expect(handle('2').body.contains(calls[0]!.node)).toBe(true);
  });
});

describe('default caret (the user never clicked in the body)', () => {
  it.each([
    ['new message: the first empty line', '/mail/u/0/?compose=mole&delay=0', '', 0],
    ['after typed text: the next empty line', '/mail/u/0/?compose=mole&delay=0', '<div>Hi Bob</div><div><br></div><div><br></div>', 1],
    ['inline reply: the first empty line, above signature and quote', '/mail/u/0/thread?delay=0', '', 0],
  ])('%s', async (_name, path, body, line) => {
    await open(path);
    const [id] = page.gmail.ids();
    const compose = handle(id!);
    if (body) compose.body.firstElementChild!.outerHTML = body;
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, null);
    expect(calls[0]!.node).toBe(compose.body.children[line]);
    expect(calls[0]!.offset).toBe(0);
  });

  it('after text with no empty line left: the end of that text', async () => {
    await open('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    compose.body.innerHTML = '<div>Hi Bob</div>';
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, null);
    expect(calls[0]!.node.textContent).toBe('Hi Bob');
    expect(compose.body.contains(calls[0]!.node)).toBe(true);
  });

  it.skipIf(!HAS_CAPTURE)('the 2020 capture (no signature): before its placeholder <br>', async () => {
    await open('/mail/u/0/capture?delay=0');
    const compose = handle('1');
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, null);
    const { node, offset } = calls[0]!;
    expect(node).toBe(compose.body);
    expect(node.childNodes[offset]!.nodeName).toBe('BR');
  });
});

describe('insertIntoCompose fallback (Range + input event)', () => {
  it.each([
    ['execCommand is missing', undefined],
    ['execCommand returns false', false],
    ['execCommand throws', 'throw'],
  ] as const)('when %s, inserts at the caret and leaves the rest of the draft byte-for-byte', async (_name, exec) => {
    await open('/mail/u/0/?compose=mole,mole&delay=0');
    if (exec !== undefined) stubExec(exec);
    const compose = handle('1');
    compose.body.firstElementChild!.textContent = 'Hello Bob';
    const before = compose.body.innerHTML;
    const other = handle('2').body.innerHTML;
    const subject = compose.root.querySelector<HTMLInputElement>('input[name="subjectbox"]')!;
    subject.value = 'Lunch';
    const inputs: { inputType?: string }[] = [];
    compose.body.addEventListener('input', (event) => inputs.push(event as InputEvent));

    const saved = selectAt(compose.body.firstElementChild!.firstChild!, 5);
    page.document.getSelection()!.removeAllRanges();
    expect(insertIntoCompose(compose, CONTENT, saved)).toEqual({ ok: true, method: 'range' });

    expect(compose.body.innerHTML).toBe(before.replace('Hello Bob', `Hello${BLANK}${CONTENT.html}${BLANK} Bob`));
    expect(handle('2').body.innerHTML).toBe(other);
    expect(subject.value).toBe('Lunch');
    expect(inputs.map((event) => event.inputType)).toEqual(['insertHTML']);
    const caret = page.document.getSelection()!.getRangeAt(0);
    expect(caret.collapsed).toBe(true);
    const last = caret.startContainer.childNodes[caret.startOffset - 1]!;
    expect(last.nodeName).toBe('DIV');
    expect(last.previousSibling!.nodeName).toBe('UL');
  });

  it('inserts text lines with <br> in plain-text mode', async () => {
    await open('/mail/u/0/?compose=plaintext&delay=0');
    const compose = handle('1');
    const line = compose.body.firstElementChild!;
    insertIntoCompose(compose, { html: '<b>no</b>', text: 'a\nb' }, null);
    expect(line.innerHTML).toBe('a<br>b<br>');
  });

  it('moves a caret that sits in a link out of it, so links never nest', async () => {
    await open('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    compose.body.firstElementChild!.innerHTML = '<a href="https://x.test">x</a>';
    const link = compose.body.querySelector('a')!;
    const saved = selectAt(link.firstChild!, 1);
    insertIntoCompose(compose, CONTENT, saved);
    expect(compose.body.querySelector('a a')).toBeNull();
    expect(link.nextElementSibling!.outerHTML).toBe(BLANK);
    expect(link.nextElementSibling!.nextElementSibling!.nodeName).toBe('UL');
  });
});

describe('a block inserted mid-line goes on lines of its own', () => {
  // Chromium's insertHTML merges a block's first and last paragraphs into the text around the caret;
  // a blank line on each side that has text keeps the block on its own lines (checked in Chromium).
  it.each([
    ['an empty line: as is', '<div><br></div>', (b: HTMLElement) => [b.firstElementChild!, 0], '', ''],
    ['the end of a line: a blank line before', '<div>Hi Bob</div>', (b: HTMLElement) => [b.firstElementChild!.firstChild!, 6], BLANK, ''],
    ['the start of a line: a blank line after', '<div>Hi Bob</div>', (b: HTMLElement) => [b.firstElementChild!.firstChild!, 0], '', BLANK],
    ['mid-line: both', '<div>Hi Bob</div>', (b: HTMLElement) => [b.firstElementChild!.firstChild!, 3], BLANK, BLANK],
    ['mid-line in text right in the body (Gmail’s first line): both', 'Hi Bob<div><br></div>', (b: HTMLElement) => [b.firstChild!, 3], BLANK, BLANK],
    ['after a <br> line break, before text: after only', '<div>Hi<br>Bob</div>', (b: HTMLElement) => [b.firstElementChild!.lastChild!, 0], '', BLANK],
    ['inside bold text at the end of a line: before only', '<div>Hi <b>Bob</b></div>', (b: HTMLElement) => [b.querySelector('b')!.firstChild!, 3], BLANK, ''],
    ['only spaces around: as is', '<div>&nbsp; </div>', (b: HTMLElement) => [b.firstElementChild!.firstChild!, 1], '', ''],
  ] as const)('%s', async (_name, html, at, before, after) => {
    await open('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    compose.body.innerHTML = html;
    const [node, offset] = at(compose.body) as [Node, number];
    const saved = selectAt(node, offset);
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, saved);
    expect(calls[0]!.args[2]).toBe(`${before}${CONTENT.html}${after}`);
  });

  it('plain text gets blank lines too', async () => {
    await open('/mail/u/0/?compose=plaintext&delay=0');
    const compose = handle('1');
    compose.body.firstElementChild!.textContent = 'Hi Bob';
    const saved = selectAt(compose.body.firstElementChild!.firstChild!, 3);
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, saved);
    expect(calls[0]!.args).toEqual(['insertText', false, `\n\n${CONTENT.text}\n\n`]);
  });
});

describe('nothing the user wrote is replaced (issue 14)', () => {
  async function withSentence() {
    await open('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    compose.body.firstElementChild!.textContent = 'Hello Bob. See you.';
    const text = compose.body.firstElementChild!.firstChild!;
    const range = page.document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 10); // "Hello Bob."
    return { compose, range };
  }

  it('a live selection: execCommand runs at a caret at its end', async () => {
    const { compose, range } = await withSentence();
    page.document.getSelection()!.removeAllRanges();
    page.document.getSelection()!.addRange(range);
    const calls = stubExec();
    insertIntoCompose(compose, CONTENT, null);
    expect(calls[0]!.offset).toBe(10);
  });

  it.each([
    ['a live selection', true],
    ['a remembered selection', false],
  ])('%s on the fallback path: the sentence stays, the slots go after it', async (_name, live) => {
    const { compose, range } = await withSentence();
    page.document.getSelection()!.removeAllRanges();
    if (live) page.document.getSelection()!.addRange(range);
    expect(insertIntoCompose(compose, CONTENT, live ? null : range)).toEqual({ ok: true, method: 'range' });
    expect(compose.body.textContent).toMatch(/^Hello Bob\.Tue 10:00 See you\./);
  });

  it('execCommand that reports success but changes nothing: the fallback inserts, and says so', async () => {
    await open('/mail/u/0/?compose=mole&delay=0');
    Object.defineProperty(page.document, 'execCommand', { value: () => true, configurable: true });
    const compose = handle('1');
    expect(insertIntoCompose(compose, CONTENT, null)).toEqual({ ok: true, method: 'range' });
    expect(compose.body.querySelector('a[href="https://calendly.com/ann/x"]')).not.toBeNull();
  });

  it('the fallback is one Undo step: Ctrl+Z right after it restores the draft exactly', async () => {
    const { compose } = await withSentence();
    const before = compose.body.innerHTML;
    const caret = selectAt(compose.body.firstElementChild!.firstChild!, 10);
    insertIntoCompose(compose, CONTENT, caret);
    expect(compose.body.innerHTML).not.toBe(before);
    const inputs: string[] = [];
    compose.body.addEventListener('input', (e) => inputs.push((e as InputEvent).inputType));
    const key = new page.window.KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
    compose.body.dispatchEvent(key as unknown as Event);
    expect(key.defaultPrevented).toBe(true);
    expect(compose.body.innerHTML).toBe(before);
    expect(inputs).toEqual(['historyUndo']);
    // Only once: the next Ctrl+Z is the browser's own.
    const again = new page.window.KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
    compose.body.dispatchEvent(again as unknown as Event);
    expect(again.defaultPrevented).toBe(false);
  });

  it('an edit after the fallback insert hands Undo back to the browser', async () => {
    const { compose } = await withSentence();
    insertIntoCompose(compose, CONTENT, null);
    compose.body.dispatchEvent(new page.window.Event('input', { bubbles: true }) as unknown as Event); // the user typed
    const after = compose.body.innerHTML;
    const key = new page.window.KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
    compose.body.dispatchEvent(key as unknown as Event);
    expect(key.defaultPrevented).toBe(false);
    expect(compose.body.innerHTML).toBe(after);
  });

  it('an exception while inserting propagates and leaves the draft as it was', async () => {
    const { compose } = await withSentence();
    const before = compose.body.innerHTML;
    const dispatch = compose.body.dispatchEvent.bind(compose.body);
    compose.body.dispatchEvent = (e: Event) => {
      if (e.type === 'input') throw new Error('editor exploded');
      return dispatch(e);
    };
    expect(() => insertIntoCompose(compose, CONTENT, null)).toThrow('editor exploded');
    expect(compose.body.innerHTML).toBe(before);
  });
});

describe('replaceBlockContent ("Update" of a stale offer)', () => {
  const E1 = 'https://api.calendly.com/event_types/e1';
  const OLD = `<ul><li><a href="https://calendly.com/ann/x/1" data-open-slots-start="2026-12-08T15:00:00.000Z">Tue 10:00</a></li></ul>`;
  const NEW = `<ul><li><a href="https://calendly.com/ann/x/2" data-open-slots-start="2026-12-09T15:00:00.000Z">Wed 10:00</a></li></ul>`;

  async function draft() {
    await open('/mail/u/0/?compose=mole,mole&delay=0');
    const compose = handle('1');
    compose.body.innerHTML = `<div>Hi Bob,</div><div data-open-slots-event="${E1}">${OLD}</div><div>See you</div>`;
    return { compose, block: compose.body.children[1] as HTMLElement };
  }

  it('with execCommand: selects exactly the block’s content and inserts the new content over it (one undo step in Chromium)', async () => {
    const { compose, block } = await draft();
    const calls = stubExec();
    expect(replaceBlockContent(compose, block, NEW)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toEqual(['insertHTML', false, NEW]);
    expect(calls[0]!.node).toBe(block);
    expect(calls[0]!.offset).toBe(0);
  });

  it('without it: the block keeps its element and mark, gets the new content, the rest of the draft is untouched; Ctrl+Z puts the old content back', async () => {
    const { compose, block } = await draft();
    expect(replaceBlockContent(compose, block, NEW)).toBe(true);
    expect(compose.body.innerHTML).toBe(`<div>Hi Bob,</div><div data-open-slots-event="${E1}">${NEW}</div><div>See you</div>`);
    const z = new page.window.KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
    compose.body.dispatchEvent(z as unknown as Event);
    expect(compose.body.innerHTML).toBe(`<div>Hi Bob,</div><div data-open-slots-event="${E1}">${OLD}</div><div>See you</div>`);
  });

  it('refuses a block that is not in this compose’s body, and changes nothing', async () => {
    const { compose, block } = await draft();
    const other = handle('2');
    const before = compose.body.innerHTML;
    expect(replaceBlockContent(other, block, NEW)).toBe(false);
    expect(compose.body.innerHTML).toBe(before);
  });
});
