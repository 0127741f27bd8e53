import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSecrets, type LegacyArea } from './secrets';

/** An in-memory storage.local of an earlier version, recording removals. */
function legacyArea(initial: Record<string, unknown>): LegacyArea & { data: Record<string, unknown>; removed: string[] } {
  const data = { ...initial };
  const removed: string[] = [];
  return {
    data,
    removed,
    get: async (k) => data[k],
    remove: async (k) => {
      removed.push(k);
      delete data[k];
    },
  };
}

let n = 0;
const freshDb = () => `secrets-test-${++n}`;

describe('secrets (extension-origin IndexedDB)', () => {
  it('stores, reads and deletes a value; absent is null', async () => {
    const s = createSecrets(legacyArea({}), freshDb());
    const token = s.item<string>('calendlyToken');
    expect(await token.getValue()).toBeNull();
    await token.setValue('secret-1');
    expect(await token.getValue()).toBe('secret-1');
    await token.setValue(null);
    expect(await token.getValue()).toBeNull();
  });

  it('keeps objects (the OAuth pair) as they are', async () => {
    const s = createSecrets(legacyArea({}), freshDb());
    const pair = s.item<{ accessToken: string; refreshToken: string; expiresAt: number }>('calendlyOAuth');
    await pair.setValue({ accessToken: 'a', refreshToken: 'r', expiresAt: 1 });
    expect(await pair.getValue()).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 1 });
  });

  it('persists: a new instance (a restarted background) on the same database reads it', async () => {
    const db = freshDb();
    await createSecrets(legacyArea({}), db).item<string>('calendlyToken').setValue('kept');
    expect(await createSecrets(legacyArea({}), db).item<string>('calendlyToken').getValue()).toBe('kept');
  });

  it('moves every secret an earlier version left in storage.local, and deletes the old copies', async () => {
    const legacy = legacyArea({ calendlyToken: 'old-pat', calendlyOAuth: { accessToken: 'a' }, account: { name: 'Avery' } });
    const s = createSecrets(legacy, freshDb());
    const token = s.item<string>('calendlyToken');
    const pending = s.item<string>('pendingToken');
    const oauth = s.item<{ accessToken: string }>('calendlyOAuth');
    expect(await token.getValue()).toBe('old-pat');
    expect(await oauth.getValue()).toEqual({ accessToken: 'a' });
    expect(await pending.getValue()).toBeNull();
    expect(legacy.data).toEqual({ account: { name: 'Avery' } }); // not a secret: stays
    expect(legacy.removed.sort()).toEqual(['calendlyOAuth', 'calendlyToken']);
  });

  it('migrates before a write too, and a value written by this version wins over an old copy', async () => {
    const db = freshDb();
    await createSecrets(legacyArea({}), db).item<string>('calendlyToken').setValue('new');
    const legacy = legacyArea({ calendlyToken: 'stale' });
    const token = createSecrets(legacy, db).item<string>('calendlyToken');
    expect(await token.getValue()).toBe('new');
    expect(legacy.data).toEqual({});
  });

  it('runs the migration once per context, and again after a failure', async () => {
    let reads = 0;
    let fail = true;
    const legacy: LegacyArea = {
      get: async () => {
        reads++;
        if (fail) throw new Error('storage unavailable');
        return 'old';
      },
      remove: async () => undefined,
    };
    const token = createSecrets(legacy, freshDb()).item<string>('calendlyToken');
    await expect(token.getValue()).rejects.toThrow('storage unavailable');
    fail = false;
    expect(await token.getValue()).toBe('old');
    await token.getValue();
    expect(reads).toBe(2);
  });
});
