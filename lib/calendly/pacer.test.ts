import { describe, expect, it } from 'vitest';
import { fakeClock } from './testing';
import { createPacer, reserveFor } from './pacer';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('pacer', () => {
  it('sends freely before it knows anything, then up to what the window has left less the reserve, then waits for the reset', async () => {
    const clock = fakeClock('2026-11-27T12:00:00Z');
    const p = createPacer(clock);
    await p.acquire();
    p.observe(50, 10, 30);
    p.answered();
    // 10 left, reserve 2: 8 more go at once, the 9th waits out the 30 s.
    for (let i = 0; i < 8; i++) {
      await p.acquire();
      p.observe(50, 9 - i, 30);
      p.answered();
    }
    expect(clock.sleeps).toEqual([]);
    await p.acquire();
    expect(clock.sleeps).toEqual([30_000]);
    expect(reserveFor(50)).toBe(2);
    expect(reserveFor(500)).toBe(10);
  });

  it('with requests in flight, waits for their answers; with none, for the reset', async () => {
    const clock = fakeClock('2026-11-27T12:00:00Z');
    const p = createPacer(clock);
    await p.acquire();
    p.observe(100, 50, 40);
    p.answered();
    // 50 left, reserve 2: 48 go without an answer.
    for (let i = 0; i < 48; i++) await p.acquire();
    let next = false;
    void p.acquire().then(() => (next = true));
    await tick();
    expect(next).toBe(false);
    expect(clock.sleeps).toEqual([]);
    for (let i = 0; i < 47; i++) {
      p.observe(100, 2, 40);
      p.answered();
    }
    await tick();
    expect(clock.sleeps).toEqual([]);
    // The last answer: nothing in flight, nothing left: it waits out the 40 s, and goes in the new window.
    p.observe(100, 2, 40);
    p.answered();
    await tick();
    expect(clock.sleeps).toEqual([40_000]);
    expect(next).toBe(true);
  });

  it('learns another app’s share of the window and keeps it aside in the next one', async () => {
    const clock = fakeClock('2026-11-27T12:00:00Z');
    const p = createPacer(clock);
    // Window 1: limit 100. We send 10; each answer shows 2 more used than ours: 18 were someone else's (the first
    // answer's 3 are taken as ours: nothing tells them apart yet).
    for (let i = 0; i < 10; i++) {
      await p.acquire();
      p.observe(100, 100 - (i + 1) * 3, 60 - i);
      p.answered();
    }
    expect(p.state()).toMatchObject({ limit: 100, remaining: 70 });
    clock.advance(61_000);
    // Window 2: the 18 are kept aside from the start (and the reserve of 2): 80 go, the 81st waits.
    let sent = 0;
    for (;;) {
      const before = clock.sleeps.length;
      await p.acquire();
      if (clock.sleeps.length > before) break;
      sent++;
      p.observe(100, 100 - sent, 60);
      p.answered();
    }
    expect(sent).toBe(80);
    // Window 2 had nobody else in it: window 3 keeps nothing aside.
    expect(p.foreignPerWindow()).toBe(0);
  });

  it('an abort while waiting rejects with the reason', async () => {
    const clock = fakeClock('2026-11-27T12:00:00Z');
    const p = createPacer({ now: clock.now, sleep: () => new Promise(() => {}) });
    await p.acquire();
    p.observe(10, 0, 30);
    p.answered();
    const ac = new AbortController();
    const waiting = p.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
