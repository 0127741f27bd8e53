import { afterEach, describe, expect, it } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { HAS_CAPTURE } from '../../e2e/support/gmail/pages';
import {
  composeKind,
  findBody,
  findComposeRoot,
  findSendCell,
  findToolbarRow,
  isMinimized,
  isPlainTextMode,
  toRecipients,
} from './selectors';
import { VARIANT_PATHS } from '../../e2e/support/gmail/variants';

let page: HappyGmailPage;
afterEach(() => page?.close());

/** Each compose's elements, found the way the stand-in (not our code) knows them. */
function expected(id: string) {
  const root = page.gmail.root(id)!;
  return {
    root,
    body: root.querySelector<HTMLElement>('.Am.Al.editable[contenteditable]')!,
    row: root.querySelector('.aDh table.IZ > tbody > tr')!,
    send: root.querySelector('.aDh table.IZ > tbody > tr > td:first-child')!,
  };
}

describe.each([
  ['/mail/u/0/?compose=mole&delay=0', 'mole'],
  ['/mail/u/0/?compose=fullscreen&delay=0', 'fullscreen'],
  ['/mail/u/0/thread?delay=0', 'inline'],
  ['/mail/u/0/?delay=0#inbox/FMfcgzQbgRpZ', 'inline'],
  ['/mail/u/0/popout?delay=0', 'popout'],
  ['/mail/u/0/capture?delay=0', 'mole'],
  ['/mail/u/0/es?compose=mole&delay=0', 'mole'],
  ['/mail/u/0/?compose=plaintext&delay=0', 'mole'],
] as const)('%s', (path, kind) => {
  it.skipIf(path.includes('/capture') && !HAS_CAPTURE)(`finds root, body, toolbar row and Send cell of the ${kind} compose`, async () => {
    page = await loadGmailPage(path);
    const [id] = page.gmail.ids();
    const want = expected(id!);
    expect(want.body).toBeTruthy();

    expect(findComposeRoot(want.body)).toBe(want.root);
    expect(findComposeRoot(want.row)).toBe(want.root);
    expect(findBody(want.root)).toBe(want.body);
    expect(findToolbarRow(want.root)).toBe(want.row);
    expect(findSendCell(want.row)).toBe(want.send);
    expect(want.send.className).toBe('gU Up');
    expect(composeKind(want.root)).toBe(kind);
    expect(isMinimized(want.root)).toBe(false);
    expect(isPlainTextMode(want.root)).toBe(path.includes('plaintext'));
  });
});

describe('scoping', () => {
  it.skipIf(!HAS_CAPTURE)('never returns another compose’s elements with several composes open', async () => {
    page = await loadGmailPage('/mail/u/0/capture?compose=mole,inline,plaintext&delay=0');
    const ids = page.gmail.ids();
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      const want = expected(id);
      expect(findBody(want.root)).toBe(want.body);
      expect(findToolbarRow(want.root)).toBe(want.row);
      expect(findComposeRoot(want.body)).toBe(want.root);
    }
    const kinds = Object.fromEntries(ids.map((id) => [id, composeKind(page.gmail.root(id)!)]));
    expect(Object.values(kinds).sort()).toEqual(['inline', 'mole', 'mole', 'mole']);
    expect(ids.filter((id) => isPlainTextMode(page.gmail.root(id)!))).toHaveLength(1);
  });

  it.skipIf(!HAS_CAPTURE)('skips the hidden legacy textarea of the 2020 capture (same localized aria-label)', async () => {
    page = await loadGmailPage('/mail/u/0/capture?delay=0');
    const root = page.gmail.root('1')!;
    expect(root.querySelector('textarea[aria-label="Message Body"]')).toBeTruthy();
    expect(findBody(root)!.tagName).toBe('DIV');
    expect(findBody(root)!.getAttribute('g_editable')).toBe('true');
  });
});

describe('composeKind and isMinimized follow Gmail’s moves', () => {
  it('mole -> minimized -> restored -> full screen -> mole', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const root = page.gmail.root('1')!;
    page.gmail.minimize('1');
    expect(isMinimized(root)).toBe(true);
    page.gmail.restore('1');
    expect(isMinimized(root)).toBe(false);
    page.gmail.toFullscreen('1');
    expect(page.document.querySelector('body > .aSs > .aSt [role="dialog"] .M9')).toBe(root);
    expect(composeKind(root)).toBe('fullscreen');
    page.gmail.toMole('1');
    expect(composeKind(root)).toBe('mole');
  });

  it.skipIf(!HAS_CAPTURE)('the capture minimizes the same way', async () => {
    page = await loadGmailPage('/mail/u/0/capture?delay=0');
    page.gmail.minimize('1');
    expect(isMinimized(page.gmail.root('1')!)).toBe(true);
  });

  it('plain-text mode follows the More options menu item', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const root = page.gmail.root('1')!;
    expect(isPlainTextMode(root)).toBe(false);
    page.gmail.setPlainText('1', true);
    expect(isPlainTextMode(root)).toBe(true);
    page.gmail.setPlainText('1', false);
    expect(isPlainTextMode(root)).toBe(false);
  });
});

describe('findComposeRoot fallbacks', () => {
  it('uses the dialog when `.M9` is not set yet', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const { root, body } = expected('1');
    root.classList.remove('M9');
    expect(findComposeRoot(body)).toBe(root.closest('[role="dialog"]'));
  });

  it('uses the compose region (a role, not a class) for an inline reply without `.M9`', async () => {
    page = await loadGmailPage('/mail/u/0/thread?delay=0');
    const { root, body, row } = expected('1');
    root.classList.remove('M9');
    const fromBody = findComposeRoot(body)!;
    expect(fromBody).toBe(findComposeRoot(row));
    expect(fromBody.getAttribute('role')).toBe('region');
    expect(root.contains(fromBody) && fromBody.contains(body) && fromBody.contains(row)).toBe(true);
  });

  it('without `.M9` and without the region role: the lowest ancestor holding a body and the compose id or a row', async () => {
    page = await loadGmailPage('/mail/u/0/thread?delay=0');
    const { root, body, row } = expected('1');
    root.classList.remove('M9');
    root.querySelector('[role="region"]')!.removeAttribute('role');
    const fromBody = findComposeRoot(body)!;
    expect(fromBody).toBe(findComposeRoot(row));
    expect(root.contains(fromBody) && fromBody.contains(body) && fromBody.contains(row)).toBe(true);
  });
});

describe('findComposeRoot outside composes', () => {
  it('returns null for elements outside any compose, even with composes open', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    expect(findComposeRoot(page.document.querySelector('[gh="cm"]')!)).toBeNull();
    expect(findComposeRoot(page.document.body)).toBeNull();
  });

  it('never climbs into a container shared by two composes without `.M9`', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole,mole&delay=0');
    for (const id of ['1', '2']) {
      const root = page.gmail.root(id)!;
      root.classList.remove('M9');
      root.closest('[role="dialog"]')!.removeAttribute('role');
      root.closest('.AD')!.classList.remove('AD');
    }
    const bodies = page.document.querySelectorAll('[g_editable="true"]');
    const first = findComposeRoot(bodies[0]!)!;
    expect(first.contains(bodies[0]!) && !first.contains(bodies[1]!)).toBe(true);
    expect(findComposeRoot(bodies[1]!)!.contains(bodies[0]!)).toBe(false);
  });
});

describe('toRecipients (issue 19): the To field’s addresses', () => {
  it('reads the chips of a new message, in order, from data-hovercard-id', async () => {
    page = await loadGmailPage('/mail/u/0/?delay=0');
    const id = page.gmail.openCompose({ to: ['Ann@Example.com', 'carol@example.org'] });
    expect(toRecipients(page.gmail.root(id)!)).toEqual(['Ann@Example.com', 'carol@example.org']);
  });

  it('is empty for a new message without recipients', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    expect(toRecipients(page.gmail.root('1')!)).toEqual([]);
  });

  it('reads the inline reply’s recipient', async () => {
    page = await loadGmailPage('/mail/u/0/thread?delay=0');
    expect(toRecipients(page.gmail.root(page.gmail.ids()[0]!)!)).toEqual(['bob@example.com']);
  });

  it('never reads another open compose’s To', async () => {
    page = await loadGmailPage('/mail/u/0/?delay=0');
    const a = page.gmail.openCompose({ to: ['ann@example.com'] });
    const b = page.gmail.openCompose({ to: ['dan@example.com', 'eve@example.com'] });
    const c = page.gmail.openCompose();
    expect([a, b, c].map((id) => toRecipients(page.gmail.root(id)!))).toEqual([['ann@example.com'], ['dan@example.com', 'eve@example.com'], []]);
  });

  it('needs no class name: the renamed variant reads the same', async () => {
    page = await loadGmailPage(`${VARIANT_PATHS.renamed}?delay=0`);
    const id = page.gmail.openCompose({ to: ['ann@example.com'] });
    const root = page.gmail.root(id)!;
    expect(root.querySelector('.afV, .anm')).toBeNull();
    expect(toRecipients(root)).toEqual(['ann@example.com']);
  });

  /** A To chip of the 2020 UI (gmail.js, InboxSDK `.vR`): the address in `email`, and a hidden `input[name=to]`. */
  function oldChip(doc: Document, address: string): HTMLElement {
    const chip = doc.createElement('div');
    chip.className = 'vR';
    const span = doc.createElement('span');
    span.className = 'vN bfK a3q';
    span.setAttribute('email', address);
    span.textContent = address;
    const hidden = doc.createElement('input');
    hidden.type = 'hidden';
    hidden.name = 'to';
    hidden.value = address;
    chip.append(span, hidden);
    return chip;
  }

  it.skipIf(!HAS_CAPTURE)('2020 capture: finds the To field (a textarea), empty as captured', async () => {
    page = await loadGmailPage('/mail/u/0/capture?delay=0');
    const root = page.gmail.root('1')!;
    expect(root.querySelector('textarea[name="to"]')).toBeTruthy();
    expect(root.querySelector('[name="to"] [role="option"], .vR, [email]')).toBeNull();
    expect(toRecipients(root)).toEqual([]);
  });

  it.skipIf(!HAS_CAPTURE)('2020 capture: reads chips in the To row by their email attribute, not those of Cc', async () => {
    page = await loadGmailPage('/mail/u/0/capture?delay=0');
    const root = page.gmail.root('1')!;
    const to = root.querySelector('textarea[name="to"]')!;
    to.before(oldChip(page.document, 'ann@example.com'), oldChip(page.document, 'bob@example.com'));
    root.querySelector('textarea[name="cc"]')!.before(oldChip(page.document, 'cc@example.com'));
    expect(toRecipients(root)).toEqual(['ann@example.com', 'bob@example.com']);
  });
});
