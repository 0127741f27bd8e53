import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/contract';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/settings';
import { answer, byLabel, choose, EVENT_TYPES, flush, mount, type, unmountAll } from '../popup/testing';
import { DefaultsForm } from './DefaultsForm';

function fakeClient(opts: { settings?: Partial<Settings>; types?: Result<EventTypeSummary[]>; slots?: Result<SlotsAnswer> } = {}) {
  let stored: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  return {
    loadSettings: vi.fn(async () => stored),
    saveSettings: vi.fn(async (change: Partial<Settings>) => (stored = { ...stored, ...change })),
    listEventTypes: vi.fn(async () => opts.types ?? ({ ok: true, data: EVENT_TYPES } as const)),
    getSlots: vi.fn(async (): Promise<Result<SlotsAnswer>> => {
      const et = EVENT_TYPES.find((e) => e.uri === stored.eventTypeUri) ?? EVENT_TYPES[0]!;
      return opts.slots ?? { ok: true, data: answer(et) };
    }),
  };
}

const status = (el: HTMLElement) => el.querySelector('.save-state')?.textContent;

afterEach(unmountAll);

describe('DefaultsForm', () => {
  it('loads the stored settings into the fields', async () => {
    const client = fakeClient({ settings: { count: 7, daysAhead: 14, clock: '24h', layout: 'compact', maxPerDay: 2 } });
    const el = await mount(<DefaultsForm client={client} />);
    expect(client.loadSettings).toHaveBeenCalledTimes(1);
    expect(byLabel(el, 'How many slots').value).toBe('7');
    expect(byLabel(el, 'Days ahead').value).toBe('14');
    expect(byLabel<HTMLSelectElement>(el, 'Clock').value).toBe('24h');
    expect(byLabel<HTMLSelectElement>(el, 'Layout').value).toBe('compact');
    expect(byLabel<HTMLSelectElement>(el, 'Slots per day').value).toBe('2');
    expect(status(el)).toBe('Changes are saved automatically.');
  });

  it('says what an automatic language means: the booking page’s language first (issue 19)', async () => {
    const el = await mount(<DefaultsForm client={fakeClient()} />);
    const language = byLabel<HTMLSelectElement>(el, 'Language of dates');
    expect(language.value).toBe('auto');
    expect(el.querySelector(`#${language.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Automatic: the language of the event type’s booking page, or your browser’s when Open Slots does not offer that one.',
    );
  });

  it('shows a loading state until the settings arrive', async () => {
    const client = fakeClient();
    client.loadSettings.mockReturnValueOnce(new Promise(() => {}));
    const el = await mount(<DefaultsForm client={client} />);
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Loading…');
    expect(el.querySelector('input')).toBeNull();
  });

  it('shows an invalid count next to the field and does not save it', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    const count = byLabel(el, 'How many slots');
    await type(count, '0');
    const message = el.querySelector(`#${count.getAttribute('aria-describedby')}`);
    expect(message?.textContent).toBe('Choose between 1 and 20 slots.');
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(count.value).toBe('0'); // what was typed stays, to be fixed
    await type(count, '');
    await type(count, '21');
    await type(count, '2.5');
    expect(client.saveSettings).not.toHaveBeenCalled();
    expect(status(el)).toBe('Changes are saved automatically.');
  });

  it('saves a valid change with exactly that field, says so, and clears the message', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    const count = byLabel(el, 'How many slots');
    await type(count, '0');
    await type(count, '3');
    expect(client.saveSettings).toHaveBeenCalledTimes(1);
    expect(client.saveSettings).toHaveBeenCalledWith({ count: 3 });
    expect(count.hasAttribute('aria-invalid')).toBe(false);
    expect(el.textContent).not.toContain('Choose between 1 and 20 slots.');
    expect(status(el)).toBe('Saved ✓');
  });

  it('sets the availability view’s low-free-hours hint threshold (0 to 168 hours)', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    const field = byLabel(el, 'Hint when free hours fall below');
    await type(field, '200');
    expect(el.querySelector(`#${field.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Enter a number of hours between 0 and 168.',
    );
    expect(client.saveSettings).not.toHaveBeenCalled();
    await type(field, '8');
    expect(client.saveSettings).toHaveBeenCalledWith({ lowFreeThresholdHours: 8 });
  });

  it('saves selects as typed values: a number, null for "No limit", a picklist value', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    await choose(byLabel<HTMLSelectElement>(el, 'Slots per day'), '2');
    await choose(byLabel<HTMLSelectElement>(el, 'Slots per day'), '');
    await choose(byLabel<HTMLSelectElement>(el, 'Clock'), '12h');
    expect(client.saveSettings.mock.calls.map((c) => c[0])).toEqual([{ maxPerDay: 2 }, { maxPerDay: null }, { clock: '12h' }]);
  });

  it('lists the event types with the default (the first) selected, and saves another choice', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    const select = byLabel<HTMLSelectElement>(el, 'Event type');
    expect([...select.options].map((o) => o.textContent)).toEqual(['30 Minute Meeting · 30 min', 'Intro Call · 15 min']);
    expect(select.value).toBe(EVENT_TYPES[0]!.uri);
    await choose(select, EVENT_TYPES[1]!.uri);
    expect(client.saveSettings).toHaveBeenCalledWith({ eventTypeUri: EVENT_TYPES[1]!.uri });
    expect(select.value).toBe(EVENT_TYPES[1]!.uri);
  });

  it('selects the stored event type', async () => {
    const el = await mount(<DefaultsForm client={fakeClient({ settings: { eventTypeUri: EVENT_TYPES[1]!.uri } })} />);
    expect(byLabel<HTMLSelectElement>(el, 'Event type').value).toBe(EVENT_TYPES[1]!.uri);
  });

  it('says when the stored event type is gone from Calendly', async () => {
    const el = await mount(<DefaultsForm client={fakeClient({ settings: { eventTypeUri: 'https://api.calendly.com/event_types/deleted' } })} />);
    const select = byLabel<HTMLSelectElement>(el, 'Event type');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(el.textContent).toContain('The saved event type no longer exists in Calendly.');
  });

  it('says when there are no event types, and shows a failed list with Try again', async () => {
    const empty = await mount(<DefaultsForm client={fakeClient({ types: { ok: true, data: [] } })} />);
    expect(byLabel<HTMLSelectElement>(empty, 'Event type').disabled).toBe(true);
    expect(empty.textContent).toContain('You have no active event types in Calendly.');

    const client = fakeClient({ types: { ok: false, error: { kind: 'network', message: 'Can’t reach Calendly.' } } });
    const failed = await mount(<DefaultsForm client={client} />);
    expect(failed.textContent).toContain('Can’t reach Calendly.');
    const retry = [...failed.querySelectorAll('button')].find((b) => b.textContent === 'Try again')!;
    retry.click();
    await flush();
    expect(client.listEventTypes).toHaveBeenCalledTimes(2);
  });

  it('previews the answer’s HTML and refreshes it after a saved change', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    const preview = el.querySelector('.email-body');
    expect(preview?.innerHTML).toBe(answer(EVENT_TYPES[0]).html);
    expect(preview?.querySelector('a')?.getAttribute('href')).toBe(`${EVENT_TYPES[0]!.schedulingUrl}/2030-01-07T15:00:00Z`);
    await choose(byLabel<HTMLSelectElement>(el, 'Event type'), EVENT_TYPES[1]!.uri);
    expect(client.getSlots).toHaveBeenCalledTimes(2);
    expect(el.querySelector('.email-body')?.innerHTML).toBe(answer(EVENT_TYPES[1]).html);
  });

  it('shows why the preview failed', async () => {
    const el = await mount(<DefaultsForm client={fakeClient({ slots: { ok: false, error: { kind: 'rate_limited', message: 'Calendly is busy.' } } })} />);
    expect(el.querySelector('.email')?.textContent).toBe('Calendly is busy.');
  });

  it('keeps a typed zone that names none, with a message, and saves a real one', async () => {
    const client = fakeClient();
    const el = await mount(<DefaultsForm client={client} />);
    const zone = byLabel(el, 'Time zone');
    await type(zone, 'Mars/Olympus');
    zone.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(el.textContent).toContain('Choose a time zone from the list.');
    expect(client.saveSettings).not.toHaveBeenCalled();
    await type(zone, 'Europe/Paris');
    zone.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(client.saveSettings).toHaveBeenCalledWith({ timeZone: 'Europe/Paris' });
    expect(el.textContent).not.toContain('Choose a time zone from the list.');
  });

  it('reports a save that failed', async () => {
    const client = fakeClient();
    client.saveSettings.mockRejectedValueOnce(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const el = await mount(<DefaultsForm client={client} />);
    await type(byLabel(el, 'Days ahead'), '10');
    expect(status(el)).toBe('Could not save this change: QUOTA_BYTES_PER_ITEM quota exceeded');
  });
});
