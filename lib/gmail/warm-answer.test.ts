import { describe, expect, it } from 'vitest';
import { CACHE_TTL as TTL } from '../background/cache';
import type { SlotsAnswer } from '../contract';
import { usableWarmAnswer, WARM_MAX_AGE_MS } from './warm-answer';

const NOW = Date.parse('2026-12-07T15:00:00Z');
const answer = (over: Partial<SlotsAnswer> = {}): SlotsAnswer => ({
  eventType: { uri: 'u', name: '30 min', durationMinutes: 30, schedulingUrl: 'https://calendly.com/a/30min', owner: null, scope: 'user', slug: '30min', oneOff: false },
  slots: [
    { start_time: '2026-12-07T16:00:00Z', scheduling_url: 'https://calendly.com/a/30min/2026-12-07T16:00:00Z' },
    { start_time: '2026-12-08T16:00:00Z', scheduling_url: 'https://calendly.com/a/30min/2026-12-08T16:00:00Z' },
  ],
  html: '<div>x</div>',
  text: 'x',
  slotCount: 2,
  fetchedAt: NOW - 10_000,
  timeZone: 'UTC',
  daysAhead: 7,
  count: 2,
  ...over,
});

describe('usableWarmAnswer', () => {
  it('offers a young answer whose slots all start later', () => {
    const a = answer();
    expect(usableWarmAnswer(a, NOW)).toBe(a);
  });

  it('never offers a slot whose start has passed (the click goes to the background instead)', () => {
    expect(usableWarmAnswer(answer(), Date.parse('2026-12-07T16:00:00Z'))).toBeNull();
    expect(usableWarmAnswer(answer(), Date.parse('2026-12-07T16:00:01Z'))).toBeNull();
  });

  it('drops an answer as old as WARM_MAX_AGE_MS, which stays below the background slots TTL', () => {
    expect(WARM_MAX_AGE_MS).toBeLessThan(TTL.slots);
    expect(usableWarmAnswer(answer({ fetchedAt: NOW - WARM_MAX_AGE_MS }), NOW)).toBeNull();
    expect(usableWarmAnswer(answer({ fetchedAt: NOW - WARM_MAX_AGE_MS + 1 }), NOW)).not.toBeNull();
  });

  it('drops empty answers, missing ones, and ones from a clock far ahead', () => {
    expect(usableWarmAnswer(null, NOW)).toBeNull();
    expect(usableWarmAnswer(answer({ slots: [], slotCount: 0 }), NOW)).toBeNull();
    expect(usableWarmAnswer(answer({ fetchedAt: NOW + 60_000 }), NOW)).toBeNull();
  });
});
