/**
 * What the extension's pages (popup, options, availability) can ask for, in one object, so components
 * take it as a prop and tests pass a fake. The token goes from the options page to background-only
 * storage and is verified there; it is never put in a message.
 */
import type { AvailabilityQuery, TeamSummaryRequest } from './background/availability';
import { sendMessage } from './messages';
import type { Settings } from './settings/settings';
import { loadSettings, pendingTokenItem, saveSettings } from './storage';

export const backgroundClient = {
  getStatus: () => sendMessage('getStatus', undefined),
  async connect(token: string) {
    await pendingTokenItem.setValue(token);
    return sendMessage('connect', undefined);
  },
  disconnect: () => sendMessage('disconnect', undefined),
  signIn: () => sendMessage('signIn', undefined),
  oauthAvailable: () => sendMessage('oauthAvailable', undefined),
  listEventTypes: () => sendMessage('listEventTypes', undefined),
  getSlots: (overrides?: Partial<Settings>, opts?: { fresh?: boolean }) => sendMessage('getSlots', { overrides, fresh: opts?.fresh }),
  listMembers: () => sendMessage('listMembers', undefined),
  getAvailability: (req: AvailabilityQuery) => sendMessage('getAvailability', req),
  startTeamSummary: (req: TeamSummaryRequest) => sendMessage('startTeamSummary', req),
  getTeamSummary: () => sendMessage('getTeamSummary', undefined),
  cancelTeamSummary: () => sendMessage('cancelTeamSummary', undefined),
  listOffers: () => sendMessage('listOffers', undefined),
  withdrawOffer: (shareUri: string) => sendMessage('withdrawOffer', { shareUri }),
  loadSettings,
  saveSettings,
};

export type BackgroundClient = typeof backgroundClient;
