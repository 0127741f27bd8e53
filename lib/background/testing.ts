/** Test fixtures of the background service (imported by tests only). */
import type { StoredAccount } from './service';

/** A connected account as the service stores it: Avery, a personal access token, no organization. */
export function storedAccount(uri = 'https://api.calendly.com/users/u1'): StoredAccount {
  return {
    uri,
    name: 'Avery',
    email: 'a@example.com',
    timezone: 'America/New_York',
    schedulingUrl: 'https://calendly.com/avery',
    organizationUri: null,
    via: 'token',
  } as StoredAccount;
}
