import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { HAS_CAPTURE } from '../../e2e/support/gmail/pages';
import { observeComposes, SEEN_ATTR, type ComposeHandle } from './observe';

// happy-dom runs no CSS animations: these tests cover the scan at start, the marker logic and the
// event handling; real `animationstart` detection is checked in Chromium.

let page: HappyGmailPage;
let controller: AbortController;
afterEach(async () => {
  controller?.abort();
  await page?.close();
});

function start(path: string) {
  return loadGmailPage(path).then((loaded) => {
    page = loaded;
    controller = new AbortController();
    const seen: ComposeHandle[] = [];
    observeComposes(page.document, controller.signal, (compose) => seen.push(compose));
    return seen;
  });
}

const idOf = (compose: ComposeHandle) => compose.root.querySelector<HTMLInputElement>('input[name="composeid"]')!.value;

/** What Chromium does when an element starts our detection animation. */
function animate(el: Element, name = animationName()) {
  const event = new page.window.Event('animationstart', { bubbles: true });
  Object.defineProperty(event, 'animationName', { value: name });
  el.dispatchEvent(event as unknown as Event);
}
function animationName() {
  return page.document.querySelector('style[data-open-slots-observer]')!.getAttribute('data-open-slots-observer')!;
}

describe('observeComposes', () => {
  it.skipIf(!HAS_CAPTURE)('reports every compose already open, once, with its parts and kind', async () => {
    const seen = await start('/mail/u/0/capture?compose=mole,inline,fullscreen&delay=0');
    expect(seen.map((c) => [idOf(c), c.kind])).toEqual([
      ['3', 'inline'],
      ['1', 'mole'],
      ['2', 'mole'],
      ['4', 'fullscreen'],
    ]);
    for (const compose of seen) {
      expect(compose.root.contains(compose.body) && compose.root.contains(compose.toolbarRow!)).toBe(true);
      expect(compose.toolbarRow!.hasAttribute(SEEN_ATTR)).toBe(true);
    }
  });

  it('injects one style rule that animates unmarked toolbar rows and bodies', async () => {
    await start('/mail/u/0/?delay=0');
    const styles = page.document.querySelectorAll('style[data-open-slots-observer]');
    expect(styles).toHaveLength(1);
    const css = styles[0]!.textContent!;
    expect(css).toContain(`@keyframes ${animationName()}`);
    expect(css).toContain('tr.btC');
    expect(css).toContain('[g_editable="true"]');
    expect(css).toMatch(new RegExp(`:not\\(\\[${SEEN_ATTR}="[^"]+"\\]\\)\\{animation:1ms ${animationName()}\\}`));
  });

  it('reports a compose opened later when its row or body animates, and only once', async () => {
    const seen = await start('/mail/u/0/?delay=0');
    expect(seen).toHaveLength(0);
    const id = page.gmail.openCompose({ kind: 'mole' });
    const root = page.gmail.root(id)!;
    animate(root.querySelector('[g_editable="true"]')!);
    animate(root.querySelector('tr.btC')!);
    expect(seen.map(idOf)).toEqual([id]);
    expect(seen[0]!.kind).toBe('mole');
  });

  it('ignores other animations and non-compose elements', async () => {
    const seen = await start('/mail/u/0/?delay=0');
    const id = page.gmail.openCompose();
    animate(page.gmail.root(id)!.querySelector('tr.btC')!, 'someone-else');
    animate(page.document.querySelector('[gh="cm"]')!);
    expect(seen).toHaveLength(0);
  });

  it('keeps reporting a compose moved to full screen as the same one (no re-report)', async () => {
    const seen = await start('/mail/u/0/?compose=mole&delay=0');
    page.gmail.toFullscreen('1');
    animate(page.gmail.root('1')!.querySelector('[g_editable="true"]')!);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.kind).toBe('fullscreen');
  });

  it('re-reports a compose whose toolbar row Gmail re-rendered', async () => {
    const seen = await start('/mail/u/0/?compose=mole&delay=0');
    page.gmail.rerenderToolbar('1');
    const row = page.gmail.root('1')!.querySelector('tr.btC')!;
    expect(row.hasAttribute(SEEN_ATTR)).toBe(false);
    animate(row);
    expect(seen.map(idOf)).toEqual(['1', '1']);
    expect(seen[1]!.toolbarRow).toBe(row);
    expect(seen[1]!.body).toBe(seen[0]!.body);
  });

  it('waits for a compose to be complete: a row without a body is not marked', async () => {
    const seen = await start('/mail/u/0/?delay=0');
    const id = page.gmail.openCompose();
    const body = page.gmail.root(id)!.querySelector('[g_editable="true"]')!;
    const holder = body.parentElement!;
    body.remove();
    animate(page.gmail.root(id)!.querySelector('tr.btC')!);
    expect(seen).toHaveLength(0);
    expect(page.gmail.root(id)!.querySelector(`[${SEEN_ATTR}]`)).toBeNull();
    holder.append(body);
    animate(body);
    expect(seen.map(idOf)).toEqual([id]);
  });

  it('keeps going when one onCompose call throws', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole,mole&delay=0');
    controller = new AbortController();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    observeComposes(page.document, controller.signal, (compose) => {
      seen.push(idOf(compose));
      if (seen.length === 1) throw new Error('boom');
    });
    expect(seen).toEqual(['1', '2']);
    expect(error).toHaveBeenCalledOnce();
  });

  it('removes its style, markers and listener on abort', async () => {
    const seen = await start('/mail/u/0/?compose=mole&delay=0');
    const name = animationName();
    controller.abort();
    expect(page.document.querySelector('style[data-open-slots-observer]')).toBeNull();
    expect(page.document.querySelectorAll(`[${SEEN_ATTR}]`)).toHaveLength(0);
    const id = page.gmail.openCompose();
    animate(page.gmail.root(id)!.querySelector('tr.btC')!, name);
    expect(seen).toHaveLength(1);
  });

  it('does nothing with an already aborted signal', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const onCompose = vi.fn();
    observeComposes(page.document, AbortSignal.abort(), onCompose);
    expect(onCompose).not.toHaveBeenCalled();
    expect(page.document.querySelector('style[data-open-slots-observer]')).toBeNull();
  });

  it('a second observer (e.g. after an extension update) reports composes the first one marked', async () => {
    const first = await start('/mail/u/0/?compose=mole&delay=0');
    const second: ComposeHandle[] = [];
    const other = new AbortController();
    observeComposes(page.document, other.signal, (compose) => second.push(compose));
    expect(first).toHaveLength(1);
    expect(second.map(idOf)).toEqual(['1']);
    other.abort();
  });
});
