import { describe, expect, it } from 'vitest';
import { pickSlots } from './pick';

const slot = (start_time: string) => ({ start_time, scheduling_url: `https://calendly.com/jane/30min/${start_time}` });
const starts = (slots: { start_time: string }[]) => slots.map((s) => s.start_time);

// New York, November 2026 (EST, UTC-5). 2026-11-25T03:00Z is 22:00 on Nov 24 in New York.
const NOV = [
  '2026-11-24T14:00:00.000000Z',
  '2026-11-24T15:00:00.000000Z',
  '2026-11-24T16:00:00.000000Z',
  '2026-11-25T03:00:00.000000Z',
  '2026-11-25T14:00:00.000000Z',
  '2026-11-25T15:00:00.000000Z',
  '2026-11-26T14:00:00.000000Z',
];

describe('pickSlots', () => {
  it.each([
    ['no limit', 4, null, NOV.slice(0, 4)],
    ['no limit (undefined)', 3, undefined, NOV.slice(0, 3)],
    ['0 means no limit', 3, 0, NOV.slice(0, 3)],
    ['2 per day', 4, 2, [NOV[0], NOV[1], NOV[4], NOV[5]]],
    ['2 per day, continues to later days', 5, 2, [NOV[0], NOV[1], NOV[4], NOV[5], NOV[6]]],
    ['1 per day', 10, 1, [NOV[0], NOV[4], NOV[6]]],
    ['3 per day counts the late UTC slot as Nov 24', 4, 3, [NOV[0], NOV[1], NOV[2], NOV[4]]],
    ['count larger than supply', 100, null, NOV],
    ['count 0', 0, null, []],
    ['negative count', -3, null, []],
  ] as const)('%s', (_name, count, maxPerDay, expected) => {
    const picked = pickSlots(NOV.map(slot), { count, maxPerDay, timeZone: 'America/New_York' });
    expect(starts(picked)).toEqual(expected);
  });

  it.each([
    // The same instants are grouped by different calendar days depending on the zone.
    ['America/New_York', [NOV[0], NOV[4], NOV[6]]],
    ['Europe/Berlin', [NOV[0], NOV[3], NOV[6]]],
  ])('days are calendar days in %s', (timeZone, expected) => {
    expect(starts(pickSlots(NOV.map(slot), { count: 10, maxPerDay: 1, timeZone }))).toEqual(expected);
  });

  it('sorts by instant, not by string, and keeps the slot objects', () => {
    // 13:30-02:00 is 15:30Z: sorts before "14:00Z" as a string but after it in time.
    const input = [slot('2026-11-24T16:00:00.000000Z'), slot('2026-11-24T13:30:00.000000-02:00'), slot(NOV[0]!)];
    const picked = pickSlots(input, { count: 3, timeZone: 'UTC' });
    expect(starts(picked)).toEqual([NOV[0], '2026-11-24T13:30:00.000000-02:00', '2026-11-24T16:00:00.000000Z']);
    expect(picked[1]).toBe(input[1]);
  });

  it('drops unparseable and duplicate start times', () => {
    const input = ['garbage', NOV[0]!, '2026-11-24T14:00:00Z', '2026-11-24T15:00:00', NOV[1]!].map(slot);
    expect(starts(pickSlots(input, { count: 5, timeZone: 'UTC' }))).toEqual([NOV[0], NOV[1]]);
  });

  it('year boundary: Dec 31 and Jan 1 are separate days', () => {
    const input = ['2026-12-31T22:00:00Z', '2026-12-31T23:00:00Z', '2027-01-01T05:00:00Z', '2027-01-01T06:00:00Z'].map(slot);
    expect(starts(pickSlots(input, { count: 4, maxPerDay: 1, timeZone: 'America/New_York' }))).toEqual([
      '2026-12-31T22:00:00Z',
      '2027-01-01T05:00:00Z',
    ]);
    expect(starts(pickSlots(input, { count: 4, maxPerDay: 1, timeZone: 'Asia/Tokyo' }))).toEqual([
      '2026-12-31T22:00:00Z',
    ]);
  });

  it('unknown zone counts UTC days', () => {
    const input = ['2026-11-24T23:00:00Z', '2026-11-25T01:00:00Z'].map(slot);
    expect(pickSlots(input, { count: 2, maxPerDay: 1, timeZone: 'Nope/Nope' })).toHaveLength(2);
  });
});
