/**
 * A client derived from the contract: one method per message the given context may send, typed by the
 * map. A message the policy does not allow the context does not exist on its client, so, e.g., the
 * content script cannot even express `disconnect` (and the background refuses it if sent by hand).
 */
import { MESSAGE_TYPES, mayReceive, type AnswerOf, type MessageType, type RequestArgs, type SenderContext, type SendableFrom } from './protocol';
import { sendMessage } from './messaging';

export type Client<C extends SenderContext> = { [K in SendableFrom<C>]: (...args: RequestArgs<K>) => Promise<AnswerOf<K>> };

/** Sends one message and resolves with the background's answer (rejects when the background refused). */
export type Send = (type: MessageType, data: unknown) => Promise<unknown>;

const wire: Send = (type, data) => (sendMessage as (type: MessageType, data: unknown) => Promise<unknown>)(type, data);

export function createClient<C extends SenderContext>(context: C, send: Send = wire): Client<C> {
  const client: Partial<Record<MessageType, (data?: unknown) => Promise<unknown>>> = {};
  for (const type of MESSAGE_TYPES) {
    if (mayReceive(type, context)) client[type] = (data?: unknown) => send(type, data);
  }
  // The loop above built exactly the methods Client<C> lists (both come from CONTRACT and its policy).
  return client as Client<C>;
}
