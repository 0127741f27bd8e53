/**
 * The one contract between the extension's contexts: shared data types (./types.ts) and the message map
 * with its sender policy (./protocol.ts). Runtime pieces are imported from their own files so a context
 * bundles only what it uses: ./pages.ts (the extension pages' client), ./content.ts (the content script's),
 * ./messaging.ts (the wire).
 */
export type * from './types';
export * from './protocol';
