import { describe, expect, it } from 'vitest';
import { isTrustedSender, senderContext } from './sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('isTrustedSender', () => {
  it.each([
    ['own options page', { id: ID, url: `${ORIGIN}options.html` }, true],
    ['own content script on Gmail', { id: ID, url: 'https://mail.google.com/mail/u/0/', tab: {} }, true],
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }, false],
    ['own id but a non-Gmail page', { id: ID, url: 'https://evil.example/', tab: {} }, false],
    ['Gmail over http', { id: ID, url: 'http://mail.google.com/', tab: {} }, false],
    ['look-alike host', { id: ID, url: 'https://mail.google.com.evil.example/', tab: {} }, false],
    ['no url', { id: ID }, false],
  ])('%s', (_name, sender, expected) => {
    expect(isTrustedSender(sender, ID, ORIGIN)).toBe(expected);
  });
});

describe('senderContext', () => {
  it.each([
    ['own popup', { id: ID, url: `${ORIGIN}popup.html` }, 'page'],
    ['own options page in a tab', { id: ID, url: `${ORIGIN}options.html`, tab: {} }, 'page'],
    ['own content script on Gmail', { id: ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: {} }, 'content'],
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }, null],
    ["another extension's page claiming our origin", { id: 'other', url: `${ORIGIN}options.html` }, null],
    ['own id on a non-Gmail page', { id: ID, url: 'https://evil.example/', tab: {} }, null],
  ] as const)('%s', (_name, sender, expected) => {
    expect(senderContext(sender, ID, ORIGIN)).toBe(expected);
  });
});
