import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings, resolveSettings, supportedLocale, validateSettings } from './settings';

describe('settings', () => {
  it('defaults to the first 5 times within 30 days', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.count).toBe(5);
    expect(DEFAULT_SETTINGS.daysAhead).toBe(30);
  });

  it('repairs invalid stored fields one by one', () => {
    const s = normalizeSettings({ count: 0, daysAhead: 61, layout: 'compact', locale: 'xx', maxPerDay: 2 });
    expect(s.count).toBe(5);
    expect(s.daysAhead).toBe(30);
    expect(s.layout).toBe('compact');
    expect(s.locale).toBe('auto');
    expect(s.maxPerDay).toBe(2);
  });

  it.each([
    [{ count: 21 }, 'count'],
    [{ daysAhead: 0 }, 'daysAhead'],
    [{ daysAhead: 1.5 }, 'daysAhead'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ secondTimeZone: 'Nowhere' }, 'secondTimeZone'],
  ])('validateSettings(%o) flags %s', (input, key) => {
    expect(Object.keys(validateSettings(input))).toEqual([key]);
  });

  it('accepts valid values', () => {
    expect(validateSettings({ count: 20, daysAhead: 60, timeZone: 'Asia/Kathmandu', secondTimeZone: null })).toEqual({});
  });

  it('resolves auto against the browser', () => {
    const r = resolveSettings(DEFAULT_SETTINGS, { timeZone: 'Europe/Berlin', language: 'de-DE' });
    expect(r).toEqual({ timeZone: 'Europe/Berlin', locale: 'de', hour12: false });
    const us = resolveSettings(DEFAULT_SETTINGS, { timeZone: 'America/Chicago', language: 'en-US' });
    expect(us.hour12).toBe(true);
    const sv = resolveSettings(DEFAULT_SETTINGS, { timeZone: 'UTC', language: 'sv-SE' });
    expect(sv.locale).toBe('en');
    const fixed = resolveSettings({ ...DEFAULT_SETTINGS, timeZone: 'Asia/Tokyo', clock: '12h', locale: 'ja' }, { timeZone: 'UTC', language: 'en-GB' });
    expect(fixed).toEqual({ timeZone: 'Asia/Tokyo', locale: 'ja', hour12: true });
  });

  // Issue 19: 'Automatic' follows the event type's booking page language first (Calendly's `locale` enum is
  // en fr es de nl pt it uk; the formatter has en de fr es pt ja).
  it.each([
    ['fr', 'en-US', 'fr'],
    ['pt', 'de-DE', 'pt'],
    ['de', 'ja-JP', 'de'],
    ['nl', 'de-DE', 'de'],
    ['it', 'sv-SE', 'en'],
    ['uk', 'es-MX', 'es'],
    [null, 'fr-CA', 'fr'],
    [undefined, 'en-GB', 'en'],
  ])('auto language with an event type in %s and a browser in %s: %s', (eventLocale, language, want) => {
    const r = resolveSettings(DEFAULT_SETTINGS, { timeZone: 'UTC', language }, { locale: eventLocale });
    expect(r.locale).toBe(want);
  });

  it('a chosen language wins over the event type’s, and the clock still follows the browser', () => {
    const chosen = resolveSettings({ ...DEFAULT_SETTINGS, locale: 'es' }, { timeZone: 'UTC', language: 'en-US' }, { locale: 'fr' });
    expect(chosen.locale).toBe('es');
    const auto = resolveSettings(DEFAULT_SETTINGS, { timeZone: 'UTC', language: 'en-US' }, { locale: 'fr' });
    expect(auto).toEqual({ timeZone: 'UTC', locale: 'fr', hour12: true });
  });

  it.each([
    ['fr', 'fr'],
    ['pt-BR', 'pt'],
    ['de_DE', 'de'],
    ['EN', 'en'],
    ['nl', null],
    ['', null],
    [null, null],
  ])('supportedLocale(%o) = %o', (tag, want) => {
    expect(supportedLocale(tag)).toBe(want);
  });
});
