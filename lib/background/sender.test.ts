import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

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
