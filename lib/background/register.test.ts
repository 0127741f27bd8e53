import { describe, expect, it, vi } from 'vitest';
import { CONTRACT, MESSAGE_TYPES, type Handlers, type MessageType } from '../contract';
import { registerHandlers, RefusedMessage, type Listen } from './register';
import type { SenderLike } from './sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const PAGE: SenderLike = { id: ID, url: `${ORIGIN}options.html`, tab: {} };
const POPUP: SenderLike = { id: ID, url: `${ORIGIN}popup.html` };
const CONTENT: SenderLike = { id: ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: {} };
const OTHER_EXTENSION: SenderLike = { id: 'other', url: 'chrome-extension://other/page.html' };
const WEB_PAGE: SenderLike = { id: ID, url: 'https://evil.example/', tab: {} };

/** Registers handlers that record their calls, over a fake `onMessage`; returns a way to deliver messages. */
function setup() {
  const calls: { type: MessageType; data: unknown }[] = [];
  const handlers = Object.fromEntries(
    MESSAGE_TYPES.map((type) => [type, vi.fn(async (data: unknown) => (calls.push({ type, data }), `answer:${type}`))]),
  ) as unknown as Handlers;
  const listeners = new Map<MessageType, Parameters<Listen>[1]>();
  registerHandlers(handlers, {
    listen: (type, listener) => listeners.set(type, listener),
    ownId: ID,
    ownOrigin: ORIGIN,
    refusal: () => 'This request did not come from Open Slots.',
  });
  const deliver = (type: MessageType, sender: SenderLike, data: unknown = undefined) => listeners.get(type)!({ data, sender });
  return { calls, listeners, deliver };
}

/** What the policy is meant to be, written out independently of CONTRACT. */
const CONTENT_MAY = ['getStatus', 'listEventTypes', 'getSlots', 'prefetch', 'openOptions', 'reportComposes', 'checkOffered'];
/** Messages only the content script sends (the extension pages are refused them). */
const CONTENT_ONLY = ['prefetch', 'reportComposes', 'checkOffered'];

describe('registerHandlers', () => {
  it('listens for every message in the contract, once', () => {
    const { listeners } = setup();
    expect([...listeners.keys()].sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it('the content script on Gmail may ask for slots, event types, status, the warm-up, the offered-times check and the options page, nothing else', () => {
    expect(MESSAGE_TYPES.filter((type) => CONTRACT[type].from.some((c) => c === 'content')).sort()).toEqual([...CONTENT_MAY].sort());
  });

  it.each(MESSAGE_TYPES.filter((t) => !CONTENT_MAY.includes(t)))('refuses %s from the content script; its handler never runs', async (type) => {
    const { calls, deliver } = setup();
    await expect(deliver(type, CONTENT, {})).rejects.toThrow(RefusedMessage);
    await expect(deliver(type, CONTENT, {})).rejects.toThrow('This request did not come from Open Slots.');
    expect(calls).toEqual([]);
  });

  it.each(CONTENT_MAY)('answers %s from the content script', async (type) => {
    const { calls, deliver } = setup();
    await expect(deliver(type as MessageType, CONTENT, { overrides: { count: 2 } })).resolves.toBe(`answer:${type}`);
    expect(calls).toEqual([{ type, data: { overrides: { count: 2 } } }]);
  });

  it('answers every message but the warm-up, the compose report and the offered-times check from the extension pages (in a tab or the popup)', async () => {
    const { calls, deliver } = setup();
    for (const type of MESSAGE_TYPES.filter((t) => !CONTENT_ONLY.includes(t))) {
      await expect(deliver(type, PAGE)).resolves.toBe(`answer:${type}`);
      await expect(deliver(type, POPUP)).resolves.toBe(`answer:${type}`);
    }
    expect(calls).toHaveLength(2 * (MESSAGE_TYPES.length - CONTENT_ONLY.length));
    for (const type of CONTENT_ONLY) await expect(deliver(type as MessageType, POPUP)).rejects.toThrow(RefusedMessage);
  });

  it('gives a handler the sender as its second argument (reportComposes needs the tab)', async () => {
    const handlers = Object.fromEntries(MESSAGE_TYPES.map((type) => [type, vi.fn(async () => null)])) as unknown as Handlers;
    const listeners = new Map<MessageType, Parameters<Listen>[1]>();
    registerHandlers(handlers, { listen: (type, l) => listeners.set(type, l), ownId: ID, ownOrigin: ORIGIN, refusal: () => 'no' });
    const sender = { ...CONTENT, tab: { id: 42 } };
    await listeners.get('reportComposes')!({ data: { composes: [] }, sender });
    expect(handlers.reportComposes).toHaveBeenCalledWith({ composes: [] }, sender);
  });

  it.each([
    ['another extension', OTHER_EXTENSION],
    ['a web page with our id', WEB_PAGE],
    ['Gmail over http', { id: ID, url: 'http://mail.google.com/', tab: {} }],
    ['Gmail without a tab', { id: ID, url: 'https://mail.google.com/' }],
    ['no url', { id: ID }],
  ])('refuses everything from %s', async (_name, sender) => {
    const { calls, deliver } = setup();
    for (const type of MESSAGE_TYPES) await expect(deliver(type, sender)).rejects.toThrow(RefusedMessage);
    expect(calls).toEqual([]);
  });

  it('calls handlers as methods of the handlers object (a handler may use `this`)', async () => {
    const seen: unknown[] = [];
    const handlers = Object.fromEntries(MESSAGE_TYPES.map((type) => [type, async () => null])) as unknown as Handlers;
    handlers.getStatus = function (this: Handlers) {
      seen.push(this);
      return { connected: false } as const;
    };
    let listener!: Parameters<Listen>[1];
    registerHandlers(handlers, {
      listen: (type, l) => void (type === 'getStatus' && (listener = l)),
      ownId: ID,
      ownOrigin: ORIGIN,
      refusal: () => 'no',
    });
    await expect(listener({ data: undefined, sender: POPUP })).resolves.toEqual({ connected: false });
    expect(seen).toEqual([handlers]);
  });
});
