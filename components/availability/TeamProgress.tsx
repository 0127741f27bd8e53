import type { TeamSummary } from '@/lib/contract';
import { t, tn } from '@/lib/i18n/t';

/** "About 3 min left", "Less than a minute left", or that it is still being worked out. */
export function timeLeftLabel(ms: number | null): string {
  if (ms === null) return t('avTeamEstimating');
  if (ms < 60_000) return t('avTeamUnderMinute');
  return t('avTeamMinutesLeft', Math.ceil(ms / 60_000));
}

/** Members done of all, a bar, the status and (while it runs) the time left from the requests left and the limit. */
export function TeamProgress(props: { summary: TeamSummary; locale: string }) {
  const { summary: s } = props;
  const n = (x: number) => new Intl.NumberFormat(props.locale).format(x);
  const status = s.status === 'running' ? t('avTeamRunning') : s.status === 'paused' ? t('avTeamCancelled') : t('avTeamDone');
  return (
    <div class="av-progress" data-status={s.status}>
      <div class="av-progress-line">
        <label for="av-team-progress" class="av-progress-count">
          {tn('avTeamProgress', s.total, s.completed, s.total)}
        </label>
        <span class="av-progress-status">{status}</span>
        {s.status === 'running' && (
          <span class="av-progress-eta" data-eta-ms={s.timeLeftMs ?? ''}>
            {timeLeftLabel(s.timeLeftMs)}
          </span>
        )}
      </div>
      <progress id="av-team-progress" max={Math.max(1, s.total)} value={s.completed} />
      <div class="av-progress-line help">
        {s.status !== 'done' && s.requestsLeft > 0 && s.rateLimit !== null && <span>{tn('avTeamRequestsLeft', s.requestsLeft, n(s.requestsLeft), n(s.rateLimit))}</span>}
        {s.failed > 0 && <span class="error">{t('avTeamFailed', n(s.failed))}</span>}
      </div>
    </div>
  );
}
