import { describe, expect, it } from 'vitest';
import type { BusyTime } from '../calendly/types';
import { splitBusy } from './busy';
import { busy, iso } from './testSupport';

describe('splitBusy', () => {
  const overlapping = [
    busy('calendly', '2026-11-02T15:00:00.000000Z', '2026-11-02T16:00:00.000000Z'),
    busy('calendly', '2026-11-02T15:30:00.000000Z', '2026-11-02T16:30:00.000000Z'),
    busy('external', '2026-11-02T16:00:00.000000Z', '2026-11-02T17:00:00.000000Z'),
  ];
  const withBuffers = [
    busy('calendly', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z', { start: '2026-11-02T14:45:00Z', end: '2026-11-02T16:15:00Z' }),
    busy('external', '2026-11-02T18:00:00Z', '2026-11-02T19:00:00Z'),
  ];

  it.each([
    {
      name: 'merges each type, then both together',
      input: overlapping,
      buffered: false,
      calendly: ['2026-11-02T15:00:00.000Z/2026-11-02T16:30:00.000Z'],
      external: ['2026-11-02T16:00:00.000Z/2026-11-02T17:00:00.000Z'],
      all: ['2026-11-02T15:00:00.000Z/2026-11-02T17:00:00.000Z'],
    },
    {
      name: 'ignores buffers unless asked',
      input: withBuffers,
      buffered: false,
      calendly: ['2026-11-02T15:00:00.000Z/2026-11-02T16:00:00.000Z'],
      external: ['2026-11-02T18:00:00.000Z/2026-11-02T19:00:00.000Z'],
      all: ['2026-11-02T15:00:00.000Z/2026-11-02T16:00:00.000Z', '2026-11-02T18:00:00.000Z/2026-11-02T19:00:00.000Z'],
    },
    {
      name: 'uses buffers when asked, and plain times where there are none',
      input: withBuffers,
      buffered: true,
      calendly: ['2026-11-02T14:45:00.000Z/2026-11-02T16:15:00.000Z'],
      external: ['2026-11-02T18:00:00.000Z/2026-11-02T19:00:00.000Z'],
      all: ['2026-11-02T14:45:00.000Z/2026-11-02T16:15:00.000Z', '2026-11-02T18:00:00.000Z/2026-11-02T19:00:00.000Z'],
    },
    {
      name: 'drops unparsable and empty times',
      input: [
        busy('calendly', 'soon', '2026-11-02T16:00:00Z'),
        busy('external', '2026-11-02T16:00:00Z', '2026-11-02T16:00:00Z'),
      ] as BusyTime[],
      buffered: false,
      calendly: [],
      external: [],
      all: [],
    },
  ])('$name', ({ input, buffered, calendly, external, all }) => {
    const out = splitBusy(input, { buffered });
    expect(iso(out.calendly)).toEqual(calendly);
    expect(iso(out.external)).toEqual(external);
    expect(iso(out.all)).toEqual(all);
  });
});
