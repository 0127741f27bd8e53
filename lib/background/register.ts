/**
 * The background's side of the contract, derived from the map: one listener per message, each checking
 * who sent it (./sender.ts) against the contract's policy before the handler runs. A refused message gets
 * an error (the sender's promise rejects) and its handler never runs.
 */
import { MESSAGE_TYPES, mayReceive, type AnswerOf, type Handlers, type MessageType } from '../contract';
import { onMessage } from '../contract/messaging';
import { senderContext, type SenderLike } from './sender';

/** The part of @webext-core/messaging's `onMessage` this needs (a fake in unit tests). */
export type Listen = (type: MessageType, listener: (message: { data: unknown; sender: SenderLike }) => Promise<unknown>) => unknown;

/** `Listen` over runtime messages (@webext-core/messaging). */
export const listenOnRuntime: Listen = (type, listener) =>
  // The answer is what the handler for `type` returned, which `Handlers` typed as AnswerOf<typeof type>.
  onMessage(type, (message) => listener(message) as Promise<AnswerOf<typeof type>>);

export interface RegisterOptions {
  listen: Listen;
  ownId: string;
  /** The extension's origin with a trailing slash (runtime.getURL('')). */
  ownOrigin: string;
  /** The sentence a refused sender gets. */
  refusal: () => string;
}

export class RefusedMessage extends Error {
  override name = 'RefusedMessage';
}

export function registerHandlers(handlers: Handlers, { listen, ownId, ownOrigin, refusal }: RegisterOptions): void {
  for (const type of MESSAGE_TYPES) {
    // Handlers[K] takes HandlerData<K>; the wire delivers the data the sender typed against the same map.
    // The sender comes second, for the few handlers that need to know the tab (reportComposes).
    const handler = handlers[type] as (this: Handlers, data: unknown, sender: SenderLike) => unknown;
    listen(type, async ({ data, sender }) => {
      const context = senderContext(sender, ownId, ownOrigin);
      if (!context || !mayReceive(type, context)) throw new RefusedMessage(refusal());
      return handler.call(handlers, data, sender);
    });
  }
}
