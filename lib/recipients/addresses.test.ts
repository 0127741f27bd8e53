import { describe, expect, it } from 'vitest';
import { looksLikeAddress, MAX_RECIPIENTS, normalizeRecipients, recipientKey } from './addresses';

describe('looksLikeAddress', () => {
  it.each([
    ['ann@example.com', true],
    ['ann.lee+work@mail.example.co.uk', true],
    ['ann@example', false],
    ['ann example@example.com', false],
    ['Ann <ann@example.com>', false],
    ['ann@@example.com', false],
    ['@example.com', false],
    ['ann@example.com.', false],
    ['', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('%s: %s', (value, want) => {
    expect(looksLikeAddress(value)).toBe(want);
  });
});

describe('normalizeRecipients', () => {
  it('lowercases, trims, drops what is not an address and duplicates, keeps the order', () => {
    expect(normalizeRecipients([' Ann@Example.com', 'bob@example.com', 'ann@example.com', 'not an address', 42, null, 'Carol@example.org'])).toEqual([
      'ann@example.com',
      'bob@example.com',
      'carol@example.org',
    ]);
  });

  it.each([undefined, null, 'ann@example.com', { 0: 'ann@example.com' }, 7])('%o is no addresses', (input) => {
    expect(normalizeRecipients(input)).toEqual([]);
  });

  it(`keeps at most ${MAX_RECIPIENTS}`, () => {
    const many = Array.from({ length: 30 }, (_, i) => `p${i}@example.com`);
    expect(normalizeRecipients(many)).toEqual(many.slice(0, MAX_RECIPIENTS));
  });
});

describe('recipientKey', () => {
  it('is the same key for the same address however it is written, 8 hex digits, and differs between addresses', () => {
    expect(recipientKey(' Ann@Example.com ')).toBe(recipientKey('ann@example.com'));
    expect(recipientKey('ann@example.com')).toMatch(/^[0-9a-f]{8}$/);
    expect(recipientKey('ann@example.com')).not.toBe(recipientKey('bob@example.com'));
    // FNV-1a 32-bit, as published (the empty string's offset basis, and "a").
    expect(recipientKey('')).toBe('811c9dc5');
    expect(recipientKey('a')).toBe('e40c292c');
  });
});
