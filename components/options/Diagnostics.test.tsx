import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticsSource, DiagnosticsState } from '@/lib/gmail/diagnostics';
import { fallbackInUse, parseComposeReport, withReport } from '@/lib/gmail/diagnostics';
import { flush, mount, text, unmountAll } from '../popup/testing';
import { Diagnostics } from './Diagnostics';

afterEach(unmountAll);

function source(initial: DiagnosticsState): DiagnosticsSource & { push(s: DiagnosticsState): void } {
  let listener: ((s: DiagnosticsState) => void) | undefined;
  return {
    get: async () => initial,
    watch: (l) => ((listener = l), () => (listener = undefined)),
    push: (s) => listener?.(s),
  };
}

describe('diagnostics state', () => {
  it('keeps each tab’s last report, drops a tab with no compose, and says when a fallback is in use', () => {
    let s = withReport({}, 7, { composes: [{ kind: 'mole', path: 'toolbar' }] }, 1);
    expect(fallbackInUse(s)).toBe(false);
    s = withReport(s, 9, { composes: [{ kind: 'inline', path: 'belowBody' }] }, 2);
    expect(fallbackInUse(s)).toBe(true);
    s = withReport(s, 9, { composes: [] }, 3);
    expect(Object.keys(s)).toEqual(['7']);
    expect(fallbackInUse(s)).toBe(false);
  });

  it('accepts only well-formed reports from a content script', () => {
    expect(parseComposeReport({ composes: [{ kind: 'mole', path: 'toolbarByRole' }] })).toEqual({ composes: [{ kind: 'mole', path: 'toolbarByRole' }] });
    expect(parseComposeReport({ composes: [{ kind: 'mole', path: 'x' }] })).toBeNull();
    expect(parseComposeReport({ composes: 'no' })).toBeNull();
    expect(parseComposeReport(null)).toBeNull();
  });
});

describe('<Diagnostics>', () => {
  it('lists each open compose with the way it was found, and follows changes', async () => {
    const src = source({
      '4': { tabId: 4, at: 1, composes: [{ kind: 'mole', path: 'toolbar' }, { kind: 'inline', path: 'belowBody' }] },
    });
    const el = await mount(<Diagnostics source={src} />);
    expect(text(el.querySelector('h2'))).toBe('Diagnostics');
    expect([...el.querySelectorAll('li')].map(text)).toEqual([
      'New message: Toolbar, next to Send (Gmail’s usual layout)',
      'Reply in a conversation: Below the message text: fallback position (no toolbar found)',
    ]);
    src.push({});
    await flush();
    expect(el.querySelectorAll('li')).toHaveLength(0);
    expect(text(el)).toContain('No Gmail draft is open right now.');
  });
});
