/**
 * Issue 16 in mount.ts: ONE button per compose, in the toolbar or (no recognisable row) in the strip below
 * the body; a compose that gets a row later moves its button there; the diagnostics report; the warm answer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from '../../e2e/support/gmail/happyPage';
import { VARIANT_PATHS } from '../../e2e/support/gmail/variants';
import type { SlotsAnswer } from '../contract';

const sent = vi.hoisted(() => [] as { type: string; data: unknown }[]);
const answer = vi.hoisted(() => ({ current: null as unknown }));
const handlers = vi.hoisted(() => new Map<string, () => unknown>());
vi.mock('../contract/messaging', () => ({
  sendMessage: vi.fn(async (type: string, data: unknown) => {
    sent.push({ type, data });
    if (type === 'getSlots') return answer.current ? { ok: true, data: answer.current } : { ok: false, error: { kind: 'network', message: 'x' } };
    return null;
  }),
  onMessage: vi.fn((type: string, fn: () => unknown) => void handlers.set(type, fn)),
}));

const { HOST_TAG, mountComposeButtons } = await import('./mount');
type ComposeProps = import('./mount').ComposeProps;
const { FALLBACK_CLASS, CELL_CLASS } = await import('./toolbar');

let page: HappyGmailPage;
let controller: AbortController;
let rendered: Map<HTMLElement, ComposeProps>;
let settingsListener: (() => void) | undefined;
afterEach(async () => {
  controller?.abort();
  await page?.close();
  sent.length = 0;
  answer.current = null;
});

async function mount(path: string) {
  const loaded = await loadGmailPage(path);
  await mountOn(loaded);
}
async function mountOn(loaded: HappyGmailPage) {
  page = loaded;
  rendered = new Map();
  controller = new AbortController();
  mountComposeButtons({
    doc: page.document,
    signal: controller.signal,
    css: '',
    render: (container, props) => void rendered.set(container, props),
    unrender: (container) => void rendered.delete(container),
    watchSettings: (listener) => void (settingsListener = listener),
  });
}
const hostsIn = (id: string) => [...page.gmail.root(id)!.querySelectorAll(HOST_TAG)];
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const reports = () => sent.filter((m) => m.type === 'reportComposes').map((m) => m.data);

function slotsAnswer(fetchedAt: number): SlotsAnswer {
  const start = new Date(Date.now() + 3_600_000).toISOString();
  return {
    eventType: { uri: 'u', name: '30 min', durationMinutes: 30, schedulingUrl: 'https://calendly.com/a/30min', owner: null, scope: 'user', slug: '30min', oneOff: false },
    slots: [{ start_time: start, scheduling_url: `https://calendly.com/a/30min/${start}` }],
    html: '<div><a href="https://calendly.com/a/30min/x">x</a></div>',
    text: 'x',
    slotCount: 1,
    fetchedAt,
    timeZone: 'UTC',
    daysAhead: 7,
    count: 1,
  };
}

describe('fallback placement', () => {
  it('no toolbar row: one button per compose, in a strip right after the body (never inside it)', async () => {
    await mount(`${VARIANT_PATHS.noToolbar}?compose=mole,inline&delay=0`);
    for (const id of page.gmail.ids()) {
      const hosts = hostsIn(id);
      expect(hosts).toHaveLength(1);
      const strip = hosts[0]!.parentElement!;
      expect(strip.classList.contains(FALLBACK_CLASS)).toBe(true);
      const body = page.gmail.root(id)!.querySelector('[g_editable="true"]')!;
      expect(strip.previousElementSibling).toBe(body);
      expect(body.querySelector(HOST_TAG)).toBeNull();
    }
  });

  it('a compose that gets a toolbar row later moves its one button there', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const id = page.gmail.ids()[0]!;
    const root = page.gmail.root(id)!;
    const table = root.querySelector('table.IZ')!;
    const bar = table.parentElement!;
    table.remove(); // the row is not there yet when we start
    const loaded = page;
    await mountOn(loaded);
    expect(hostsIn(id)).toHaveLength(1);
    expect(hostsIn(id)[0]!.parentElement!.classList.contains(FALLBACK_CLASS)).toBe(true);
    bar.append(table);
    // Chromium's animationstart for the new row (happy-dom runs no CSS animations).
    const name = page.document.querySelector('style[data-open-slots-observer]')!.getAttribute('data-open-slots-observer')!;
    const event = new page.window.Event('animationstart', { bubbles: true });
    Object.defineProperty(event, 'animationName', { value: name });
    table.querySelector('tr.btC')!.dispatchEvent(event as unknown as Event);
    expect(hostsIn(id)).toHaveLength(1);
    expect(hostsIn(id)[0]!.closest(`td.${CELL_CLASS}`)).not.toBeNull();
    expect(root.querySelector(`.${FALLBACK_CLASS}`)).toBeNull();
    expect(rendered.size).toBe(1);
  });
});

describe('diagnostics report', () => {
  it('reports each open compose with its detection path, once per change, and again when one closes', async () => {
    // The thread URL opens the inline reply (a `?compose=inline` pushState would make happy-dom fire a
    // late hashchange that re-renders the thread).
    await mount(`${VARIANT_PATHS.noToolbar}?compose=mole&delay=0#inbox/FMfcgzQbgRpZ`);
    await tick(10);
    expect(reports()).toEqual([
      {
        composes: [
          { kind: 'inline', path: 'belowBody' },
          { kind: 'mole', path: 'belowBody' },
        ],
      },
    ]);
    page.gmail.close(page.gmail.ids()[0]!);
    await tick(300);
    expect(reports().at(-1)).toEqual({ composes: [{ kind: 'mole', path: 'belowBody' }] });
  });
});

describe('warm answer', () => {
  it('a click finds the prefetched answer and inserts without a message; an answer with a passed slot goes to the background', async () => {
    answer.current = slotsAnswer(Date.now());
    await mount('/mail/u/0/?compose=mole&delay=0');
    await tick();
    const props = [...rendered.values()][0]!;
    sent.length = 0;
    const r = await props.getSlots();
    expect(r.ok && r.data).toEqual(answer.current);
    expect(sent.filter((m) => m.type === 'getSlots')).toHaveLength(0); // no round trip before the insert
    await tick();
    expect(sent.filter((m) => m.type === 'getSlots')).toHaveLength(1); // refreshed afterwards

    // The refreshed answer holds a slot that has started: never offered from the content script.
    sent.length = 0;
    const stale = slotsAnswer(Date.now());
    stale.slots[0]!.start_time = new Date(Date.now() - 1000).toISOString();
    answer.current = stale;
    await props.getSlots(); // a round trip (the current warm answer was used once and dropped)
    sent.length = 0;
    await props.getSlots();
    expect(sent.filter((m) => m.type === 'getSlots')).toHaveLength(1);
  });

  it('the background saying its cached answer is gone drops the warm answer', async () => {
    answer.current = slotsAnswer(Date.now());
    await mount('/mail/u/0/?compose=mole&delay=0');
    await tick();
    handlers.get('dropWarmAnswer')!();
    sent.length = 0;
    await [...rendered.values()][0]!.getSlots();
    expect(sent.filter((m) => m.type === 'getSlots')).toHaveLength(1);
  });

  it('a settings change drops the warm answer', async () => {
    answer.current = slotsAnswer(Date.now());
    await mount('/mail/u/0/?compose=mole&delay=0');
    await tick();
    settingsListener!();
    sent.length = 0;
    await [...rendered.values()][0]!.getSlots();
    expect(sent.filter((m) => m.type === 'getSlots')).toHaveLength(1);
  });
});
