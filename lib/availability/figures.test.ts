import { describe, expect, it } from 'vitest';
import type { BusyTime, ScheduleRule } from '../calendly/types';
import { computeFigures, type DayFigures } from './figures';
import { NINE_TO_FIVE, busy, range, schedule, weekdays } from './testSupport';

const NY = 'America/New_York';
// New York week of Monday 2026-11-02 (EST, UTC-5): 09:00-17:00 is 14:00Z-22:00Z; 40 h available.
const WEEK = range('2026-11-02T05:00Z', '2026-11-09T05:00Z');
const day = (date: string, a: number, c: number, e: number, b: number, f: number): DayFigures => ({
  date,
  availableMin: a,
  scheduledCalendlyMin: c,
  scheduledHeldMin: 0,
  scheduledExternalMin: e,
  busyMin: b,
  freeMin: f,
});

describe('computeFigures: New York schedule and viewer, week of 2026-11-02', () => {
  it.each([
    {
      name: 'no busy times',
      busy: [] as BusyTime[],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 0, calendlyHours: 0, externalHours: 0, freeHours: 40, utilisation: 0 },
      days: { '2026-11-02': day('2026-11-02', 480, 0, 0, 0, 480), '2026-11-07': day('2026-11-07', 0, 0, 0, 0, 0) },
    },
    {
      // Mon 10:00-11:00 Calendly and 10:30-11:30 external: 90 busy minutes, not 120.
      name: 'Calendly overlapping external counts once in busy',
      busy: [busy('calendly', '2026-11-02T15:00:00.000000Z', '2026-11-02T16:00:00.000000Z'), busy('external', '2026-11-02T15:30:00.000000Z', '2026-11-02T16:30:00.000000Z')],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 1.5, calendlyHours: 1, externalHours: 1, freeHours: 38.5, utilisation: 1.5 / 40 },
      days: { '2026-11-02': day('2026-11-02', 480, 60, 60, 90, 390) },
    },
    {
      name: 'two overlapping Calendly events count once',
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z'), busy('calendly', '2026-11-02T15:30:00Z', '2026-11-02T16:30:00Z')],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 1.5, calendlyHours: 1.5, externalHours: 0, freeHours: 38.5, utilisation: 1.5 / 40 },
      days: { '2026-11-02': day('2026-11-02', 480, 90, 0, 90, 390) },
    },
    {
      // Saturday 10:00-12:00: scheduled, but takes nothing from free time.
      name: 'busy outside availability',
      busy: [busy('external', '2026-11-07T15:00:00Z', '2026-11-07T17:00:00Z')],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 2, calendlyHours: 0, externalHours: 2, freeHours: 40, utilisation: 0 },
      days: { '2026-11-07': day('2026-11-07', 0, 0, 120, 0, 0) },
    },
    {
      // Mon 22:00 to Tue 02:00: split 120 / 120 between the two days, all outside availability.
      name: 'busy crossing midnight outside availability',
      busy: [busy('calendly', '2026-11-03T03:00:00Z', '2026-11-03T07:00:00Z')],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 4, calendlyHours: 4, externalHours: 0, freeHours: 40, utilisation: 0 },
      days: { '2026-11-02': day('2026-11-02', 480, 120, 0, 0, 480), '2026-11-03': day('2026-11-03', 480, 120, 0, 0, 480) },
    },
    {
      // Thu 16:00 to Fri 10:00 (18 h): Thu 16:00-24:00 = 480, Fri 00:00-10:00 = 600; 60 + 60 busy in availability.
      name: 'busy crossing midnight into availability on both days',
      busy: [busy('external', '2026-11-05T21:00:00Z', '2026-11-06T15:00:00Z')],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 18, calendlyHours: 0, externalHours: 18, freeHours: 38, utilisation: 2 / 40 },
      days: { '2026-11-05': day('2026-11-05', 480, 0, 480, 60, 420), '2026-11-06': day('2026-11-06', 480, 0, 600, 60, 420) },
    },
    {
      // Sun 23:00 to Mon 01:00 of the next week: only the hour inside the range counts.
      name: 'busy partly after the range is clipped',
      busy: [busy('calendly', '2026-11-09T04:00:00Z', '2026-11-09T06:00:00Z')],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 1, calendlyHours: 1, externalHours: 0, freeHours: 40, utilisation: 0 },
      days: { '2026-11-08': day('2026-11-08', 0, 60, 0, 0, 0) },
    },
    {
      // Mon 10:00-11:00 with 15-minute buffers each side.
      name: 'buffered times ignored by default',
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z', { start: '2026-11-02T14:45:00Z', end: '2026-11-02T16:15:00Z' })],
      buffered: false,
      totals: { availableHours: 40, scheduledHours: 1, calendlyHours: 1, externalHours: 0, freeHours: 39, utilisation: 1 / 40 },
      days: { '2026-11-02': day('2026-11-02', 480, 60, 0, 60, 420) },
    },
    {
      name: 'buffered times used when asked',
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z', { start: '2026-11-02T14:45:00Z', end: '2026-11-02T16:15:00Z' })],
      buffered: true,
      totals: { availableHours: 40, scheduledHours: 1.5, calendlyHours: 1.5, externalHours: 0, freeHours: 38.5, utilisation: 1.5 / 40 },
      days: { '2026-11-02': day('2026-11-02', 480, 90, 0, 90, 390) },
    },
    {
      // Buffer starts 08:45, before availability: scheduled 90 min, busy within availability 75.
      name: 'a buffer reaching before availability',
      busy: [busy('calendly', '2026-11-03T14:00:00Z', '2026-11-03T15:00:00Z', { start: '2026-11-03T13:45:00Z', end: '2026-11-03T15:15:00Z' })],
      buffered: true,
      totals: { availableHours: 40, scheduledHours: 1.5, calendlyHours: 1.5, externalHours: 0, freeHours: 38.75, utilisation: 1.25 / 40 },
      days: { '2026-11-03': day('2026-11-03', 480, 90, 0, 75, 405) },
    },
  ])('$name', ({ busy: b, buffered, totals, days }) => {
    const f = computeFigures({ schedule: weekdays(NY), busy: b, range: WEEK, viewerTimeZone: NY, buffered });
    const { utilisation, ...hours } = totals;
    expect(f).toMatchObject(hours);
    expect(f.utilisation).toBeCloseTo(utilisation, 12);
    expect(f.days.map((d) => d.date)).toEqual([
      '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08',
    ]);
    for (const [date, expected] of Object.entries(days)) expect(f.days.find((d) => d.date === date)).toEqual(expected);
  });
});

describe('computeFigures: other zones and ranges', () => {
  it('splits a New York schedule at Tokyo midnights for a Tokyo viewer', () => {
    // NY 09:00-17:00 EST = Tokyo 23:00-07:00 next day. The NY week is Tokyo 11-02 14:00 to 11-09 14:00.
    // Calendly Mon 16:00-18:00 NY = Tokyo 11-03 06:00-08:00 (60 min inside availability).
    // External Tue 09:30-10:30 NY = Tokyo 11-03 23:30 to 11-04 00:30 (all inside availability).
    const f = computeFigures({
      schedule: weekdays(NY),
      busy: [busy('calendly', '2026-11-02T21:00:00Z', '2026-11-02T23:00:00Z'), busy('external', '2026-11-03T14:30:00Z', '2026-11-03T15:30:00Z')],
      range: WEEK,
      viewerTimeZone: 'Asia/Tokyo',
    });
    expect(f.days).toEqual([
      day('2026-11-02', 60, 0, 0, 0, 60), // Mon NY 09:00-10:00 = 23:00-24:00
      day('2026-11-03', 480, 120, 30, 90, 390), // Mon's 420 + Tue's 60
      day('2026-11-04', 480, 0, 30, 30, 450),
      day('2026-11-05', 480, 0, 0, 0, 480),
      day('2026-11-06', 480, 0, 0, 0, 480),
      day('2026-11-07', 420, 0, 0, 0, 420), // Fri NY's 01:00-07:00 part
      day('2026-11-08', 0, 0, 0, 0, 0),
      day('2026-11-09', 0, 0, 0, 0, 0), // until 14:00 Tokyo, the range end
    ]);
    expect(f).toMatchObject({ availableHours: 40, scheduledHours: 3, calendlyHours: 2, externalHours: 1, freeHours: 38 });
    expect(f.utilisation).toBeCloseTo(2 / 40, 12);
  });

  it('counts a New York week with the fall-back Sunday, seven days 09:00-17:00', () => {
    const daily = schedule(
      NY,
      ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map(
        (wday): ScheduleRule => ({ type: 'wday', wday, intervals: NINE_TO_FIVE }),
      ),
    );
    // Sunday 11-01 10:00-12:00 EST is 15:00Z-17:00Z (it would be 14:00Z-16:00Z a day earlier).
    const f = computeFigures({
      schedule: daily,
      busy: [busy('calendly', '2026-11-01T15:00:00Z', '2026-11-01T17:00:00Z')],
      range: range('2026-10-26T04:00Z', '2026-11-02T05:00Z'),
      viewerTimeZone: NY,
    });
    expect(f.days.map((d) => d.availableMin)).toEqual([480, 480, 480, 480, 480, 480, 480]);
    expect(f.days.at(-1)).toEqual(day('2026-11-01', 480, 120, 0, 120, 360));
    expect(f).toMatchObject({ availableHours: 56, calendlyHours: 2, freeHours: 54 });
  });

  it('handles three weeks with overrides', () => {
    // 15 weekdays x 8 h = 120 h; minus Wed 11-11 (empty override) = 112; plus Sat 11-21 10:00-13:00 = 115.
    const s = weekdays(NY, [
      { type: 'date', date: '2026-11-11', intervals: [] },
      { type: 'date', date: '2026-11-21', intervals: [{ from: '10:00', to: '13:00' }] },
    ]);
    const f = computeFigures({
      schedule: s,
      busy: [busy('calendly', '2026-11-20T14:00:00Z', '2026-11-20T15:00:00Z'), busy('external', '2026-11-21T15:00:00Z', '2026-11-21T15:45:00Z')],
      range: range('2026-11-02T05:00Z', '2026-11-23T05:00Z'),
      viewerTimeZone: NY,
    });
    expect(f.days).toHaveLength(21);
    expect(f.days.find((d) => d.date === '2026-11-11')).toEqual(day('2026-11-11', 0, 0, 0, 0, 0));
    expect(f.days.find((d) => d.date === '2026-11-21')).toEqual(day('2026-11-21', 180, 0, 45, 45, 135));
    expect(f).toMatchObject({ availableHours: 115, scheduledHours: 1.75, calendlyHours: 1, externalHours: 0.75, freeHours: 113.25 });
    expect(f.utilisation).toBeCloseTo(1.75 / 115, 12);
  });

  it('reports scheduled time but no availability for an empty schedule', () => {
    const f = computeFigures({
      schedule: schedule(NY, []),
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z')],
      range: WEEK,
      viewerTimeZone: NY,
    });
    expect(f).toMatchObject({ availableHours: 0, scheduledHours: 1, calendlyHours: 1, freeHours: 0, utilisation: 0, lowFreeHint: true });
    expect(f.days).toHaveLength(7);
    expect(f.days[0]).toEqual(day('2026-11-02', 0, 60, 0, 0, 0));
  });

  it('keeps minutes exact and rounds hours to 2 decimals', () => {
    // 20 busy minutes: 0.333... h shows as 0.33; free 39.666... shows as 39.67.
    const f = computeFigures({
      schedule: weekdays(NY),
      busy: [busy('external', '2026-11-02T15:00:00Z', '2026-11-02T15:20:00Z')],
      range: WEEK,
      viewerTimeZone: NY,
    });
    expect(f).toMatchObject({ externalHours: 0.33, freeHours: 39.67 });
    expect(f.days[0]).toEqual(day('2026-11-02', 480, 0, 20, 20, 460));
  });

  it.each([
    // Free time 38.5 h (Mon 10:00-11:30 busy).
    { threshold: undefined, hint: false }, // default 5 h
    { threshold: 38.5, hint: false },
    { threshold: 38.51, hint: true },
    { threshold: 40, hint: true },
  ])('lowFreeHint with threshold $threshold is $hint', ({ threshold, hint }) => {
    const f = computeFigures({
      schedule: weekdays(NY),
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:30:00Z')],
      range: WEEK,
      viewerTimeZone: NY,
      lowFreeThresholdHours: threshold,
    });
    expect(f.freeHours).toBe(38.5);
    expect(f.lowFreeHint).toBe(hint);
  });
});

describe('computeFigures: reserved holds ("Held")', () => {
  it('counts a reserved hold as scheduled, in its own category, and takes it from free time', () => {
    // Mon 2026-11-02 NY: Calendly 10:00-11:00, held 10:30-12:00 (overlaps the event), external 16:30-18:00.
    const f = computeFigures({
      schedule: weekdays(NY),
      busy: [
        busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z'),
        busy('reserved', '2026-11-02T15:30:00Z', '2026-11-02T17:00:00Z'),
        busy('external', '2026-11-02T21:30:00Z', '2026-11-02T23:00:00Z'),
      ],
      range: WEEK,
      viewerTimeZone: NY,
    });
    // Scheduled = union 10:00-12:00 + 16:30-18:00 = 3.5 h; inside 09-17: 2 h + 0.5 h = 2.5 h busy; free 40 - 2.5.
    expect(f).toMatchObject({ availableHours: 40, scheduledHours: 3.5, calendlyHours: 1, heldHours: 1.5, externalHours: 1.5, freeHours: 37.5 });
    expect(f.days[0]).toMatchObject({ date: '2026-11-02', scheduledCalendlyMin: 60, scheduledHeldMin: 90, scheduledExternalMin: 90, busyMin: 150, freeMin: 330 });
  });
});
