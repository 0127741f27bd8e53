import { describe, expect, it } from 'vitest';
import { csvField, figuresToCsv } from './csv';
import { computeFigures, type Figures } from './figures';
import { busy, range, weekdays } from './testSupport';

describe('figuresToCsv', () => {
  it('writes one row per day and a total row', () => {
    // New York week of 2026-11-02; Mon 10:00-11:00 Calendly overlapping 10:30-11:30 external.
    const f = computeFigures({
      schedule: weekdays('America/New_York'),
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z'), busy('external', '2026-11-02T15:30:00Z', '2026-11-02T16:30:00Z')],
      range: range('2026-11-02T05:00Z', '2026-11-09T05:00Z'),
      viewerTimeZone: 'America/New_York',
    });
    expect(figuresToCsv(f)).toBe(
      'date,available_hours,calendly_hours,held_hours,external_hours,busy_hours,free_hours\r\n' +
        '2026-11-02,8.00,1.00,0.00,1.00,1.50,6.50\r\n' +
        '2026-11-03,8.00,0.00,0.00,0.00,0.00,8.00\r\n' +
        '2026-11-04,8.00,0.00,0.00,0.00,0.00,8.00\r\n' +
        '2026-11-05,8.00,0.00,0.00,0.00,0.00,8.00\r\n' +
        '2026-11-06,8.00,0.00,0.00,0.00,0.00,8.00\r\n' +
        '2026-11-07,0.00,0.00,0.00,0.00,0.00,0.00\r\n' +
        '2026-11-08,0.00,0.00,0.00,0.00,0.00,0.00\r\n' +
        'total,40.00,1.00,0.00,1.00,1.50,38.50\r\n',
    );
  });

  it('rounds each row and the exact total separately', () => {
    // 20 min = 0.33 h per row, but the total of 40 min is 0.67 h, not 0.66.
    const f: Figures = {
      availableHours: 1.33,
      scheduledHours: 0.67,
      calendlyHours: 0.67,
      heldHours: 0,
      externalHours: 0,
      freeHours: 0.67,
      utilisation: 0.5,
      lowFreeHint: true,
      days: [
        { date: '2026-11-02', availableMin: 40, scheduledCalendlyMin: 20, scheduledHeldMin: 0, scheduledExternalMin: 0, busyMin: 20, freeMin: 20 },
        { date: '2026-11-03', availableMin: 40, scheduledCalendlyMin: 20, scheduledHeldMin: 0, scheduledExternalMin: 0, busyMin: 20, freeMin: 20 },
      ],
    };
    expect(figuresToCsv(f)).toBe(
      'date,available_hours,calendly_hours,held_hours,external_hours,busy_hours,free_hours\r\n' +
        '2026-11-02,0.67,0.33,0.00,0.00,0.33,0.33\r\n' +
        '2026-11-03,0.67,0.33,0.00,0.00,0.33,0.33\r\n' +
        'total,1.33,0.67,0.00,0.00,0.67,0.67\r\n',
    );
  });

  it('writes the header and a zero total for no days', () => {
    const empty: Figures = { availableHours: 0, scheduledHours: 0, calendlyHours: 0, heldHours: 0, externalHours: 0, freeHours: 0, utilisation: 0, lowFreeHint: true, days: [] };
    expect(figuresToCsv(empty)).toBe(
      'date,available_hours,calendly_hours,held_hours,external_hours,busy_hours,free_hours\r\ntotal,0.00,0.00,0.00,0.00,0.00,0.00\r\n',
    );
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});
