import { describe, expect, it } from 'vitest';
import { splitIntoWindows } from './windows';

const NOW = '2026-11-20T12:00:00.000Z';
const d = (iso: string) => new Date(iso);
const iso = (w: { start: Date; end: Date }[]) => w.map((x) => [x.start.toISOString(), x.end.toISOString()]);

describe('splitIntoWindows', () => {
  it.each<[string, string, string, number, string[][]]>([
    ['exactly 7 days -> one window', '2026-11-21T00:00:00.000Z', '2026-11-28T00:00:00.000Z', 7, [['2026-11-21T00:00:00.000Z', '2026-11-28T00:00:00.000Z']]],
    ['7 days + 1 ms -> two windows', '2026-11-21T00:00:00.000Z', '2026-11-28T00:00:00.001Z', 7, [
      ['2026-11-21T00:00:00.000Z', '2026-11-28T00:00:00.000Z'],
      ['2026-11-28T00:00:00.000Z', '2026-11-28T00:00:00.001Z'],
    ]],
    ['exactly 31 days -> one window', '2026-11-21T00:00:00.000Z', '2026-12-22T00:00:00.000Z', 31, [['2026-11-21T00:00:00.000Z', '2026-12-22T00:00:00.000Z']]],
    ['31 days + 1 h -> 31 d + 1 h', '2026-11-21T00:00:00.000Z', '2026-12-22T01:00:00.000Z', 31, [
      ['2026-11-21T00:00:00.000Z', '2026-12-22T00:00:00.000Z'],
      ['2026-12-22T00:00:00.000Z', '2026-12-22T01:00:00.000Z'],
    ]],
    ['20 days in 7-day windows', '2026-11-21T00:00:00.000Z', '2026-12-11T00:00:00.000Z', 7, [
      ['2026-11-21T00:00:00.000Z', '2026-11-28T00:00:00.000Z'],
      ['2026-11-28T00:00:00.000Z', '2026-12-05T00:00:00.000Z'],
      ['2026-12-05T00:00:00.000Z', '2026-12-11T00:00:00.000Z'],
    ]],
    ['60 days in 31-day windows', '2026-11-21T00:00:00.000Z', '2027-01-20T00:00:00.000Z', 31, [
      ['2026-11-21T00:00:00.000Z', '2026-12-22T00:00:00.000Z'],
      ['2026-12-22T00:00:00.000Z', '2027-01-20T00:00:00.000Z'],
    ]],
    ['range starting in the past starts at now + 1 min', '2026-11-01T00:00:00.000Z', '2026-11-25T00:00:00.000Z', 31, [
      ['2026-11-20T12:01:00.000Z', '2026-11-25T00:00:00.000Z'],
    ]],
    ['start exactly at now + lead is kept', '2026-11-20T12:01:00.000Z', '2026-11-20T13:00:00.000Z', 7, [
      ['2026-11-20T12:01:00.000Z', '2026-11-20T13:00:00.000Z'],
    ]],
    ['1-minute range', '2026-11-21T10:00:00.000Z', '2026-11-21T10:01:00.000Z', 31, [['2026-11-21T10:00:00.000Z', '2026-11-21T10:01:00.000Z']]],
    ['range entirely in the past -> none', '2026-11-01T00:00:00.000Z', '2026-11-10T00:00:00.000Z', 7, []],
    ['range ending within the lead -> none', '2026-11-20T11:00:00.000Z', '2026-11-20T12:01:00.000Z', 7, []],
    ['end before start -> none', '2026-11-22T00:00:00.000Z', '2026-11-21T00:00:00.000Z', 7, []],
    ['empty range -> none', '2026-11-22T00:00:00.000Z', '2026-11-22T00:00:00.000Z', 7, []],
  ])('%s', (_name, start, end, maxDays, expected) => {
    expect(iso(splitIntoWindows(d(start), d(end), maxDays, d(NOW)))).toEqual(expected);
  });

  it('covers 60 days in 7-day windows with no gaps or overlaps', () => {
    const start = d('2026-11-21T00:00:00.000Z');
    const end = d('2027-01-20T00:00:00.000Z');
    const w = splitIntoWindows(start, end, 7, d(NOW));
    expect(w).toHaveLength(9);
    expect(w[0]!.start).toEqual(start);
    expect(w.at(-1)!.end).toEqual(end);
    for (let i = 1; i < w.length; i++) expect(w[i]!.start).toEqual(w[i - 1]!.end);
    for (const x of w) expect(x.end.getTime() - x.start.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('honours a custom lead', () => {
    const w = splitIntoWindows(d('2026-11-20T00:00:00.000Z'), d('2026-11-21T00:00:00.000Z'), 7, d(NOW), 0);
    expect(iso(w)).toEqual([['2026-11-20T12:00:00.000Z', '2026-11-21T00:00:00.000Z']]);
  });

  it('rejects a non-positive window size', () => {
    expect(() => splitIntoWindows(d(NOW), d('2026-12-01T00:00:00Z'), 0, d(NOW))).toThrow(RangeError);
  });
});
