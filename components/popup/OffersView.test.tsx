import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OffersAnswer, OfferView, Result } from '@/lib/contract';
import { OffersView } from './OffersView';
import { PopupApp } from './PopupApp';
import { answer, button, click, EVENT_TYPES, flush, mount, SOLO_USER, text, unmountAll } from './testing';

const offer = (over: Partial<OfferView> = {}): OfferView => ({
  shareUri: 'https://api.calendly.com/shares/S1',
  eventTypeName: '30 Minute Meeting',
  slots: ['2026-11-23T15:00:00.000Z', '2026-11-24T16:00:00.000Z'],
  createdAt: '2026-11-20T12:00:00.000Z',
  status: 'active',
  local: true,
  ...over,
});
const ok = (offers: OfferView[], accountError: OffersAnswer['accountError'] = null): Result<OffersAnswer> => ({ ok: true, data: { offers, accountError } });

afterEach(unmountAll);

describe('OffersView', () => {
  it('shows each offer with its status, times and when it was made; only an active one can be withdrawn', async () => {
    const client = {
      listOffers: vi.fn(async () => ok([offer(), offer({ shareUri: 'https://api.calendly.com/shares/S2', status: 'booked', local: false })])),
      withdrawOffer: vi.fn(async () => ok([offer({ status: 'withdrawn' }), offer({ shareUri: 'https://api.calendly.com/shares/S2', status: 'booked', local: false })])),
    };
    const el = await mount(<OffersView client={client} />);
    const items = [...el.querySelectorAll('li.offer')];
    expect(items.map((i) => text(i.querySelector('.offer-status')))).toEqual(['Active', 'Booked']);
    expect(items[0]!.querySelectorAll('time')).toHaveLength(2);
    expect(text(items[1])).toContain('Made outside this browser');
    expect(items[1]!.querySelector('button')).toBeNull();
    await click(button(el, /^Withdraw the offer made /));
    expect(client.withdrawOffer).toHaveBeenCalledWith({ shareUri: 'https://api.calendly.com/shares/S1' });
    await flush();
    expect(text(el.querySelector('li.offer .offer-status'))).toBe('Withdrawn');
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('a refused withdrawal says why and keeps the list', async () => {
    const client = {
      listOffers: vi.fn(async () => ok([offer()])),
      withdrawOffer: vi.fn(async (): Promise<Result<OffersAnswer>> => ({ ok: false, error: { kind: 'invalid_request', message: 'Calendly rejected the request: share is booked and cannot be deleted.' } })),
    };
    const el = await mount(<OffersView client={client} />);
    await click(button(el, /^Withdraw/));
    expect(text(el.querySelector('[role="alert"]'))).toContain('cannot be deleted');
    expect(el.querySelectorAll('li.offer')).toHaveLength(1);
  });

  it('empty state, and a note when the account list needs shares:read', async () => {
    const client = {
      listOffers: vi.fn(async () => ok([], { kind: 'forbidden', scope: 'shares:read', message: 'x' })),
      withdrawOffer: vi.fn(),
    };
    const el = await mount(<OffersView client={client} />);
    expect(text(el)).toContain('No offers yet.');
    expect(text(el)).toContain('shares:read');
  });

  it('the popup has an Offers tab next to the open times', async () => {
    const client = {
      getStatus: vi.fn(async () => ({ connected: true, user: SOLO_USER }) as const),
      listEventTypes: vi.fn(async () => ({ ok: true, data: EVENT_TYPES }) as const),
      getSlots: vi.fn(async () => ({ ok: true, data: answer() }) as const),
      listOffers: vi.fn(async () => ok([offer()])),
      withdrawOffer: vi.fn(),
    };
    const el = await mount(<PopupApp client={client} openOptions={vi.fn()} openPage={vi.fn()} copy={vi.fn()} />);
    const tabs = [...el.querySelectorAll('[role="tab"]')];
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Open times', 'true'],
      ['Offers', 'false'],
    ]);
    expect(client.listOffers).not.toHaveBeenCalled();
    await click(tabs[1] as HTMLElement);
    await flush();
    expect(client.listOffers).toHaveBeenCalledTimes(1);
    expect(el.querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe('tab-offers');
    expect(el.querySelectorAll('li.offer')).toHaveLength(1);
  });
});
