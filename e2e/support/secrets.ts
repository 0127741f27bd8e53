/**
 * The extension's secrets as its own contexts see them: the `secrets` store of the IndexedDB database
 * `open-slots-secrets` in the extension's origin (lib/secrets.ts). Functions to pass to `evaluate` in the
 * service worker or an extension page; self-contained, as evaluate requires.
 */
import type { Page, Worker } from 'playwright-core';

/** Every key and value in the secrets store. */
export function readSecrets(where: Page | Worker): Promise<Record<string, unknown>> {
  return (where as Page).evaluate(async () => {
    const req = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, ko) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => ko(r.error))));
    const db = await req(indexedDB.open('open-slots-secrets'));
    const out: Record<string, unknown> = {};
    if (db.objectStoreNames.contains('secrets')) {
      const store = db.transaction('secrets').objectStore('secrets');
      for (const k of await req(store.getAllKeys())) out[String(k)] = await req(store.get(k));
    }
    db.close();
    return out;
  });
}

/** Writes `value` under `key` in the secrets store, as the options page does with a typed token. */
export function writeSecret(where: Page | Worker, key: string, value: unknown): Promise<void> {
  return (where as Page).evaluate(
    async ([k, v]: readonly [string, unknown]) => {
      const req = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, ko) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => ko(r.error))));
      const db = await req(indexedDB.open('open-slots-secrets'));
      const tx = db.transaction('secrets', 'readwrite');
      tx.objectStore('secrets').put(v, k);
      await new Promise((ok, ko) => ((tx.oncomplete = ok), (tx.onerror = () => ko(tx.error))));
      db.close();
    },
    [key, value] as const,
  );
}
