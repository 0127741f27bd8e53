import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/contract';
import { answer as answerFor, EVENT_TYPES, flush } from '../popup/testing';
import type { Staleness } from '@/lib/gmail/freshness';
import { ComposeButton, type ComposeButtonProps } from './ComposeButton';
import { luminance, parseRgb, themeBehind } from './theme';

// The component in happy-dom; the real thing (in Gmail's toolbar, against the fake Calendly) is
// e2e/compose.e2e.ts.

const EVENT = EVENT_TYPES[0]!;
const answer = (over: Partial<SlotsAnswer> = {}) => answerFor(EVENT, over);

async function mount(props: Partial<ComposeButtonProps> & Pick<ComposeButtonProps, 'getSlots'>, parent: HTMLElement = document.body) {
  const el = document.createElement('div');
  parent.append(el);
  const all: ComposeButtonProps = {
    insert: vi.fn(() => true),
    listEventTypes: vi.fn(async (): Promise<Result<EventTypeSummary[]>> => ({ ok: true, data: [EVENT] })),
    openOptions: vi.fn(),
    ...props,
  };
  await act(() => render(<ComposeButton {...all} />, el));
  await flush();
  return { el, props: all };
}

const byName = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name)!;
const click = async (el: HTMLElement | undefined) => {
  await act(() => el!.click());
  await flush();
};

afterEach(() => {
  for (const el of [...document.body.children]) {
    render(null, el);
    el.remove();
  }
});

describe('ComposeButton', () => {
  /** A click on `el` that happened at `timeStamp` (ms, the page's clock), whenever it is handled. */
  const clickAt = async (el: HTMLElement, timeStamp: number) => {
    const e = new MouseEvent('click', { bubbles: true, cancelable: true });
    Object.defineProperty(e, 'timeStamp', { value: timeStamp });
    await act(() => void el.dispatchEvent(e));
    await flush();
  };

  it('a burst is judged by when the clicks happened: the second click of a double click handled late inserts nothing', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer() }));
    const { el, props } = await mount({ getSlots });
    const now = vi.spyOn(performance, 'now');
    try {
      const main = byName(el, 'Insert open slots');
      now.mockReturnValue(1_000);
      await clickAt(main, 1_000);
      expect(props.insert).toHaveBeenCalledTimes(1);
      // Clicked 200 ms after the first, handled 4 s later (a page busy with the insertion): same burst.
      now.mockReturnValue(5_000);
      await clickAt(main, 1_200);
      expect(props.insert).toHaveBeenCalledTimes(1);
      // A click 700 ms after the last one of the burst is a new request.
      await clickAt(main, 1_900);
      expect(props.insert).toHaveBeenCalledTimes(2);
      expect(getSlots).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });

  it('no open times: "Insert booking page link" inserts only the booking page link', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({
      ok: true,
      data: answer({ slotCount: 0, slots: [], html: '<div><p>No open times…</p></div>', text: 'No open times…' }),
    }));
    const { el, props } = await mount({ getSlots });
    await click(byName(el, 'Insert open slots'));
    expect(el.querySelector('[role="alert"] p')!.textContent).toBe('No open times in the next 30 days.');
    await click(byName(el, 'Insert booking page link'));
    expect(props.insert).toHaveBeenCalledWith({
      html: '<div><a href="https://calendly.com/avery-quinn/30min">https://calendly.com/avery-quinn/30min</a></div>',
      text: 'https://calendly.com/avery-quinn/30min',
    });
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('a single-use offer that fell back: the times are inserted, then one sentence says why', async () => {
    const notice = 'Single-use offers work only with one-on-one event types, so normal booking links were inserted.';
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ notice }) }));
    const { el, props } = await mount({ getSlots });
    await click(byName(el, 'Insert open slots'));
    expect(props.insert).toHaveBeenCalledTimes(1);
    expect(el.querySelector('[role="alert"] p')!.textContent).toBe(notice);
    await click(byName(el, 'Close'));
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('picker: "Single-use offer" starts from the setting and is sent only when changed', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ singleUse: false }) }));
    const { el } = await mount({ getSlots });
    await click(byName(el, 'Choose slots to insert'));
    const box = [...el.querySelectorAll('label')].find((l) => l.textContent === 'Single-use offer')!.querySelector('input')!;
    expect(box.checked).toBe(false);
    await act(() => box.click());
    await act(() => new Promise((r) => setTimeout(r, 250)));
    await flush();
    expect(getSlots).toHaveBeenLastCalledWith({ singleUse: true }); // the preview: no share for it
    await click(byName(el, 'Insert'));
    expect(getSlots).toHaveBeenLastCalledWith({ singleUse: true }, { insert: true });
  });

  it.each([
    ['throws', () => {
      throw new Error('editor exploded');
    }],
    ['reports failure', () => false],
  ])('an insert that %s: the true reason in one sentence, never "lost contact", and Try again inserts', async (_name, fail) => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer() }));
    const insert = vi.fn(fail as () => boolean).mockImplementationOnce(fail as () => boolean).mockImplementation(() => true);
    const { el } = await mount({ getSlots, insert });
    await click(byName(el, 'Insert open slots'));
    const alert = el.querySelector('[role="alert"] p')!.textContent!;
    expect(alert).toBe('Gmail’s editor did not take the times, so your draft is unchanged: click where they should go in the message and try again.');
    expect(alert).not.toMatch(/lost contact/);
    await click(byName(el, 'Try again'));
    expect(insert).toHaveBeenCalledTimes(2);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('no open times and a booking URL that is not Calendly’s: no button to insert it', async () => {
    const bad = { ...EVENT, schedulingUrl: 'javascript:alert(1)' };
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ slotCount: 0, eventType: bad }) }));
    const { el } = await mount({ getSlots });
    await click(byName(el, 'Insert open slots'));
    expect(byName(el, 'Insert booking page link')).toBeUndefined();
  });

  it('the shortcut trigger it registers does what a click does', async () => {
    let trigger: (() => void) | null = null;
    const onTrigger = vi.fn((run: () => void) => {
      trigger = run;
      return () => (trigger = null);
    });
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer() }));
    const { el, props } = await mount({ getSlots, onTrigger });
    expect(onTrigger).toHaveBeenCalledTimes(1);
    await act(() => trigger!());
    await flush();
    expect(getSlots).toHaveBeenCalledWith(undefined, { insert: true });
    expect(props.insert).toHaveBeenCalledWith({ html: answer().html, text: answer().text });
    await act(() => render(null, el));
    expect(trigger).toBeNull();
  });

  it('picker: only the fields the user changed are sent, so the rest keep the stored defaults', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ daysAhead: 14 }) }));
    const { el, props } = await mount({ getSlots });
    await click(byName(el, 'Choose slots to insert'));
    const picker = el.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(document.activeElement).toBe(picker); // it takes focus, so the keyboard works in it
    const days = [...picker.querySelectorAll('label')].find((l) => l.textContent!.startsWith('Days ahead'))!.querySelector('input')!;
    expect(days.value).toBe('14'); // from the answer, not a hard-coded 30
    const count = [...picker.querySelectorAll('label')].find((l) => l.textContent!.startsWith('How many'))!.querySelector('input')!;
    await act(() => {
      count.value = '3';
      count.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => new Promise((r) => setTimeout(r, 250)));
    await flush();
    expect(getSlots).toHaveBeenLastCalledWith({ count: 3 });
    await click(byName(picker, 'Insert'));
    expect(getSlots).toHaveBeenLastCalledWith({ count: 3 }, { insert: true });
    expect(props.insert).toHaveBeenCalledTimes(1);
    expect(el.querySelector('[role="dialog"]')).toBeNull();
  });

  it('picker: the second time zone starts from the answer’s (e.g. remembered for a recipient) and is sent only when changed', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ secondTimeZone: 'Asia/Tokyo' }) }));
    const { el } = await mount({ getSlots });
    await click(byName(el, 'Choose slots to insert'));
    const picker = el.querySelector<HTMLElement>('[role="dialog"]')!;
    const second = [...picker.querySelectorAll('label')].find((l) => l.textContent!.startsWith('Recipient’s zone'))!.querySelector('input')!;
    expect(second.value).toBe('Asia/Tokyo');
    await act(() => {
      second.value = 'Europe/Paris';
      second.dispatchEvent(new Event('input', { bubbles: true }));
      second.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => new Promise((r) => setTimeout(r, 250)));
    await flush();
    expect(getSlots).toHaveBeenLastCalledWith({ secondTimeZone: 'Europe/Paris' });
    await click(byName(picker, 'Insert'));
    expect(getSlots).toHaveBeenLastCalledWith({ secondTimeZone: 'Europe/Paris' }, { insert: true });
  });

  it('picker: "None" as the second time zone is an explicit choice, sent as null', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ secondTimeZone: 'Asia/Tokyo' }) }));
    const { el } = await mount({ getSlots });
    await click(byName(el, 'Choose slots to insert'));
    const picker = el.querySelector<HTMLElement>('[role="dialog"]')!;
    const second = [...picker.querySelectorAll('label')].find((l) => l.textContent!.startsWith('Recipient’s zone'))!.querySelector('input')!;
    await act(() => {
      second.value = 'None';
      second.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => new Promise((r) => setTimeout(r, 250)));
    await flush();
    await click(byName(picker, 'Insert'));
    expect(getSlots).toHaveBeenLastCalledWith({ secondTimeZone: null }, { insert: true });
  });

  it('picker: Escape closes it and gives focus back to the arrow; so does a click outside', async () => {
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer() }));
    const { el } = await mount({ getSlots });
    const arrow = byName(el, 'Choose slots to insert');
    await click(arrow);
    await act(() => {
      el.querySelector('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(el.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(arrow);
    await click(arrow);
    expect(el.querySelector('[role="dialog"]')).not.toBeNull();
    await act(() => {
      document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    });
    expect(el.querySelector('[role="dialog"]')).toBeNull();
  });

  it('follows the theme painted behind it (Gmail’s setting), not the OS colour scheme', async () => {
    const dark = document.createElement('div');
    dark.style.backgroundColor = 'rgb(32, 33, 36)';
    document.body.append(dark);
    const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer() }));
    const { el } = await mount({ getSlots }, dark);
    expect(el.querySelector('.os-root')!.getAttribute('data-theme')).toBe('dark');
    const light = await mount({ getSlots });
    expect(light.el.querySelector('.os-root')!.getAttribute('data-theme')).toBe('light');
  });
});

describe('theme helpers', () => {
  it('parses computed colours and tells dark from light', () => {
    expect(parseRgb('rgb(32, 33, 36)')).toEqual({ r: 32, g: 33, b: 36, a: 1 });
    expect(parseRgb('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseRgb('transparent')).toBeNull();
    expect(luminance({ r: 255, g: 255, b: 255 })).toBeCloseTo(1);
    expect(luminance({ r: 32, g: 33, b: 36 })).toBeLessThan(0.2);
  });

  it('looks through transparent ancestors and out of a shadow root', () => {
    const outer = document.createElement('div');
    outer.style.backgroundColor = 'rgb(17, 17, 17)';
    const host = document.createElement('span');
    outer.append(host);
    document.body.append(outer);
    const inner = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(inner);
    expect(themeBehind(inner)).toBe('dark');
    expect(themeBehind(document.createElement('div'))).toBe('light');
  });

  describe('fresh until sent: the stale-offer notice', () => {
    const E1 = 'https://api.calendly.com/event_types/e1';
    function watcher() {
      let listener: ((s: Staleness) => void) | null = null;
      return {
        watchOffers: (l: (s: Staleness) => void) => {
          listener = l;
          return () => void (listener = null);
        },
        tell: async (s: Staleness) => {
          await act(() => listener!(s));
          await flush();
        },
      };
    }
    const notice = (el: HTMLElement) => el.querySelector('.os-stale[role="status"]');

    it('says how many offered times were taken; Update asks for as many fresh times of that event type and puts them in the block’s place', async () => {
      const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: true, data: answer({ html: '<div>new</div>', text: 'new' }) }));
      const replaceOffer = vi.fn(() => true);
      const w = watcher();
      const { el, props } = await mount({ getSlots, replaceOffer, watchOffers: w.watchOffers });
      expect(notice(el)).toBeNull();
      const block = document.createElement('div');
      await w.tell({ gone: 1, block, eventTypeUri: E1, offered: 3 });
      expect(notice(el)!.querySelector('p')!.textContent).toBe('1 offered time is no longer free.');
      await w.tell({ gone: 2, block, eventTypeUri: E1, offered: 3 });
      expect(notice(el)!.querySelector('p')!.textContent).toBe('2 offered times are no longer free.');
      expect(getSlots).not.toHaveBeenCalled(); // nothing happens without the click
      await click(byName(el, 'Update'));
      expect(getSlots).toHaveBeenCalledWith({ count: 3, eventTypeUri: E1 }, { insert: true });
      expect(replaceOffer).toHaveBeenCalledWith(block, { html: '<div>new</div>', text: 'new' });
      expect(props.insert).not.toHaveBeenCalled();
    });

    it('Close hides it until a check finds a different count; all free again hides it', async () => {
      const w = watcher();
      const { el } = await mount({ getSlots: vi.fn(), replaceOffer: vi.fn(), watchOffers: w.watchOffers });
      const block = document.createElement('div');
      await w.tell({ gone: 1, block, eventTypeUri: E1, offered: 3 });
      await click(byName(el, 'Close'));
      expect(notice(el)).toBeNull();
      await w.tell({ gone: 1, block, eventTypeUri: E1, offered: 3 });
      expect(notice(el)).toBeNull();
      await w.tell({ gone: 2, block, eventTypeUri: E1, offered: 3 });
      expect(notice(el)).not.toBeNull();
      await w.tell({ gone: 0, block: null, eventTypeUri: null, offered: 0 });
      expect(notice(el)).toBeNull();
    });

    it('an Update that fails says why, offers Try again, and leaves the draft alone', async () => {
      const getSlots = vi.fn(async (): Promise<Result<SlotsAnswer>> => ({ ok: false, error: { kind: 'network', message: 'You appear to be offline.' } }));
      const replaceOffer = vi.fn(() => true);
      const w = watcher();
      const { el } = await mount({ getSlots, replaceOffer, watchOffers: w.watchOffers });
      await w.tell({ gone: 1, block: document.createElement('div'), eventTypeUri: E1, offered: 2 });
      await click(byName(el, 'Update'));
      expect(el.querySelector('[role="alert"] p')!.textContent).toBe('You appear to be offline.');
      expect(replaceOffer).not.toHaveBeenCalled();
      expect(byName(el, 'Try again')).toBeDefined();
    });
  });
});

