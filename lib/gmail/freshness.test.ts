import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfferedCheck } from '../contract';
import { CHECK_EVERY_MS, createFreshness, FRESH, LOOK_EVERY_MS, offeredBlocks, type Staleness, type WatchedCompose } from './freshness';

const E1 = 'https://api.calendly.com/event_types/e1';
const E2 = 'https://api.calendly.com/event_types/e2';
const A = '2026-12-08T15:00:00.000Z';
const B = '2026-12-08T15:30:00.000Z';
const C = '2026-12-09T14:00:00.000Z';

/** A draft body holding one of our blocks (as lib/format writes it) with links for `starts`. */
function body(eventType: string, starts: string[], extra = ''): HTMLElement {
  const el = document.createElement('div');
  const links = starts.map((s) => `<li><a href="https://calendly.com/ann/30min/${s}" data-open-slots-start="${s}">${s}</a></li>`).join('');
  el.innerHTML = `<div>Hi Bob,</div><div data-open-slots-event="${eventType}"><ul>${links}</ul></div>${extra}`;
  return el;
}

describe('offeredBlocks', () => {
  it('reads our block’s event type and its links’ instants, once each', () => {
    const b = body(E1, [A, B, A]);
    expect(offeredBlocks(b).map(({ eventTypeUri, starts }) => ({ eventTypeUri, starts }))).toEqual([{ eventTypeUri: E1, starts: [A, B] }]);
  });

  it('ignores blocks in the signature or a quoted message, foreign URIs, bad instants, and blocks left without links', () => {
    const quoted = `<div class="gmail_quote"><div data-open-slots-event="${E2}"><a data-open-slots-start="${C}" href="https://calendly.com/x">x</a></div></div>`;
    const foreign = `<div data-open-slots-event="https://evil.example/event_types/e1"><a data-open-slots-start="${C}" href="https://calendly.com/x">x</a></div>`;
    const bad = `<div data-open-slots-event="${E2}"><a data-open-slots-start="next tuesday" href="https://calendly.com/x">x</a></div>`;
    const empty = `<div data-open-slots-event="${E2}"><p>All links deleted</p></div>`;
    const b = body(E1, [A], quoted + foreign + bad + empty);
    expect(offeredBlocks(b).map((o) => o.eventTypeUri)).toEqual([E1]);
  });
});

describe('createFreshness', () => {
  /** When a block inserted at 0 is first checked: seen at the first look, due a minute later. */
  const FIRST = LOOK_EVERY_MS + CHECK_EVERY_MS;
  let controller: AbortController;
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T12:00:00Z') });
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
  });

  function compose(b: HTMLElement, visible = () => true) {
    const reports: Staleness[] = [];
    const c: WatchedCompose = { body: () => b, visible, report: (s) => reports.push(s) };
    return { c, reports };
  }

  function setup(gone: string[] | (() => string[]) = []) {
    const check = vi.fn(async (_req: OfferedCheck) => ({ ok: true as const, data: { gone: typeof gone === 'function' ? gone() : gone } }));
    const f = createFreshness({ doc: document, signal: controller.signal, check });
    return { f, check };
  }

  it('one message per check for every visible compose, times merged, one event type per check in turn; at most one check a minute', async () => {
    const { f, check } = setup();
    const one = compose(body(E1, [A, B]));
    const two = compose(body(E1, [B, C]));
    const three = compose(body(E2, [C]));
    for (const x of [one, two, three]) f.watch(x.c);
    // Nothing while the blocks are younger than a minute: their times were fetched when they went in.
    await vi.advanceTimersByTimeAsync(FIRST - LOOK_EVERY_MS);
    expect(check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS);
    expect(check).toHaveBeenCalledTimes(1);
    // One event type per check (one request at most); the drafts' event types take turns.
    expect(check.mock.calls[0]![0]).toEqual({ offers: [{ eventTypeUri: E1, starts: [A, B, C] }] });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS - LOOK_EVERY_MS);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS);
    expect(check).toHaveBeenCalledTimes(2);
    expect(check.mock.calls[1]![0]).toEqual({ offers: [{ eventTypeUri: E2, starts: [C] }] });
    // An hour: 60 checks at most, whatever the number of composes.
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(check.mock.calls.length).toBeLessThanOrEqual(62);
    expect(check.mock.calls.length).toBeGreaterThanOrEqual(60);
  });

  it('tells each compose how many of its own times are gone, and which block to update', async () => {
    const { f } = setup([B]);
    const one = compose(body(E1, [A, B]));
    const two = compose(body(E1, [A]));
    f.watch(one.c);
    f.watch(two.c);
    await vi.advanceTimersByTimeAsync(FIRST);
    expect(one.reports.at(-1)).toMatchObject({ gone: 1, eventTypeUri: E1, offered: 2 });
    expect(one.reports.at(-1)!.block?.getAttribute('data-open-slots-event')).toBe(E1);
    expect(two.reports.at(-1)).toEqual(FRESH);
  });

  it('checks nothing while the compose is minimized or the tab hidden, nor without an offer; back to the tab, a check is made at once', async () => {
    const { f, check } = setup();
    let shown = false;
    f.watch(compose(body(E1, [A]), () => shown).c);
    const plain = document.createElement('div');
    plain.innerHTML = '<div>No offer here</div>';
    f.watch(compose(plain).c);
    await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY_MS);
    expect(check).not.toHaveBeenCalled();
    shown = true;
    await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS);
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY_MS);
    expect(check).not.toHaveBeenCalled();
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('a failed check (offline, Calendly down, background gone) changes no notice', async () => {
    const check = vi.fn().mockResolvedValueOnce({ ok: true, data: { gone: [A] } }).mockResolvedValueOnce({ ok: false, error: { kind: 'network', message: 'x' } }).mockRejectedValueOnce(new Error('gone'));
    const f = createFreshness({ doc: document, signal: controller.signal, check });
    const one = compose(body(E1, [A]));
    f.watch(one.c);
    await vi.advanceTimersByTimeAsync(FIRST);
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(check).toHaveBeenCalledTimes(3);
    expect(one.reports.map((r) => r.gone)).toEqual([1]);
  });

  it('stops with the content script', async () => {
    const { f, check } = setup();
    f.watch(compose(body(E1, [A])).c);
    controller.abort();
    await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY_MS);
    expect(check).not.toHaveBeenCalled();
  });
});
