/**
 * Where secrets live: the extension origin's IndexedDB, in every browser.
 *
 * `storage.local` is readable by content scripts unless restricted, and only Chrome can restrict it
 * (`storage.local.setAccessLevel`); Firefox has no such switch, so there the Gmail content script could read
 * a token kept in `storage.local`. IndexedDB is per origin: the background and the extension's own pages run
 * at `chrome-extension://<id>` / `moz-extension://<uuid>`, while a content script's `indexedDB` is the web
 * page's (https://mail.google.com), so no content script (ours, or one injected into our pages' absence)
 * can open this database. It persists across browser restarts like `storage.local`, and is never synced.
 *
 * Secrets stored in `storage.local` by earlier versions are moved here on first use and deleted there.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export const SECRETS_DB = 'open-slots-secrets';
const STORE = 'secrets';

/** The legacy area the old versions used; the WXT storage item of each secret's old key. */
export interface LegacyArea {
  get(key: string): Promise<unknown>;
  remove(key: string): Promise<void>;
}

/** A typed secret (null when absent), with the same shape as a WXT storage item's get/set. */
export interface SecretItem<T> {
  getValue(): Promise<T | null>;
  setValue(value: T | null): Promise<void>;
}

export interface Secrets {
  item<T>(key: string): SecretItem<T>;
  /** Moves every declared key found in the legacy area (once per context; later calls share the first run). */
  migrate(): Promise<void>;
}

/**
 * Secrets in IndexedDB `db`. `legacy` is the old storage.local; every key declared with `item()` is moved
 * from it before the first read or write of any secret in this context.
 */
export function createSecrets(legacy: LegacyArea, db = SECRETS_DB): Secrets {
  let store: UseStore | undefined;
  const idb = () => (store ??= createStore(db, STORE));
  const keys: string[] = [];
  let migrated: Promise<void> | undefined;

  async function moveAll(): Promise<void> {
    for (const key of keys) {
      const old = await legacy.get(key);
      if (old === undefined || old === null) continue;
      // A value already here is newer (written by this version): keep it, and drop the old copy either way.
      if ((await get(key, idb())) === undefined) await set(key, old, idb());
      await legacy.remove(key);
    }
  }
  const migrate = () =>
    (migrated ??= moveAll().catch((err) => {
      migrated = undefined; // try again on the next access
      throw err;
    }));

  return {
    migrate,
    item<T>(key: string): SecretItem<T> {
      keys.push(key);
      return {
        async getValue() {
          await migrate();
          return ((await get<T>(key, idb())) ?? null) as T | null;
        },
        async setValue(value) {
          await migrate();
          if (value === null || value === undefined) await del(key, idb());
          else await set(key, value, idb());
        },
      };
    },
  };
}
