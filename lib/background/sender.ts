/**
 * Who may talk to the background: the extension's own pages, and its content script on Gmail.
 * Web pages cannot reach runtime.onMessage without `externally_connectable` (not declared), and other
 * extensions arrive on onMessageExternal (not listened to); this check is the second lock on that door.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

export function isTrustedSender(sender: SenderLike, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId) return false;
  const url = sender.url ?? '';
  if (url.startsWith(ownOrigin)) return true;
  // Content scripts: only from Gmail's origin, over HTTPS.
  try {
    const u = new URL(url);
    return Boolean(sender.tab) && u.protocol === 'https:' && u.hostname === 'mail.google.com';
  } catch {
    return false;
  }
}
