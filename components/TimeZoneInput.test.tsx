import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush, unmountAll } from './popup/testing';
import { TimeZoneInput } from './TimeZoneInput';

/** Renders the field into its own root; `rerender` passes a new `value`, as a parent does when data arrives. */
async function field(value: string, onChange = vi.fn()) {
  const root = document.createElement('div');
  document.body.append(root);
  const draw = (v: string) => act(() => render(<TimeZoneInput label="Time zone" value={v} onChange={onChange} />, root));
  await draw(value);
  const input = root.querySelector('input')!;
  return { input, onChange, rerender: async (v: string) => (await draw(v), await flush()) };
}

async function typeInto(input: HTMLInputElement, text: string) {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

afterEach(unmountAll);

describe('TimeZoneInput', () => {
  it('what a person types is not overwritten by a value that arrives while they type', async () => {
    const f = await field('UTC');
    await act(() => {
      f.input.focus();
      f.input.dispatchEvent(new FocusEvent('focus'));
    });
    await typeInto(f.input, 'chic');
    await f.rerender('America/New_York'); // settings loaded late
    expect(f.input.value).toBe('chic');
    await typeInto(f.input, 'chicago');
    expect(f.input.value).toBe('chicago');
    expect(f.onChange).not.toHaveBeenCalled();
  });

  it('after they leave the field, a value from outside shows again', async () => {
    const f = await field('UTC');
    await act(() => f.input.focus());
    await typeInto(f.input, 'Europe/Par');
    await act(() => {
      f.input.blur();
      f.input.dispatchEvent(new FocusEvent('blur'));
    });
    await f.rerender('Asia/Tokyo');
    expect(f.input.value).toBe('Asia/Tokyo');
  });

  it('a value that arrives before they type replaces the text; a committed zone goes to onChange', async () => {
    const f = await field('UTC');
    await act(() => f.input.focus());
    await f.rerender('America/New_York');
    expect(f.input.value).toBe('America/New_York');
    await typeInto(f.input, 'america/chicago');
    await act(() => {
      f.input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(f.onChange).toHaveBeenCalledWith('America/Chicago');
    await f.rerender('America/Chicago');
    expect(f.input.value).toBe('America/Chicago');
  });
});
