/**
 * Issue 16: composes are found on the stand-in variants of a changed Gmail (e2e/support/gmail/variants.ts,
 * generated from the stand-in pages and the real 2020 capture), by the detection path we expect, and each
 * gets ONE button: in the toolbar when a row is recognisable, else in the strip below the body.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { HAS_CAPTURE } from '../../e2e/support/gmail/pages';
import { CLASS_SUFFIX, VARIANT_PATHS } from '../../e2e/support/gmail/variants';
import { observeComposes, type ComposeHandle } from './observe';
import { isPlainTextMode } from './selectors';

// Without the real capture its variants are skipped; the one skip line is printed by the tests' setup.
const hasCapture = HAS_CAPTURE;

let page: HappyGmailPage;
let controller: AbortController;
afterEach(async () => {
  controller?.abort();
  await page?.close();
});

async function detect(path: string): Promise<ComposeHandle[]> {
  page = await loadGmailPage(path);
  controller = new AbortController();
  const seen: ComposeHandle[] = [];
  observeComposes(page.document, controller.signal, (c) => seen.push(c));
  return seen;
}
const idOf = (c: ComposeHandle) => c.root.querySelector<HTMLInputElement>('input[name="composeid"]')!.value;
const summary = (seen: ComposeHandle[]) => seen.map((c) => [idOf(c), c.kind, c.path]).sort();

describe('the variant pages really are changed', () => {
  it('renamed: no class token of Gmail is left in a compose; roles, aria, g_editable and ids are', async () => {
    await detect(`${VARIANT_PATHS.renamed}?compose=mole,inline&delay=0`);
    const doc = page.document;
    expect(doc.querySelector('.M9, tr.btC, table.IZ, .Am, .aoI, .dw, .AD')).toBeNull();
    for (const el of doc.querySelectorAll('[role="region"] [class]')) {
      for (const token of el.classList) if (!token.startsWith('gmail_')) expect(token.endsWith(CLASS_SUFFIX)).toBe(true);
    }
    expect(doc.querySelectorAll('[role="region"]')).toHaveLength(2);
    expect(doc.querySelectorAll('[g_editable="true"][contenteditable="true"][role="textbox"]')).toHaveLength(2);
    expect(doc.querySelectorAll('table[role="group"] [role="button"][aria-haspopup="true"]').length).toBeGreaterThan(0);
  });

  it('noToolbar: body and Send are there, no table row around them', async () => {
    await detect(`${VARIANT_PATHS.noToolbar}?compose=mole&delay=0`);
    const root = page.gmail.root(page.gmail.ids()[0]!)!;
    expect(root.querySelector('tr.btC, table[role="group"]')).toBeNull();
    const send = root.querySelector('.aoO[role="button"]');
    expect(send).not.toBeNull();
    expect(send!.closest('tr.btC, table[role="group"], .aDh td')).toBeNull();
    expect(root.querySelector('[g_editable="true"]')).not.toBeNull();
  });
});

describe('plain-text mode on the renamed variant', () => {
  it('the checked "Plain text mode" item is recognised with its class tokens renamed', async () => {
    await detect(`${VARIANT_PATHS.renamed}?compose=mole&delay=0`);
    const id = page.gmail.ids()[0]!;
    const root = page.gmail.root(id)!;
    expect(isPlainTextMode(root)).toBe(false);
    page.gmail.setPlainText(id, true);
    expect(root.querySelector('.Gk')).toBeNull();
    expect(isPlainTextMode(root)).toBe(true);
    page.gmail.setPlainText(id, false);
    expect(isPlainTextMode(root)).toBe(false);
  });
});

describe('observeComposes on the variants', () => {
  it('renamed stand-ins: every kind found by roles, its toolbar row too', async () => {
    const seen = await detect(`${VARIANT_PATHS.renamed}?compose=mole,inline,fullscreen&delay=0`);
    expect(summary(seen)).toEqual([
      ['1', 'mole', 'toolbarByRole'],
      ['2', 'inline', 'toolbarByRole'],
      ['3', 'mole', 'toolbarByRole'],
    ]);
    for (const c of seen) {
      expect(c.toolbarRow?.querySelector('[role="button"]')).not.toBeNull();
      expect(c.root.contains(c.body) && c.root.contains(c.toolbarRow!)).toBe(true);
    }
  });

  it('no toolbar row: each compose is still reported, for the place below its body', async () => {
    const seen = await detect(`${VARIANT_PATHS.noToolbar}?compose=mole,inline&delay=0`);
    expect(summary(seen)).toEqual([
      ['1', 'mole', 'belowBody'],
      ['2', 'inline', 'belowBody'],
    ]);
    expect(seen.every((c) => c.toolbarRow === null)).toBe(true);
  });

  it('inline reply inside the extra wrapper, classes renamed: found once, with its toolbar', async () => {
    const seen = await detect(`${VARIANT_PATHS.replyWrapper}?delay=0`);
    expect(summary(seen)).toEqual([['1', 'inline', 'toolbarByRole']]);
  });

  it('a compose Gmail inserts later is reported by the mutation observer, before any animation', async () => {
    const seen = await detect(`${VARIANT_PATHS.noToolbar}?delay=0`);
    page.gmail.openCompose({ kind: 'mole' });
    await Promise.resolve(); // MutationObserver callbacks run as microtasks
    await new Promise((r) => setTimeout(r, 0));
    expect(summary(seen)).toEqual([['1', 'mole', 'belowBody']]);
  });

  it('today’s Gmail keeps the class path', async () => {
    const seen = await detect('/mail/u/0/?compose=mole,inline&delay=0');
    expect(seen.map((c) => c.path)).toEqual(['toolbar', 'toolbar']);
  });

  describe.skipIf(!hasCapture)('the real 2020 capture', () => {
    it('renamed: found by roles, toolbar row included', async () => {
      const seen = await detect(`${VARIANT_PATHS.renamedCapture}?delay=0`);
      expect(seen.map((c) => [c.kind, c.path])).toEqual([['mole', 'toolbarByRole']]);
      expect(seen[0]!.toolbarRow!.querySelectorAll(':scope > td').length).toBe(5);
    });

    it('no toolbar row: reported for the place below its body', async () => {
      const seen = await detect(`${VARIANT_PATHS.noToolbarCapture}?delay=0`);
      expect(seen.map((c) => [c.kind, c.path])).toEqual([['mole', 'belowBody']]);
    });
  });
});
