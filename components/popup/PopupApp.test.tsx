import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventTypeSummary, Result, SlotsAnswer, SlotsRequest, Status } from '@/lib/contract';
import { PopupApp } from './PopupApp';
import { answer, button, byLabel, choose, click, EVENT_TYPES, mount, SOLO_USER, unmountAll } from './testing';

const CONNECTED: Status = { connected: true, user: SOLO_USER };

function setup(opts: { status?: Status; slots?: (req?: SlotsRequest) => Promise<Result<SlotsAnswer>>; types?: Result<EventTypeSummary[]> } = {}) {
  const client = {
    getStatus: vi.fn(async () => opts.status ?? CONNECTED),
    listEventTypes: vi.fn(async () => opts.types ?? ({ ok: true, data: EVENT_TYPES } as const)),
    getSlots: vi.fn(
      opts.slots ??
        (async (req?: SlotsRequest): Promise<Result<SlotsAnswer>> => ({
          ok: true,
          data: answer(EVENT_TYPES.find((e) => e.uri === req?.overrides?.eventTypeUri) ?? EVENT_TYPES[0]),
        })),
    ),
  };
  const props = {
    client,
    openOptions: vi.fn(),
    openAvailability: vi.fn(),
    openPage: vi.fn(),
    copy: vi.fn(async (_c: { html: string; text: string }) => {}),
  };
  return { props, client, view: () => mount(<PopupApp {...props} />) };
}

afterEach(unmountAll);

describe('PopupApp', () => {
  it('not connected: says so, and the button opens the options page', async () => {
    const { props, client, view } = setup({ status: { connected: false } });
    const el = await view();
    expect(el.textContent).toContain('Connect your Calendly account to see and share your open times.');
    await click(button(el, 'Open options'));
    expect(props.openOptions).toHaveBeenCalledTimes(1);
    expect(client.getSlots).not.toHaveBeenCalled();
  });

  it('links to the availability view', async () => {
    const { props, view } = setup();
    const el = await view();
    await click(button(el, 'Team availability'));
    expect(props.openAvailability).toHaveBeenCalledTimes(1);
  });

  it('shows a loading state first', async () => {
    const { client, view } = setup();
    client.getSlots.mockReturnValueOnce(new Promise(() => {}));
    const el = await view();
    expect(el.querySelector('.times [role="status"]')?.textContent).toContain('Loading…');
    expect(el.textContent).not.toContain('Copy');
  });

  it('connected: shows the default event type’s times as the formatter wrote them, and when they were fetched', async () => {
    const { client, view } = setup();
    const el = await view();
    expect(client.getSlots).toHaveBeenCalledWith({ overrides: undefined, fresh: false });
    expect(el.querySelector('.email-body')?.innerHTML).toBe(answer(EVENT_TYPES[0]).html);
    expect(el.querySelector('.email-body a')?.textContent).toBe('10:00 AM');
    const select = byLabel<HTMLSelectElement>(el, 'Event type');
    expect(select.value).toBe(EVENT_TYPES[0]!.uri);
    expect([...select.options].map((o) => o.textContent)).toEqual(['30 Minute Meeting · 30 min', 'Intro Call · 15 min']);
    expect(el.textContent).toMatch(/Updated \d/);
  });

  it('Copy puts the HTML and the plain text on the clipboard together, and says so', async () => {
    const { props, view } = setup();
    const el = await view();
    await click(button(el, 'Copy'));
    const a = answer(EVENT_TYPES[0]);
    expect(props.copy).toHaveBeenCalledWith({ html: a.html, text: a.text });
    expect(button(el, /^Copied/).textContent).toBe('Copied ✓');
  });

  it('says when copying failed', async () => {
    const { props, view } = setup();
    props.copy.mockRejectedValueOnce(new DOMException('Document is not focused.', 'NotAllowedError'));
    const el = await view();
    await click(button(el, 'Copy'));
    expect(el.textContent).toContain('Could not copy to the clipboard. Try again.');
  });

  it('another event type loads its times; Open booking page opens that type’s page', async () => {
    const { props, client, view } = setup();
    const el = await view();
    await choose(byLabel<HTMLSelectElement>(el, 'Event type'), EVENT_TYPES[1]!.uri);
    expect(client.getSlots).toHaveBeenLastCalledWith({ overrides: { eventTypeUri: EVENT_TYPES[1]!.uri }, fresh: false });
    expect(el.querySelector('.email-body')?.innerHTML).toBe(answer(EVENT_TYPES[1]).html);
    await click(button(el, 'Open booking page'));
    expect(props.openPage).toHaveBeenCalledWith('https://calendly.com/avery-quinn/intro-call');
  });

  it('Refresh is an icon button with a name, and asks again for the same event type', async () => {
    const { client, view } = setup();
    const el = await view();
    const refresh = button(el, 'Refresh');
    expect(refresh.querySelector('svg')).not.toBeNull();
    expect(refresh.textContent).toBe('');
    await click(refresh);
    expect(client.getSlots).toHaveBeenCalledTimes(2);
    expect(client.getSlots).toHaveBeenLastCalledWith({ overrides: { eventTypeUri: EVENT_TYPES[0]!.uri }, fresh: true });
  });

  it('error: shows the message, and Try again asks again', async () => {
    const { client, view } = setup({
      slots: async () => ({ ok: false, error: { kind: 'network', message: 'Can’t reach Calendly. Check your connection and try again.' } }),
    });
    const el = await view();
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Can’t reach Calendly.');
    expect(el.textContent).not.toContain('Copy');
    client.getSlots.mockResolvedValueOnce({ ok: true, data: answer() });
    await click(button(el, 'Try again'));
    expect(client.getSlots).toHaveBeenCalledTimes(2);
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelector('.email-body a')).not.toBeNull();
  });

  it('a slow answer for an old choice does not replace the newer one', async () => {
    let releaseFirst!: () => void;
    const { client, view } = setup();
    client.getSlots.mockImplementationOnce(
      () => new Promise((r) => (releaseFirst = () => r({ ok: true, data: answer(EVENT_TYPES[0]) }))),
    );
    const el = await view();
    await choose(byLabel<HTMLSelectElement>(el, 'Event type'), EVENT_TYPES[1]!.uri);
    releaseFirst();
    await click(el); // settle
    expect(el.querySelector('.email-body')?.innerHTML).toBe(answer(EVENT_TYPES[1]).html);
    expect(byLabel<HTMLSelectElement>(el, 'Event type').value).toBe(EVENT_TYPES[1]!.uri);
  });

  it('the settings button opens the options page', async () => {
    const { props, view } = setup();
    const el = await view();
    await click(button(el, 'Settings'));
    expect(props.openOptions).toHaveBeenCalledTimes(1);
  });
});
