import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import type { ComposeProps } from './mount';

const sent = vi.hoisted(() => [] as string[]);
vi.mock('../contract/messaging', () => ({
  sendMessage: vi.fn(async (type: string) => {
    sent.push(type);
    return type === 'prefetch' ? true : { ok: true, data: null };
  }),
  onMessage: vi.fn(),
}));

const { HOST_TAG, mountComposeButtons } = await import('./mount');

// happy-dom runs no CSS animations: composes open before mounting are found by the scan at start.
let page: HappyGmailPage;
let controller: AbortController;
let rendered: Map<HTMLElement, ComposeProps>;
const unrendered: HTMLElement[] = [];

beforeEach(async () => {
  sent.length = 0;
  unrendered.length = 0;
  rendered = new Map();
  page = await loadGmailPage('/mail/u/0/');
  page.gmail.openCompose({ kind: 'mole' });
  page.gmail.openCompose({ kind: 'mole' });
  controller = new AbortController();
  mountComposeButtons({
    doc: page.document,
    signal: controller.signal,
    css: '.x{}',
    render: (container, props) => void rendered.set(container, props),
    unrender: (container) => void unrendered.push(container),
  });
});
afterEach(async () => {
  controller.abort();
  await page.close();
});

const hosts = () => [...page.document.querySelectorAll(HOST_TAG)];

describe('mountComposeButtons', () => {
  it('puts one host with an open shadow root in each compose, renders into it, and warms the cache', () => {
    expect(hosts()).toHaveLength(2);
    for (const host of hosts()) {
      expect(host.shadowRoot?.querySelector('style')?.textContent).toBe('.x{}');
      expect(rendered.has(host.shadowRoot!.lastElementChild as HTMLElement)).toBe(true);
    }
    // The prefetch asks for the default answer (and keeps it for a click in the same task).
    expect(sent).toEqual(['getSlots', 'getSlots']);
  });

  it('when the content script is invalidated, takes every button down and sends nothing more', () => {
    const [first] = hosts();
    controller.abort();
    expect(unrendered).toHaveLength(2);
    expect(new Set(unrendered)).toEqual(new Set(rendered.keys()));
    expect(hosts()).toHaveLength(0);
    sent.length = 0;
    vi.useFakeTimers();
    try {
      first!.dispatchEvent(new page.window.Event('pointerenter') as unknown as Event);
      vi.advanceTimersByTime(1_000);
    } finally {
      vi.useRealTimers();
    }
    expect(sent).toEqual([]);
  });

  it('a compose closed before that does not get in the way: the open one is taken down', () => {
    const ids = page.gmail.ids();
    page.gmail.close(ids[0]!);
    expect(() => controller.abort()).not.toThrow();
    expect(page.gmail.root(ids[1]!)?.querySelector(HOST_TAG)).toBeNull();
    expect(hosts()).toHaveLength(0);
  });

  it('keys typed in our fields stay inside (Gmail’s shortcuts never see them); keys on our buttons do not', () => {
    const container = hosts()[0]!.shadowRoot!.lastElementChild as HTMLElement;
    const input = page.document.createElement('input');
    const button = page.document.createElement('button');
    container.append(input, button);
    const seen: string[] = [];
    page.document.addEventListener('keydown', (e) => seen.push((e as KeyboardEvent).key));
    const press = (el: Element, key: string) =>
      el.dispatchEvent(new page.window.KeyboardEvent('keydown', { key, bubbles: true, composed: true }) as unknown as Event);
    press(input, 'c');
    press(button, 'x');
    expect(seen).toEqual(['x']);
  });
});
