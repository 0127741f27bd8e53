/**
 * The content script's side of the contract: a client with only the messages the policy lets a content
 * script send (slots, event types, status, the cache warm-up, the offered-times check, opening the options page), and the listener
 * for what the background sends to the tab.
 */
import { createClient } from './client';
import { onMessage as onAnyMessage } from './messaging';
import type { TabProtocol } from './protocol';

export const background = createClient('content');

/** Listens for a message the background sends to this tab. */
export const onTabMessage = <K extends keyof TabProtocol>(type: K, handler: () => ReturnType<TabProtocol[K]>) =>
  onAnyMessage(type, handler);
