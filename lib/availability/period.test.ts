import { describe, expect, it } from 'vitest';
import { periodRange, type PeriodKind } from './period';

const at = (s: string) => new Date(s);
const out = (r: { start: Date; end: Date }) => [r.start.toISOString(), r.end.toISOString()];

describe('periodRange', () => {
  it.each([
    // Wed 2026-11-04 10:30 EST. Next Monday 11-09 00:00 EST = 05:00Z.
    { kind: 'this-week', now: '2026-11-04T15:30:00.000Z', tz: 'America/New_York', range: ['2026-11-04T15:30:00.000Z', '2026-11-09T05:00:00.000Z'] },
    { kind: 'next-week', now: '2026-11-04T15:30:00.000Z', tz: 'America/New_York', range: ['2026-11-09T05:00:00.000Z', '2026-11-16T05:00:00.000Z'] },
    // The rest of this week and three more: ends Monday 11-30.
    { kind: 'next-4-weeks', now: '2026-11-04T15:30:00.000Z', tz: 'America/New_York', range: ['2026-11-04T15:30:00.000Z', '2026-11-30T05:00:00.000Z'] },
    // The same instant is Thu 11-05 00:30 in Tokyo (UTC+9): Monday 11-09 00:00 JST = 11-08 15:00Z.
    { kind: 'this-week', now: '2026-11-04T15:30:00.000Z', tz: 'Asia/Tokyo', range: ['2026-11-04T15:30:00.000Z', '2026-11-08T15:00:00.000Z'] },
    { kind: 'next-week', now: '2026-11-04T15:30:00.000Z', tz: 'Asia/Tokyo', range: ['2026-11-08T15:00:00.000Z', '2026-11-15T15:00:00.000Z'] },
    { kind: 'next-4-weeks', now: '2026-11-04T15:30:00.000Z', tz: 'Asia/Tokyo', range: ['2026-11-04T15:30:00.000Z', '2026-11-29T15:00:00.000Z'] },
    // Sunday 10:30 in New York but already Monday 00:30 in Tokyo: the weeks differ.
    { kind: 'this-week', now: '2026-11-08T15:30:00.000Z', tz: 'America/New_York', range: ['2026-11-08T15:30:00.000Z', '2026-11-09T05:00:00.000Z'] },
    { kind: 'this-week', now: '2026-11-08T15:30:00.000Z', tz: 'Asia/Tokyo', range: ['2026-11-08T15:30:00.000Z', '2026-11-15T15:00:00.000Z'] },
    // Exactly Monday 00:00: this week runs a full week; one minute before, it has a minute left.
    { kind: 'this-week', now: '2026-11-09T05:00:00.000Z', tz: 'America/New_York', range: ['2026-11-09T05:00:00.000Z', '2026-11-16T05:00:00.000Z'] },
    { kind: 'this-week', now: '2026-11-09T04:59:00.000Z', tz: 'America/New_York', range: ['2026-11-09T04:59:00.000Z', '2026-11-09T05:00:00.000Z'] },
    // DST weeks: Monday midnights in local time, so the week is 169 h (fall back) or 167 h (spring forward).
    { kind: 'next-week', now: '2026-10-21T12:00:00.000Z', tz: 'America/New_York', range: ['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z'] },
    { kind: 'this-week', now: '2026-10-28T12:00:00.000Z', tz: 'America/New_York', range: ['2026-10-28T12:00:00.000Z', '2026-11-02T05:00:00.000Z'] },
    { kind: 'next-week', now: '2026-02-25T12:00:00.000Z', tz: 'America/New_York', range: ['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z'] },
    { kind: 'next-week', now: '2026-10-14T12:00:00.000Z', tz: 'Europe/Berlin', range: ['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'] },
  ])('$kind from $now in $tz', ({ kind, now, tz, range }) => {
    expect(out(periodRange(kind as PeriodKind, at(now), tz))).toEqual(range);
  });

  const NOW = at('2026-11-01T12:00:00.000Z');
  it.each([
    { name: 'exactly 8 weeks', start: '2026-11-02T05:00:00.000Z', end: '2026-12-28T05:00:00.000Z' },
    { name: '1 day', start: '2026-11-02T05:00:00.000Z', end: '2026-11-03T05:00:00.000Z' },
    // 8 local weeks across the fall-back switch are 56 days and 1 hour.
    { name: '8 weeks across a DST switch', start: '2026-10-05T04:00:00.000Z', end: '2026-11-30T05:00:00.000Z' },
  ])('custom: accepts $name', ({ start, end }) => {
    expect(out(periodRange('custom', NOW, 'America/New_York', { start: at(start), end: at(end) }))).toEqual([start, end]);
  });

  it.each([
    { name: '8 weeks and a minute', start: '2026-11-02T05:00:00.000Z', end: '2026-12-28T05:01:00.000Z' },
    { name: '8 weeks and a minute across a DST switch', start: '2026-10-05T04:00:00.000Z', end: '2026-11-30T05:01:00.000Z' },
    { name: '9 weeks', start: '2026-11-02T05:00:00.000Z', end: '2027-01-04T05:00:00.000Z' },
    { name: 'an end before the start', start: '2026-11-03T05:00:00.000Z', end: '2026-11-02T05:00:00.000Z' },
    { name: 'an empty range', start: '2026-11-03T05:00:00.000Z', end: '2026-11-03T05:00:00.000Z' },
  ])('custom: rejects $name', ({ start, end }) => {
    expect(() => periodRange('custom', NOW, 'America/New_York', { start: at(start), end: at(end) })).toThrow(RangeError);
  });

  it('custom: rejects a missing range', () => {
    expect(() => periodRange('custom', NOW, 'America/New_York')).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => periodRange('this-week', NOW, 'Not/AZone')).toThrow(RangeError);
  });
});
