import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_ZONES, readRecipientZones, rememberZone, zoneForRecipients } from './zones';

describe('zoneForRecipients', () => {
  const record = { 'ann@example.com': 'Asia/Tokyo', 'bob@example.com': 'Europe/Paris' };
  it.each([
    [['ann@example.com'], 'Asia/Tokyo'],
    [['carol@example.com', 'bob@example.com', 'ann@example.com'], 'Europe/Paris'],
    [['carol@example.com'], null],
    [[], null],
    [['constructor'], null],
  ])('%o: %s', (recipients, want) => {
    expect(zoneForRecipients(record, recipients)).toBe(want);
  });
});

describe('rememberZone', () => {
  it('sets the zone for every recipient, as the most recently used, without changing the input', () => {
    const before = { 'ann@example.com': 'Asia/Tokyo', 'bob@example.com': 'Europe/Paris' };
    const after = rememberZone(before, ['ann@example.com', 'carol@example.com'], 'America/Denver');
    expect(Object.entries(after)).toEqual([
      ['bob@example.com', 'Europe/Paris'],
      ['ann@example.com', 'America/Denver'],
      ['carol@example.com', 'America/Denver'],
    ]);
    expect(before).toEqual({ 'ann@example.com': 'Asia/Tokyo', 'bob@example.com': 'Europe/Paris' });
  });

  it(`keeps the ${MAX_REMEMBERED_ZONES} most recently used`, () => {
    let record = {};
    for (let i = 0; i < MAX_REMEMBERED_ZONES; i++) record = rememberZone(record, [`p${i}@example.com`], 'UTC');
    record = rememberZone(record, ['p0@example.com'], 'Asia/Tokyo'); // used again: now the newest
    record = rememberZone(record, ['new@example.com'], 'Europe/Paris');
    const keys = Object.keys(record);
    expect(keys).toHaveLength(MAX_REMEMBERED_ZONES);
    expect(keys).not.toContain('p1@example.com');
    expect(keys.slice(-2)).toEqual(['p0@example.com', 'new@example.com']);
  });

  it('trims to a smaller cap', () => {
    expect(Object.keys(rememberZone({ 'a@x.io': 'UTC', 'b@x.io': 'UTC' }, ['c@x.io'], 'UTC', 2))).toEqual(['b@x.io', 'c@x.io']);
  });
});

describe('readRecipientZones', () => {
  it.each([undefined, null, 'x', [], 3])('%o is an empty record', (raw) => {
    expect(readRecipientZones(raw)).toEqual({});
  });

  it('keeps string zones under address keys only', () => {
    expect(readRecipientZones({ 'ann@example.com': 'Asia/Tokyo', 'bob@example.com': 7, nobody: 'UTC' })).toEqual({ 'ann@example.com': 'Asia/Tokyo' });
  });
});
