/**
 * What the extension's pages (popup, options, availability) can ask for, in one object, so components
 * take it as a prop and tests pass a fake. Derived from the contract; the only hand-written parts are the
 * token hand-over and the settings, which are storage, not messages. The token goes from the options page
 * to background-only storage and is verified there; it is never put in a message.
 */
import { loadSettings, pendingTokenItem, saveSettings } from '../storage';
import { createClient } from './client';

const messages = createClient('page');

export const backgroundClient = {
  ...messages,
  async connect(token: string) {
    await pendingTokenItem.setValue(token);
    return messages.connect();
  },
  loadSettings,
  saveSettings,
};

export type BackgroundClient = typeof backgroundClient;
