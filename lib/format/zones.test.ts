import { describe, expect, it } from 'vitest';
import { dayKey, isValidTimeZone, parseInstant, shortZoneName, timeZoneLabel } from './zones';

describe('parseInstant', () => {
  it.each([
    ['2026-11-26T15:00:00.000000Z', '2026-11-26T15:00:00.000Z'],
    ['2026-11-26T15:00:00.123456Z', '2026-11-26T15:00:00.123Z'],
    ['2026-11-26T15:00:00.999999Z', '2026-11-26T15:00:00.999Z'],
    ['2026-11-26T15:00:00.5Z', '2026-11-26T15:00:00.500Z'],
    ['2026-11-26T15:00:00Z', '2026-11-26T15:00:00.000Z'],
    ['2026-11-26T15:00Z', '2026-11-26T15:00:00.000Z'],
    ['2026-11-26T15:00:00.000000+01:00', '2026-11-26T14:00:00.000Z'],
    ['2026-11-26T15:00:00.000000-0530', '2026-11-26T20:30:00.000Z'],
    ['2026-11-26t15:00:00.000000z', '2026-11-26T15:00:00.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseInstant(input)?.toISOString()).toBe(iso);
  });

  it.each(['', 'not a date', '2026-11-26T15:00:00', '2026-11-26', '2026-13-40T99:00:00Z', '1700000000'])(
    'rejects %j',
    (input) => {
      expect(parseInstant(input)).toBeNull();
    },
  );
});

describe('isValidTimeZone / dayKey', () => {
  it.each([
    ['Europe/Berlin', true],
    ['Pacific/Chatham', true],
    ['UTC', true],
    ['Not/AZone', false],
    ['', false],
    [null, false],
  ])('%j valid: %s', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });

  it.each([
    ['2026-11-25T04:30:00Z', 'America/New_York', '2026-11-24'],
    ['2026-11-25T04:30:00Z', 'Europe/Berlin', '2026-11-25'],
    ['2026-12-31T23:30:00Z', 'Asia/Tokyo', '2027-01-01'],
    ['2027-01-01T04:30:00Z', 'America/New_York', '2026-12-31'],
  ])('%s in %s is %s', (iso, tz, key) => {
    expect(dayKey(new Date(iso), tz)).toBe(key);
  });
});

describe('shortZoneName', () => {
  it.each([
    ['America/New_York', '2026-01-15T12:00:00Z', 'EST'],
    ['America/New_York', '2026-07-15T12:00:00Z', 'EDT'],
    ['Europe/Berlin', '2026-01-15T12:00:00Z', 'CET'],
    ['Europe/Berlin', '2026-07-15T12:00:00Z', 'CEST'],
    ['Europe/London', '2026-07-15T12:00:00Z', 'BST'],
    ['Australia/Sydney', '2026-01-15T12:00:00Z', 'AEDT'],
    ['Australia/Sydney', '2026-07-15T12:00:00Z', 'AEST'],
    ['Asia/Kolkata', '2026-01-15T12:00:00Z', 'IST'],
    ['Asia/Kathmandu', '2026-01-15T12:00:00Z', 'GMT+5:45'],
    ['UTC', '2026-01-15T12:00:00Z', 'UTC'],
  ])('%s at %s → %s', (tz, iso, abbr) => {
    expect(shortZoneName(tz, new Date(iso))).toBe(abbr);
  });
});

describe('timeZoneLabel', () => {
  it.each([
    ['Europe/Berlin', '2026-01-15T12:00:00Z', 'en', 'Central European Standard Time (UTC+01:00)'],
    ['Europe/Berlin', '2026-07-15T12:00:00Z', 'en', 'Central European Summer Time (UTC+02:00)'],
    ['Europe/Berlin', '2026-01-15T12:00:00Z', 'de', 'Mitteleuropäische Normalzeit (UTC+01:00)'],
    ['America/New_York', '2026-03-07T12:00:00Z', 'en', 'Eastern Standard Time (UTC-05:00)'],
    ['America/New_York', '2026-03-09T12:00:00Z', 'en', 'Eastern Daylight Time (UTC-04:00)'],
    ['Australia/Sydney', '2026-04-04T15:30:00Z', 'en', 'Australian Eastern Daylight Time (UTC+11:00)'],
    ['Australia/Sydney', '2026-04-04T16:30:00Z', 'en', 'Australian Eastern Standard Time (UTC+10:00)'],
    ['Asia/Kolkata', '2026-01-15T12:00:00Z', 'en', 'India Standard Time (UTC+05:30)'],
    ['Asia/Kathmandu', '2026-01-15T12:00:00Z', 'en', 'Nepal Time (UTC+05:45)'],
    ['Pacific/Chatham', '2026-06-15T12:00:00Z', 'en', 'Chatham Standard Time (UTC+12:45)'],
    ['Pacific/Chatham', '2026-11-15T12:00:00Z', 'en', 'Chatham Daylight Time (UTC+13:45)'],
    ['UTC', '2026-01-15T12:00:00Z', 'en', 'Coordinated Universal Time (UTC+00:00)'],
    ['Not/AZone', '2026-01-15T12:00:00Z', 'en', 'Coordinated Universal Time (UTC+00:00)'],
  ] as const)('%s at %s (%s)', (tz, iso, locale, label) => {
    expect(timeZoneLabel(tz, new Date(iso), locale)).toBe(label);
  });
});
