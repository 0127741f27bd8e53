import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '@/lib/contract';
import { click, mount, text, unmountAll } from '../popup/testing';
import { RememberedZones } from './RememberedZones';

function fakeClient(count: number, forget: () => Promise<Result<null>> = async () => ({ ok: true, data: null })) {
  return { countRecipientZones: vi.fn(async () => count), forgetRecipientZones: vi.fn(forget) };
}
const button = (el: HTMLElement) => [...el.querySelectorAll('button')].find((b) => text(b) === 'Forget remembered time zones');

afterEach(unmountAll);

describe('RememberedZones (issue 19)', () => {
  it('is not shown while no time zone is remembered', async () => {
    const el = await mount(<RememberedZones client={fakeClient(0)} />);
    expect(el.querySelector('section')).toBeNull();
  });

  it('says how many addresses have one; the button forgets them all and says so', async () => {
    const client = fakeClient(3);
    const el = await mount(<RememberedZones client={client} />);
    expect(text(el.querySelector('h2'))).toBe('Time zones remembered for recipients');
    expect(text(el.querySelector('[role="status"]'))).toBe('3 addresses have a remembered time zone.');
    await click(button(el)!);
    expect(client.forgetRecipientZones).toHaveBeenCalledTimes(1);
    expect(text(el.querySelector('[role="status"]'))).toBe('Forgotten: no time zone is remembered for any recipient.');
    expect(button(el)!.disabled).toBe(true);
  });

  it('one address reads in the singular', async () => {
    const el = await mount(<RememberedZones client={fakeClient(1)} />);
    expect(text(el.querySelector('[role="status"]'))).toBe('1 address has a remembered time zone.');
  });

  it('a failure is said, and the count stays', async () => {
    const client = fakeClient(2, async () => ({ ok: false, error: { kind: 'network', message: 'Open Slots could not reach its background.' } }));
    const el = await mount(<RememberedZones client={client} />);
    await click(button(el)!);
    expect(text(el.querySelector('[role="alert"]'))).toBe('Open Slots could not reach its background.');
    expect(text(el.querySelector('[role="status"]'))).toBe('2 addresses have a remembered time zone.');
  });
});
