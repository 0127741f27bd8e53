import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './popup/testing';
import { eventTypeLabel } from './event-type-label';

describe('eventTypeLabel', () => {
  const base = EVENT_TYPES[0]!;
  it('names an event type by its name, else its slug, else "Untitled", with its duration', () => {
    expect(eventTypeLabel(base)).toBe('30 Minute Meeting · 30 min');
    expect(eventTypeLabel({ ...base, name: null, slug: 'quick-chat' })).toBe('quick-chat · 30 min');
    expect(eventTypeLabel({ ...base, name: '  ', slug: null })).toBe('Untitled · 30 min');
  });
  it('marks a one-off (ad hoc) event type, and names the owner of an organization one', () => {
    expect(eventTypeLabel({ ...base, name: null, slug: null, oneOff: true, durationMinutes: 45 })).toBe('Untitled · 45 min · one-off');
    expect(eventTypeLabel({ ...base, scope: 'organization', owner: 'Jordan Lee' })).toBe('30 Minute Meeting · 30 min · Jordan Lee');
  });
});
