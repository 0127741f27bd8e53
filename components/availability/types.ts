import type { BackgroundClient } from '@/lib/contract/pages';

/** What the availability page needs from the background (the pages' client), as a prop so tests pass a fake. */
export type AvailabilityClient = Pick<
  BackgroundClient,
  'listMembers' | 'getAvailability' | 'startTeamSummary' | 'getTeamSummary' | 'cancelTeamSummary' | 'loadSettings'
>;

/** How the page writes numbers, dates and times: resolved once from settings and the browser. */
export interface Display {
  timeZone: string;
  locale: string;
  hour12: boolean;
}
