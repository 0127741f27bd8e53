/** Helpers for the pages' component tests (happy-dom): mount, settle promises, type and choose like a user. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';
import type { BackgroundClient } from '@/lib/contract/pages';
import type { ConnectedUser, EventTypeSummary, SlotsAnswer, Status } from '@/lib/contract';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';

export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

/**
 * For pages rendered synchronously with `act(() => render(…, root()))`: a fresh root element for each test,
 * unmounted and removed after it, with `<html lang>` reset and stubbed globals restored.
 */
export function pageRoot(): () => HTMLDivElement {
  let root: HTMLDivElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
    document.documentElement.lang = '';
  });
  afterEach(() => {
    act(() => render(null, root));
    root.remove();
    vi.unstubAllGlobals();
  });
  return () => root;
}

/** An element's text with runs of white space as one space. */
export const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export async function mount(vnode: ComponentChild): Promise<HTMLElement> {
  const el = document.createElement('div');
  document.body.append(el);
  await act(() => {
    render(vnode, el);
  });
  await flush();
  return el;
}

export function unmountAll(): void {
  for (const el of [...document.body.children]) {
    render(null, el);
    el.remove();
  }
}

/** The form control whose <label> reads `text` (for=, or wrapping). */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: HTMLElement, text: string): T {
  for (const label of root.querySelectorAll('label')) {
    const own = (label.querySelector('span')?.textContent ?? label.textContent ?? '').trim();
    if (own !== text) continue;
    const control = label.htmlFor ? root.querySelector(`#${CSS.escape(label.htmlFor)}`) : label.querySelector('input, select');
    if (control) return control as T;
  }
  throw new Error(`No control labelled "${text}"`);
}

export function button(root: HTMLElement, name: string | RegExp): HTMLButtonElement {
  const all = [...root.querySelectorAll('button')];
  const found = all.find((b) => {
    const n = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
    return typeof name === 'string' ? n === name : name.test(n);
  });
  if (!found) throw new Error(`No button "${name}" among: ${all.map((b) => b.getAttribute('aria-label') ?? b.textContent).join(', ')}`);
  return found;
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
}

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

export async function click(el: HTMLElement): Promise<void> {
  await act(() => {
    el.click();
  });
  await flush();
}

export async function submit(form: HTMLFormElement): Promise<void> {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await flush();
}

/** The connected account of the component tests: a member of an organization Calendly did not name. */
export const USER: ConnectedUser = {
  name: 'Avery Quinn',
  email: 'avery@example.com',
  timezone: 'America/New_York',
  schedulingUrl: 'https://calendly.com/avery-quinn',
  organization: 'https://api.calendly.com/organizations/ORG',
  organizationName: null,
  via: 'token',
};
/** The same account without an organization. */
export const SOLO_USER: ConnectedUser = { ...USER, organization: null };

/** A background client for the options page that answers everything: `status`, default settings, the event types, slots. */
export function optionsClient(status: Status | Promise<Status>): BackgroundClient {
  return {
    getStatus: vi.fn(async () => status),
    connect: vi.fn(),
    disconnect: vi.fn(),
    loadSettings: vi.fn(async () => DEFAULT_SETTINGS),
    saveSettings: vi.fn(),
    listEventTypes: vi.fn(async () => ({ ok: true, data: EVENT_TYPES }) as const),
    getSlots: vi.fn(async () => ({ ok: true, data: answer() }) as const),
    countRecipientZones: vi.fn(async () => 0),
    forgetRecipientZones: vi.fn(async () => ({ ok: true, data: null }) as const),
  } as unknown as BackgroundClient;
}

export const EVENT_TYPES: EventTypeSummary[] = [
  {
    uri: 'https://api.calendly.com/event_types/30',
    name: '30 Minute Meeting',
    slug: '30min',
    oneOff: false,
    durationMinutes: 30,
    schedulingUrl: 'https://calendly.com/avery-quinn/30min',
    owner: 'Avery Quinn',
    scope: 'user',
  },
  {
    uri: 'https://api.calendly.com/event_types/intro',
    name: 'Intro Call',
    slug: 'intro-call',
    oneOff: false,
    durationMinutes: 15,
    schedulingUrl: 'https://calendly.com/avery-quinn/intro-call',
    owner: 'Avery Quinn',
    scope: 'user',
  },
];

export function answer(eventType: EventTypeSummary = EVENT_TYPES[0]!, over: Partial<SlotsAnswer> = {}): SlotsAnswer {
  const url = `${eventType.schedulingUrl}/2030-01-07T15:00:00Z`;
  return {
    eventType,
    slots: [{ start_time: '2030-01-07T15:00:00Z', scheduling_url: url }],
    html: `<p><b>${eventType.name}</b></p><ul><li><a href="${url}">10:00 AM</a></li></ul>`,
    text: `${eventType.name}\n- 10:00 AM: ${url}`,
    slotCount: 1,
    fetchedAt: Date.parse('2030-01-06T12:00:00Z'),
    timeZone: 'America/New_York',
    daysAhead: 30,
    count: 5,
    ...over,
  };
}
