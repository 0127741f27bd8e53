import { describe, expect, it } from 'vitest';
import { addDays, nextMonday, nyDate, nyWorkday } from './dates';

describe('New York dates for the browser tests', () => {
  it('nyDate is the New York calendar date, not the UTC one', () => {
    expect(nyDate(Date.parse('2026-12-07T03:00:00Z'))).toBe('2026-12-06'); // 22:00 in New York
    expect(nyDate(Date.parse('2026-12-07T05:00:00Z'))).toBe('2026-12-07');
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('nextMonday is the Monday after this week, in New York, from any weekday', () => {
    expect(nextMonday(Date.parse('2026-12-07T15:00:00Z'))).toBe('2026-12-14'); // a Monday
    expect(nextMonday(Date.parse('2026-12-06T15:00:00Z'))).toBe('2026-12-07'); // a Sunday
    expect(nextMonday(Date.parse('2026-12-07T03:00:00Z'))).toBe('2026-12-07'); // still Sunday in New York
  });

  it('nyWorkday is 9 to 5 New York time in winter and in summer', () => {
    expect(nyWorkday('2026-12-08')).toEqual({ start: new Date('2026-12-08T14:00:00Z'), end: new Date('2026-12-08T22:00:00Z') });
    expect(nyWorkday('2026-07-08')).toEqual({ start: new Date('2026-07-08T13:00:00Z'), end: new Date('2026-07-08T21:00:00Z') });
  });
});
