import { describe, expect, it } from 'vitest';
import type { ScheduleRule } from '../calendly/types';
import { MINUTE_MS, totalMs } from './intervals';
import { expandSchedule, parseWallTime } from './schedule';
import { NINE_TO_FIVE, iso, range, schedule, weekdays } from './testSupport';

const sundayOnly = (tz: string, from: string, to: string) =>
  schedule(tz, [{ type: 'wday', wday: 'sunday', intervals: [{ from, to }] }]);

const daily = (tz: string) =>
  schedule(
    tz,
    ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map(
      (wday): ScheduleRule => ({ type: 'wday', wday, intervals: NINE_TO_FIVE }),
    ),
  );

const minutes = (xs: { start: number; end: number }[]) => totalMs(xs) / MINUTE_MS;

describe('parseWallTime', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['9:05', 545],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:30', null],
    ['12:60', null],
    ['9am', null],
  ])('%s -> %s', (s, out) => {
    expect(parseWallTime(s)).toBe(out);
  });
});

describe('expandSchedule on DST-switch days (whole zone day as range)', () => {
  // Range = that Sunday's midnight to the next midnight in the zone, written as UTC by hand.
  it.each([
    // New York falls back 2026-11-01 02:00 EDT -> 01:00 EST: a 25-hour day, 04:00Z to 05:00Z next day.
    { tz: 'America/New_York', day: ['2026-11-01T04:00Z', '2026-11-02T05:00Z'], from: '09:00', to: '17:00', min: 480, out: ['2026-11-01T14:00:00.000Z/2026-11-01T22:00:00.000Z'] },
    { tz: 'America/New_York', day: ['2026-11-01T04:00Z', '2026-11-02T05:00Z'], from: '00:00', to: '24:00', min: 1500, out: ['2026-11-01T04:00:00.000Z/2026-11-02T05:00:00.000Z'] },
    // 01:00 happens twice; the rule starts at the first (EDT) one and ends at 03:00 EST: 3 real hours.
    { tz: 'America/New_York', day: ['2026-11-01T04:00Z', '2026-11-02T05:00Z'], from: '01:00', to: '03:00', min: 180, out: ['2026-11-01T05:00:00.000Z/2026-11-01T08:00:00.000Z'] },
    // New York springs forward 2026-03-08 02:00 EST -> 03:00 EDT: a 23-hour day, 05:00Z to 04:00Z next day.
    { tz: 'America/New_York', day: ['2026-03-08T05:00Z', '2026-03-09T04:00Z'], from: '09:00', to: '17:00', min: 480, out: ['2026-03-08T13:00:00.000Z/2026-03-08T21:00:00.000Z'] },
    { tz: 'America/New_York', day: ['2026-03-08T05:00Z', '2026-03-09T04:00Z'], from: '01:00', to: '04:00', min: 120, out: ['2026-03-08T06:00:00.000Z/2026-03-08T08:00:00.000Z'] },
    // Starting inside the skipped hour: the rule starts when the clocks jump (07:00Z = 03:00 EDT).
    { tz: 'America/New_York', day: ['2026-03-08T05:00Z', '2026-03-09T04:00Z'], from: '02:30', to: '05:00', min: 120, out: ['2026-03-08T07:00:00.000Z/2026-03-08T09:00:00.000Z'] },
    { tz: 'America/New_York', day: ['2026-03-08T05:00Z', '2026-03-09T04:00Z'], from: '02:00', to: '03:00', min: 0, out: [] },
    { tz: 'America/New_York', day: ['2026-03-08T05:00Z', '2026-03-09T04:00Z'], from: '00:00', to: '24:00', min: 1380, out: ['2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z'] },
    // Berlin falls back 2026-10-25 03:00 CEST -> 02:00 CET: 22:00Z to 23:00Z next day.
    { tz: 'Europe/Berlin', day: ['2026-10-24T22:00Z', '2026-10-25T23:00Z'], from: '09:00', to: '17:00', min: 480, out: ['2026-10-25T08:00:00.000Z/2026-10-25T16:00:00.000Z'] },
    { tz: 'Europe/Berlin', day: ['2026-10-24T22:00Z', '2026-10-25T23:00Z'], from: '00:00', to: '24:00', min: 1500, out: ['2026-10-24T22:00:00.000Z/2026-10-25T23:00:00.000Z'] },
    { tz: 'Europe/Berlin', day: ['2026-10-24T22:00Z', '2026-10-25T23:00Z'], from: '02:00', to: '04:00', min: 180, out: ['2026-10-25T00:00:00.000Z/2026-10-25T03:00:00.000Z'] },
    // Berlin springs forward 2026-03-29 02:00 CET -> 03:00 CEST.
    { tz: 'Europe/Berlin', day: ['2026-03-28T23:00Z', '2026-03-29T22:00Z'], from: '01:00', to: '04:00', min: 120, out: ['2026-03-29T00:00:00.000Z/2026-03-29T02:00:00.000Z'] },
    { tz: 'Europe/Berlin', day: ['2026-03-28T23:00Z', '2026-03-29T22:00Z'], from: '09:00', to: '17:00', min: 480, out: ['2026-03-29T07:00:00.000Z/2026-03-29T15:00:00.000Z'] },
  ])('$tz $day.0 $from-$to = $min min', ({ tz, day, from, to, min, out }) => {
    const { intervals } = expandSchedule(sundayOnly(tz, from, to), range(day[0]!, day[1]!));
    expect(iso(intervals)).toEqual(out);
    expect(minutes(intervals)).toBe(min);
  });
});

describe('expandSchedule over whole weeks', () => {
  it.each([
    // Weekdays 09:00-17:00 = 5 x 480 = 2400 min; the weeks the brief names (right after each switch).
    { name: 'New York week of 2026-11-02 (EST)', s: weekdays('America/New_York'), r: ['2026-11-02T05:00Z', '2026-11-09T05:00Z'], min: 2400, count: 5, first: '2026-11-02T14:00:00.000Z/2026-11-02T22:00:00.000Z', last: '2026-11-06T14:00:00.000Z/2026-11-06T22:00:00.000Z' },
    { name: 'New York week of 2026-03-09 (EDT)', s: weekdays('America/New_York'), r: ['2026-03-09T04:00Z', '2026-03-16T04:00Z'], min: 2400, count: 5, first: '2026-03-09T13:00:00.000Z/2026-03-09T21:00:00.000Z', last: '2026-03-13T13:00:00.000Z/2026-03-13T21:00:00.000Z' },
    { name: 'Berlin week of 2026-10-26 (CET)', s: weekdays('Europe/Berlin'), r: ['2026-10-25T23:00Z', '2026-11-01T23:00Z'], min: 2400, count: 5, first: '2026-10-26T08:00:00.000Z/2026-10-26T16:00:00.000Z', last: '2026-10-30T08:00:00.000Z/2026-10-30T16:00:00.000Z' },
    // Seven days 09:00-17:00 = 7 x 480 = 3360 min in weeks whose Sunday is the switch day.
    { name: 'New York week of 2026-10-26, falls back on Sunday', s: daily('America/New_York'), r: ['2026-10-26T04:00Z', '2026-11-02T05:00Z'], min: 3360, count: 7, first: '2026-10-26T13:00:00.000Z/2026-10-26T21:00:00.000Z', last: '2026-11-01T14:00:00.000Z/2026-11-01T22:00:00.000Z' },
    { name: 'New York week of 2026-03-02, springs forward on Sunday', s: daily('America/New_York'), r: ['2026-03-02T05:00Z', '2026-03-09T04:00Z'], min: 3360, count: 7, first: '2026-03-02T14:00:00.000Z/2026-03-02T22:00:00.000Z', last: '2026-03-08T13:00:00.000Z/2026-03-08T21:00:00.000Z' },
    { name: 'Berlin week of 2026-10-19, falls back on Sunday', s: daily('Europe/Berlin'), r: ['2026-10-18T22:00Z', '2026-10-25T23:00Z'], min: 3360, count: 7, first: '2026-10-19T07:00:00.000Z/2026-10-19T15:00:00.000Z', last: '2026-10-25T08:00:00.000Z/2026-10-25T16:00:00.000Z' },
    // Three weeks: 15 weekdays x 480 = 7200 min.
    { name: 'New York, three weeks from 2026-11-02', s: weekdays('America/New_York'), r: ['2026-11-02T05:00Z', '2026-11-23T05:00Z'], min: 7200, count: 15, first: '2026-11-02T14:00:00.000Z/2026-11-02T22:00:00.000Z', last: '2026-11-20T14:00:00.000Z/2026-11-20T22:00:00.000Z' },
  ])('$name', ({ s, r, min, count, first, last }) => {
    const { intervals, overrideDates } = expandSchedule(s, range(r[0]!, r[1]!));
    expect(minutes(intervals)).toBe(min);
    expect(intervals).toHaveLength(count);
    expect(iso(intervals)[0]).toBe(first);
    expect(iso(intervals).at(-1)).toBe(last);
    expect(overrideDates).toEqual([]);
  });
});

describe('expandSchedule with date overrides (New York week of 2026-11-02, weekdays 09:00-17:00)', () => {
  const week = range('2026-11-02T05:00Z', '2026-11-09T05:00Z');
  it.each([
    {
      name: 'an empty override removes Wednesday',
      extra: [{ type: 'date', date: '2026-11-04', intervals: [] }] as ScheduleRule[],
      min: 1920, // 4 x 480
      overrideDates: ['2026-11-04'],
      has: [],
      hasNot: ['2026-11-04T14:00:00.000Z/2026-11-04T22:00:00.000Z'],
    },
    {
      name: 'an override adds 10:00-13:00 on Saturday',
      extra: [{ type: 'date', date: '2026-11-07', intervals: [{ from: '10:00', to: '13:00' }] }] as ScheduleRule[],
      min: 2580, // 2400 + 180
      overrideDates: ['2026-11-07'],
      has: ['2026-11-07T15:00:00.000Z/2026-11-07T18:00:00.000Z'],
      hasNot: [],
    },
    {
      name: 'an override replaces Thursday with 13:00-15:00 and 16:00-17:00',
      extra: [
        { type: 'date', date: '2026-11-05', intervals: [{ from: '13:00', to: '15:00' }, { from: '16:00', to: '17:00' }] },
      ] as ScheduleRule[],
      min: 2100, // 4 x 480 + 120 + 60
      overrideDates: ['2026-11-05'],
      has: ['2026-11-05T18:00:00.000Z/2026-11-05T20:00:00.000Z', '2026-11-05T21:00:00.000Z/2026-11-05T22:00:00.000Z'],
      hasNot: ['2026-11-05T14:00:00.000Z/2026-11-05T22:00:00.000Z'],
    },
    {
      name: 'an override outside the range is ignored',
      extra: [{ type: 'date', date: '2026-12-24', intervals: [] }] as ScheduleRule[],
      min: 2400,
      overrideDates: [],
      has: [],
      hasNot: [],
    },
  ])('$name', ({ extra, min, overrideDates, has, hasNot }) => {
    const out = expandSchedule(weekdays('America/New_York', extra), week);
    expect(minutes(out.intervals)).toBe(min);
    expect(out.overrideDates).toEqual(overrideDates);
    for (const x of has) expect(iso(out.intervals)).toContain(x);
    for (const x of hasNot) expect(iso(out.intervals)).not.toContain(x);
  });
});

describe('expandSchedule edge cases', () => {
  it('clips to a range that starts and ends mid-day', () => {
    // Mon 11:00 EST to Fri 13:00 EST: Mon 11-17 (360) + Tue-Thu (3 x 480) + Fri 09-13 (240) = 2040.
    const out = expandSchedule(weekdays('America/New_York'), range('2026-11-02T16:00Z', '2026-11-06T18:00Z'));
    expect(minutes(out.intervals)).toBe(2040);
    expect(iso(out.intervals)[0]).toBe('2026-11-02T16:00:00.000Z/2026-11-02T22:00:00.000Z');
    expect(iso(out.intervals).at(-1)).toBe('2026-11-06T14:00:00.000Z/2026-11-06T18:00:00.000Z');
  });

  it('merges touching intervals, and 24:00 with the next day 00:00', () => {
    const s = schedule('America/New_York', [
      { type: 'wday', wday: 'monday', intervals: [{ from: '09:00', to: '12:00' }, { from: '12:00', to: '17:00' }, { from: '18:00', to: '24:00' }] },
      { type: 'wday', wday: 'tuesday', intervals: [{ from: '00:00', to: '02:00' }] },
    ]);
    const out = expandSchedule(s, range('2026-11-02T05:00Z', '2026-11-09T05:00Z'));
    expect(iso(out.intervals)).toEqual([
      '2026-11-02T14:00:00.000Z/2026-11-02T22:00:00.000Z',
      '2026-11-02T23:00:00.000Z/2026-11-03T07:00:00.000Z', // Mon 18:00 to Tue 02:00 EST
    ]);
    expect(minutes(out.intervals)).toBe(480 + 480);
  });

  it('skips malformed and empty intervals but keeps the good ones', () => {
    const s = schedule('America/New_York', [
      { type: 'wday', wday: 'monday', intervals: [{ from: '9am', to: '17:00' }, { from: '17:00', to: '09:00' }, { from: '10:00', to: '25:00' }, { from: '10:00', to: '11:00' }] },
    ]);
    const out = expandSchedule(s, range('2026-11-02T05:00Z', '2026-11-09T05:00Z'));
    expect(iso(out.intervals)).toEqual(['2026-11-02T15:00:00.000Z/2026-11-02T16:00:00.000Z']);
  });

  it('gives nothing for an empty schedule', () => {
    expect(expandSchedule(schedule('America/New_York', []), range('2026-11-02T05:00Z', '2026-11-09T05:00Z'))).toEqual({
      intervals: [],
      overrideDates: [],
    });
  });

  it('gives nothing for an empty range', () => {
    expect(expandSchedule(weekdays('America/New_York'), range('2026-11-03T05:00Z', '2026-11-03T05:00Z')).intervals).toEqual([]);
  });

  it('rejects an unknown time zone', () => {
    expect(() => expandSchedule(weekdays('Mars/Olympus'), range('2026-11-02T05:00Z', '2026-11-09T05:00Z'))).toThrow(RangeError);
  });
});
