import { describe, expect, it } from 'vitest';
import { weekGrid, type GridBlock } from './weekGrid';
import { busy, weekdays } from './testSupport';

const brief = (blocks: GridBlock[]) =>
  blocks.map(({ kind, startMin, endMin, continuesBefore, continuesAfter, title, eventUri }) => ({
    kind,
    startMin,
    endMin,
    ...(continuesBefore ? { continuesBefore } : {}),
    ...(continuesAfter ? { continuesAfter } : {}),
    ...(title ? { title } : {}),
    ...(eventUri ? { eventUri } : {}),
  }));

describe('weekGrid', () => {
  it('lays out a New York week with a fall-back Sunday, overrides and busy times', () => {
    const days = weekGrid({
      weekStart: new Date('2026-10-26T04:00:00Z'), // Monday 00:00 EDT
      viewerTimeZone: 'America/New_York',
      schedule: weekdays('America/New_York', [
        { type: 'date', date: '2026-10-28', intervals: [] },
        { type: 'date', date: '2026-10-31', intervals: [{ from: '10:00', to: '13:00' }] },
      ]),
      busy: [
        busy('calendly', '2026-10-26T14:00:00Z', '2026-10-26T15:00:00Z'), // Mon 10:00-11:00 EDT
        busy('external', '2026-10-30T03:00:00Z', '2026-10-30T05:00:00Z'), // Thu 23:00 to Fri 01:00 EDT
      ],
    });
    expect(days.map((d) => [d.date, d.weekday, d.lengthMin, d.hasOverride])).toEqual([
      ['2026-10-26', 1, 1440, false],
      ['2026-10-27', 2, 1440, false],
      ['2026-10-28', 3, 1440, true],
      ['2026-10-29', 4, 1440, false],
      ['2026-10-30', 5, 1440, false],
      ['2026-10-31', 6, 1440, true],
      ['2026-11-01', 0, 1500, false], // 25 hours
    ]);
    const nineToFive = { kind: 'available', startMin: 540, endMin: 1020 };
    expect(days.map((d) => brief(d.blocks))).toEqual([
      [nineToFive, { kind: 'calendly', startMin: 600, endMin: 660, eventUri: 'https://api.calendly.com/scheduled_events/e1' }],
      [nineToFive],
      [],
      [nineToFive, { kind: 'external', startMin: 1380, endMin: 1440, continuesAfter: true }],
      [{ kind: 'external', startMin: 0, endMin: 60, continuesBefore: true }, nineToFive],
      [{ kind: 'override', startMin: 600, endMin: 780, title: 'Date-specific hours' }],
      [],
    ]);
    expect(days[0]!.start).toBe(Date.parse('2026-10-26T04:00:00Z'));
    expect(days[6]!.end).toBe(Date.parse('2026-11-02T05:00:00Z'));
    expect(days[0]!.blocks[0]).toMatchObject({ start: Date.parse('2026-10-26T13:00:00Z'), end: Date.parse('2026-10-26T21:00:00Z') });
  });

  it('splits New York hours across Tokyo midnights', () => {
    // NY 09:00-17:00 EST = Tokyo 23:00-07:00. Columns are Tokyo days from Mon 11-02.
    const days = weekGrid({
      weekStart: new Date('2026-11-01T15:00:00Z'), // Monday 00:00 JST
      viewerTimeZone: 'Asia/Tokyo',
      schedule: weekdays('America/New_York'),
      busy: [],
    });
    expect(days.map((d) => [d.date, brief(d.blocks)])).toEqual([
      ['2026-11-02', [{ kind: 'available', startMin: 1380, endMin: 1440, continuesAfter: true }]],
      ['2026-11-03', [{ kind: 'available', startMin: 0, endMin: 420, continuesBefore: true }, { kind: 'available', startMin: 1380, endMin: 1440, continuesAfter: true }]],
      ['2026-11-04', [{ kind: 'available', startMin: 0, endMin: 420, continuesBefore: true }, { kind: 'available', startMin: 1380, endMin: 1440, continuesAfter: true }]],
      ['2026-11-05', [{ kind: 'available', startMin: 0, endMin: 420, continuesBefore: true }, { kind: 'available', startMin: 1380, endMin: 1440, continuesAfter: true }]],
      ['2026-11-06', [{ kind: 'available', startMin: 0, endMin: 420, continuesBefore: true }, { kind: 'available', startMin: 1380, endMin: 1440, continuesAfter: true }]],
      ['2026-11-07', [{ kind: 'available', startMin: 0, endMin: 420, continuesBefore: true }]],
      ['2026-11-08', []],
    ]);
  });

  it('shows buffered busy times when asked, and honours a day count', () => {
    const days = weekGrid({
      weekStart: new Date('2026-11-02T05:00:00Z'),
      viewerTimeZone: 'America/New_York',
      schedule: weekdays('America/New_York'),
      busy: [busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z', { start: '2026-11-02T14:45:00Z', end: '2026-11-02T16:15:00Z' })],
      buffered: true,
      days: 1,
    });
    expect(days).toHaveLength(1);
    expect(brief(days[0]!.blocks)).toEqual([
      { kind: 'available', startMin: 540, endMin: 1020 },
      { kind: 'calendly', startMin: 585, endMin: 675, eventUri: 'https://api.calendly.com/scheduled_events/e1' },
    ]);
  });
});
