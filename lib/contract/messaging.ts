/**
 * The wire: @webext-core/messaging over runtime messages, typed by the contract's ProtocolMap. A renamed
 * field is a compile error in every context instead of a silent `undefined` at run time.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
