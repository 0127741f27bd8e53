/**
 * Who is talking to the background, from what the browser says about the sender (never from the message).
 * Only Open Slots' own contexts count: its pages (at the extension's origin) and its content script on
 * Gmail. Web pages cannot reach runtime.onMessage without `externally_connectable` (not declared), and
 * other extensions arrive on onMessageExternal (not listened to); this check is the second lock on that
 * door. Which context may send which message is the contract's policy (lib/contract/protocol.ts).
 */
import type { SenderContext } from '../contract';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

/** The sender's context, or null when it is not one of Open Slots' own. */
export function senderContext(sender: SenderLike, ownId: string, ownOrigin: string): SenderContext | null {
  if (sender.id !== ownId) return null;
  const url = sender.url ?? '';
  if (ownOrigin && url.startsWith(ownOrigin)) return 'page';
  // Content scripts: only in a tab on Gmail's origin, over HTTPS.
  try {
    const u = new URL(url);
    return Boolean(sender.tab) && u.protocol === 'https:' && u.hostname === 'mail.google.com' ? 'content' : null;
  } catch {
    return null;
  }
}

export function isTrustedSender(sender: SenderLike, ownId: string, ownOrigin: string): boolean {
  return senderContext(sender, ownId, ownOrigin) !== null;
}
