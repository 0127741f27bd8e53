/** What the availability page needs from the background, as a prop so tests pass a fake. */
import type { AvailabilityAnswer, AvailabilityQuery, Member, Result, TeamSummary, TeamSummaryRequest } from '@/lib/contract';
import type { Settings } from '@/lib/settings/settings';

export interface AvailabilityClient {
  listMembers(): Promise<Result<Member[]>>;
  getAvailability(req: AvailabilityQuery): Promise<Result<AvailabilityAnswer>>;
  startTeamSummary(req: TeamSummaryRequest): Promise<Result<TeamSummary>>;
  getTeamSummary(): Promise<Result<TeamSummary | null>>;
  cancelTeamSummary(): Promise<Result<null>>;
  loadSettings(): Promise<Settings>;
}

/** How the page writes numbers, dates and times: resolved once from settings and the browser. */
export interface Display {
  timeZone: string;
  locale: string;
  hour12: boolean;
}
