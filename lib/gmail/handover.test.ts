import { describe, expect, it } from 'vitest';
import { STARTED_EVENT, takeOver } from './handover';

describe('takeOver', () => {
  it('a newer script stops the older one in the same page, and not itself', () => {
    const first = takeOver(document, new AbortController().signal);
    expect(first.aborted).toBe(false);
    const second = takeOver(document, new AbortController().signal);
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    const third = takeOver(document, new AbortController().signal);
    expect(second.aborted).toBe(true);
    expect(third.aborted).toBe(false);
    document.dispatchEvent(new Event(STARTED_EVENT)); // clean up for other tests
  });

  it('stops when its own context is invalidated', () => {
    const context = new AbortController();
    const signal = takeOver(document, context.signal);
    context.abort();
    expect(signal.aborted).toBe(true);
  });
});
