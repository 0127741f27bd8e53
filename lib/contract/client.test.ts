import { describe, expect, it, vi } from 'vitest';
import { createClient } from './client';
import { CONTRACT, MESSAGE_TYPES } from './protocol';

describe('createClient', () => {
  it('has one method per message the context may send, and sends it with its data', async () => {
    const send = vi.fn(async (type: string, data: unknown) => ({ type, data }));
    const content = createClient('content', send);
    expect(Object.keys(content).sort()).toEqual(['checkOffered', 'getSlots', 'getStatus', 'listEventTypes', 'openOptions', 'prefetch', 'reportComposes']);
    await expect(content.getSlots({ overrides: { count: 2 }, fresh: true })).resolves.toEqual({
      type: 'getSlots',
      data: { overrides: { count: 2 }, fresh: true },
    });
    await content.listEventTypes();
    expect(send).toHaveBeenLastCalledWith('listEventTypes', undefined);
    expect('disconnect' in content).toBe(false);
  });

  it("the pages' client covers every message the pages may send", () => {
    const page = createClient('page', vi.fn());
    expect(Object.keys(page).sort()).toEqual(MESSAGE_TYPES.filter((t) => CONTRACT[t].from.some((c) => c === 'page')).sort());
    expect(Object.keys(page)).toContain('disconnect');
    expect(Object.keys(page)).toContain('startTeamSummary');
  });
});
