/**
 * What a content script can read, run in Open Slots' own content-script world on the Gmail page: every
 * `storage` area, the IndexedDB of its origin (opening the secrets database by name, as an attacker
 * would), and web storage. Plain JavaScript source (no build step): Chromium evaluates it in the isolated
 * world over CDP; Firefox, which offers no way in from outside, runs it as a second content script of a
 * copy of the add-on (same extension, same sandbox as ours), triggered by a DOM event.
 */
import { SECRETS_DB } from '../../../lib/secrets';

/** An async function expression returning a `StorageProbe`. */
export const PROBE_FUNCTION = `async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const areas = {};
  for (const area of ['local', 'sync', 'session', 'managed']) {
    try {
      if (!api?.storage?.[area]) throw new Error('no storage.' + area + ' here');
      areas[area] = { json: JSON.stringify(await api.storage[area].get(null)) };
    } catch (e) {
      areas[area] = { refused: String((e && e.message) || e) };
    }
  }
  const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  let databases = [];
  try { databases = (await indexedDB.databases()).map((d) => d.name); } catch (e) { databases = ['error: ' + e]; }
  let secretsDb;
  try {
    const existed = databases.includes(${JSON.stringify(SECRETS_DB)});
    const db = await req(indexedDB.open(${JSON.stringify(SECRETS_DB)}));
    const dump = [];
    for (const name of db.objectStoreNames) {
      const tx = db.transaction(name);
      dump.push(JSON.stringify(await req(tx.objectStore(name).getAll())));
    }
    db.close();
    // Opening it made an empty one in the page's origin: remove it again unless it was there.
    if (!existed) await req(indexedDB.deleteDatabase(${JSON.stringify(SECRETS_DB)}));
    secretsDb = 'stores: ' + dump.length + ' ' + dump.join(' ');
  } catch (e) {
    secretsDb = 'error: ' + e;
  }
  const web = [];
  for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) web.push(s.key(i) + '=' + s.getItem(s.key(i)));
  return { origin: location.origin, areas, indexedDB: { databases, secretsDb }, webStorage: web.join('\\n') };
}`;

/** DOM event the Firefox probe listens for, and the attribute it answers in. */
export const PROBE_EVENT = 'open-slots-test-probe';
export const PROBE_ATTR = 'data-open-slots-test-probe';

/** The Firefox probe content script (added to a copy of the add-on, never to the build). */
export const PROBE_CONTENT_SCRIPT = `document.addEventListener(${JSON.stringify(PROBE_EVENT)}, () => {
  (${PROBE_FUNCTION})().then(
    (r) => document.documentElement.setAttribute(${JSON.stringify(PROBE_ATTR)}, JSON.stringify(r)),
    (e) => document.documentElement.setAttribute(${JSON.stringify(PROBE_ATTR)}, JSON.stringify({ error: String(e) })),
  );
});`;
