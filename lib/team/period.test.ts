import { describe, expect, it } from 'vitest';
import { periodDates, periodKey } from './period';

const NY = 'America/New_York';

describe('periodKey', () => {
  it('names "This week" by its days: chosen at 09:00:00.123 or at 16:42, it is the same period', () => {
    const end = '2026-12-07T05:00:00.000Z'; // Monday 00:00 in New York
    const morning = periodKey({ start: '2026-12-02T14:00:00.123Z', end }, NY);
    const afternoon = periodKey({ start: '2026-12-02T21:42:07.000Z', end }, NY);
    expect(morning).toBe('2026-12-02..2026-12-06@America/New_York');
    expect(afternoon).toBe(morning);
  });

  it('a new day is another period (the figures would cover other days)', () => {
    const end = '2026-12-07T05:00:00.000Z';
    expect(periodKey({ start: '2026-12-03T14:00:00Z', end }, NY)).not.toBe(periodKey({ start: '2026-12-02T14:00:00Z', end }, NY));
  });

  it('the end is exclusive; the zone decides the days; no or an unknown zone is UTC', () => {
    expect(periodDates({ start: '2026-11-30T05:00:00Z', end: '2026-12-07T05:00:00Z' }, NY)).toEqual({
      first: '2026-11-30',
      last: '2026-12-06',
      timeZone: NY,
    });
    expect(periodKey({ start: '2026-11-30T05:00:00Z', end: '2026-12-07T05:00:00Z' })).toBe('2026-11-30..2026-12-07@UTC');
    expect(periodKey({ start: '2026-11-30T05:00:00Z', end: '2026-12-07T05:00:00Z' }, 'Mars/Base')).toBe('2026-11-30..2026-12-07@UTC');
    expect(() => periodKey({ start: 'x', end: 'y' })).toThrow(RangeError);
  });
});
