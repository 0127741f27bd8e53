/**
 * Type test (checked by `npm run typecheck`, not run): the contract makes wrong code fail to compile.
 * Every `@ts-expect-error` below must have an error under it, or tsc fails with "Unused '@ts-expect-error'
 * directive" — so if the contract stopped catching one of these, the typecheck would go red.
 */
import type { BackgroundClient } from './pages';
import type { Client } from './client';
import type { Handlers, Member, Result, Status } from './index';
import { sendMessage } from './messaging';

declare const ok: Handlers;
declare const members: Result<Member[]>;
declare const status: Status;

// A complete, right handler object compiles.
export const right = { ...ok, getStatus: async () => status } satisfies Handlers;

export const wrongShapes = {
  ...ok,
  // @ts-expect-error getStatus must answer a Status, not the member list.
  getStatus: async () => members,
  // @ts-expect-error oauthAvailable answers a boolean, not 'yes'.
  oauthAvailable: () => 'yes',
  // @ts-expect-error getSlots answers Result<SlotsAnswer>.
  getSlots: async () => ({ ok: true as const, data: null }),
  // @ts-expect-error a handler takes the message's request: getAvailability's is an AvailabilityQuery.
  getAvailability: async (req: { userUri: number }) => ({ ok: false as const, error: { kind: 'network' as const, message: String(req) } }),
} satisfies Handlers;

// @ts-expect-error every message needs a handler (cancelTeamSummary is missing).
export const missing = { ...(ok as Omit<Handlers, 'cancelTeamSummary'>) } satisfies Handlers;

// @ts-expect-error no handler for a message the map does not have.
export const extra = { ...ok, deleteEverything: async () => null } satisfies Handlers;

declare const content: Client<'content'>;
declare const pages: BackgroundClient;
export async function senders() {
  await content.getSlots({ overrides: { count: 3 } });
  await pages.disconnect();
  // @ts-expect-error the content script's client has no disconnect (the policy keeps it to the pages).
  await content.disconnect();
  // @ts-expect-error nor can it start the team summary.
  await content.startTeamSummary({ start: '2026-01-05', end: '2026-01-12' });
  // @ts-expect-error requests are typed: getSlots takes { overrides, fresh }, not a count.
  await pages.getSlots(3);
  // @ts-expect-error answers are typed: getStatus answers a Status, which has no `ok`.
  (await pages.getStatus()).ok;
  // @ts-expect-error the wire is typed too: unknown messages do not exist.
  await sendMessage('deleteEverything', undefined);
}
