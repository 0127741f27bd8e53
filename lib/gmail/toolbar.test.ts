import { afterEach, describe, expect, it } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { HAS_CAPTURE } from '../../e2e/support/gmail/pages';
import { composeHandleFor, type ComposeHandle } from './compose';
import { CELL_CLASS, COL_CLASS, mountToolbarCell, unmountToolbarCell } from './toolbar';

let page: HappyGmailPage;
afterEach(() => page?.close());

const handle = (id: string): ComposeHandle => composeHandleFor(page.gmail.root(id)!.querySelector('tr.btC')!)!;
const cols = (compose: ComposeHandle) => compose.toolbarRow!.closest('table')!.querySelectorAll(':scope > colgroup > col');
const cells = (compose: ComposeHandle) => compose.toolbarRow!.querySelectorAll(':scope > td');

describe('mountToolbarCell', () => {
  it.for([
    ['mole', '/mail/u/0/?compose=mole&delay=0'],
    ['inline reply', '/mail/u/0/thread?delay=0'],
    ['pop-out', '/mail/u/0/popout?delay=0'],
    ['2020 capture', '/mail/u/0/capture?delay=0'],
    ['Spanish', '/mail/u/0/es?compose=mole&delay=0'],
  ] as const)('%s: one cell right after Send, one matching col, idempotent', async ([_name, path], { skip }) => {
    skip(path.includes('/capture') && !HAS_CAPTURE);
    page = await loadGmailPage(path);
    const compose = handle(page.gmail.ids()[0]!);
    // Gmail's own table has one col more than cells (6 vs 5 in the capture): keep that difference.
    const gap = cols(compose).length - cells(compose).length;

    const cell = mountToolbarCell(compose);
    expect(mountToolbarCell(compose)).toBe(cell);
    mountToolbarCell(compose);

    expect(cell.className).toBe(`${CELL_CLASS} gU`);
    expect(cell.previousElementSibling!.className).toBe('gU Up');
    expect(compose.toolbarRow!.querySelectorAll(`td.${CELL_CLASS}`)).toHaveLength(1);
    expect(cols(compose).length - cells(compose).length).toBe(gap);
    const ourCol = [...cols(compose)].findIndex((col) => col.classList.contains(COL_CLASS));
    expect(ourCol).toBe([...cells(compose)].indexOf(cell));
  });

  it('mounts per compose: two composes, two cells, none shared', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole,mole&delay=0');
    const a = mountToolbarCell(handle('1'));
    const b = mountToolbarCell(handle('2'));
    expect(a).not.toBe(b);
    expect(page.document.querySelectorAll(`td.${CELL_CLASS}`)).toHaveLength(2);
    expect(page.gmail.root('1')!.contains(a) && page.gmail.root('2')!.contains(b)).toBe(true);
  });

  it('mounts again in a re-rendered row without a second col', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    mountToolbarCell(handle('1'));
    page.gmail.rerenderToolbar('1');
    const fresh = handle('1');
    const cell = mountToolbarCell(fresh);
    expect(fresh.toolbarRow!.contains(cell)).toBe(true);
    expect(page.gmail.root('1')!.querySelectorAll(`col.${COL_CLASS}`)).toHaveLength(1);
    expect(page.gmail.root('1')!.querySelectorAll(`td.${CELL_CLASS}`)).toHaveLength(1);
  });

  it('puts the cell first when a row has no Send cell', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const compose = handle('1');
    for (const td of compose.toolbarRow!.querySelectorAll('td.gU')) td.remove();
    const cell = mountToolbarCell(compose);
    expect(compose.toolbarRow!.firstElementChild).toBe(cell);
    expect(cols(compose)[0]!.className).toBe(COL_CLASS);
  });
});

describe('unmountToolbarCell', () => {
  it.skipIf(!HAS_CAPTURE)('removes our cell and col and nothing else', async () => {
    page = await loadGmailPage('/mail/u/0/capture?delay=0');
    const compose = handle('1');
    const table = compose.toolbarRow!.closest('table')!;
    const before = table.outerHTML;
    mountToolbarCell(compose);
    unmountToolbarCell(compose);
    expect(table.outerHTML).toBe(before);
    unmountToolbarCell(compose);
  });
});
