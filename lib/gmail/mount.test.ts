import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import type { ComposeProps } from './mount';
import { recipientKey } from '../recipients/addresses';

const sent = vi.hoisted(() => [] as string[]);
/** What each getSlots asked for, and the answer the fake background gives (default: null data). */
const slots = vi.hoisted(() => ({ requests: [] as unknown[], answer: null as unknown }));
vi.mock('../contract/messaging', () => ({
  sendMessage: vi.fn(async (type: string, data: unknown) => {
    sent.push(type);
    if (type === 'getSlots') slots.requests.push(data);
    return type === 'prefetch' ? true : { ok: true, data: type === 'getSlots' ? slots.answer : null };
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
  slots.requests.length = 0;
  slots.answer = null;
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

describe('issue 19: a compose with To recipients', () => {
  /** A default answer the warm copy may use: fetched just now, every slot in the future. */
  const warmAnswer = () => ({
    eventType: { uri: 'u', name: '30 min', slug: '30min', oneOff: false, durationMinutes: 30, schedulingUrl: 'https://calendly.com/a/30min', owner: null, scope: 'user' },
    slots: [{ start_time: new Date(Date.now() + 86_400_000).toISOString(), scheduling_url: 'https://calendly.com/a/30min/x' }],
    html: '<div>x</div>',
    text: 'x',
    slotCount: 1,
    fetchedAt: Date.now(),
    timeZone: 'UTC',
    daysAhead: 7,
    count: 1,
  });
  const propsOf = (id: string) => {
    const host = page.gmail.root(id)!.querySelector(HOST_TAG)!;
    return rendered.get(host.shadowRoot!.lastElementChild as HTMLElement)!;
  };

  it('To someone without a remembered zone: the warm copy, no message; To someone with one (by key): asks with the addresses, and that answer is not kept', async () => {
    slots.answer = { ...warmAnswer(), zonedRecipients: [] };
    const plain = page.gmail.ids()[0]!;
    const toAnn = page.gmail.openCompose({ to: ['Ann@Example.com'] });
    await vi.waitFor(() => expect(page.gmail.root(toAnn)!.querySelector(HOST_TAG)).not.toBeNull());
    // Its mount's prefetch is the default answer, for no one: no addresses.
    await vi.waitFor(() => expect(slots.requests).toHaveLength(3));
    expect(slots.requests.every((r) => !(r as { recipients?: unknown }).recipients)).toBe(true);

    // Nobody has a remembered zone: Ann's compose inserts the copy, with no message.
    slots.requests.length = 0;
    const viaCopy = await propsOf(toAnn).getSlots(undefined, { insert: true });
    expect(viaCopy.ok && viaCopy.data.text).toBe('x');
    expect(sent.filter((t) => t === 'getSlots')).toHaveLength(3);
    // The copy is refreshed right after it is used; this time the background knows a zone for Ann.
    slots.answer = { ...warmAnswer(), zonedRecipients: [recipientKey('ann@example.com')] };
    await vi.waitFor(() => expect(slots.requests).toEqual([{}]));
    await new Promise((r) => setTimeout(r, 0));

    slots.answer = { ...warmAnswer(), text: 'with Ann’s zone', personal: true, zonedRecipients: [recipientKey('ann@example.com')] };
    const forAnn = await propsOf(toAnn).getSlots(undefined, { insert: true });
    expect(forAnn.ok && forAnn.data.text).toBe('with Ann’s zone');
    expect(slots.requests[1]).toEqual({ overrides: undefined, insert: true, recipients: ['Ann@Example.com'] });

    // Ann's answer was not kept as the copy: the next plain click inserts the default answer, with no message.
    const plainAgain = await propsOf(plain).getSlots(undefined, { insert: true });
    expect(plainAgain.ok && plainAgain.data.text).toBe('x');
    expect(slots.requests).toHaveLength(2);

    // The picker's asks carry the addresses too (a zone chosen there is remembered for them).
    await propsOf(toAnn).getSlots({ secondTimeZone: 'Asia/Tokyo' });
    expect(slots.requests.at(-1)).toEqual({ overrides: { secondTimeZone: 'Asia/Tokyo' }, recipients: ['Ann@Example.com'] });
    // A picker insert To Ann may have remembered a zone: the copy's keys are stale, so it is dropped.
    await propsOf(toAnn).getSlots({ secondTimeZone: 'Asia/Tokyo' }, { insert: true });
    const asked = slots.requests.length;
    await propsOf(plain).getSlots(undefined, { insert: true });
    expect(slots.requests.length).toBe(asked + 1);
  });

  it('reads the To field at every ask: a recipient added later counts', async () => {
    const id = page.gmail.ids()[0]!;
    await propsOf(id).getSlots({ count: 3 });
    expect((slots.requests.at(-1) as { recipients?: string[] }).recipients).toBeUndefined();
    const chip = page.document.createElement('div');
    chip.setAttribute('role', 'option');
    chip.setAttribute('data-hovercard-id', 'dan@example.com');
    page.gmail.root(id)!.querySelector('[name="to"] [role="listbox"]')!.append(chip);
    await propsOf(id).getSlots({ count: 3 });
    expect((slots.requests.at(-1) as { recipients?: string[] }).recipients).toEqual(['dan@example.com']);
  });
});
