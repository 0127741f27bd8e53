import { useEffect, useRef, useState } from 'preact/hooks';
import type { TeamSummary } from '@/lib/contract';
import { t } from '@/lib/i18n/t';
import { periodKey } from '@/lib/team/period';
import { formatRange } from './format';
import { TeamProgress } from './TeamProgress';
import { TeamTable } from './TeamTable';
import type { AvailabilityClient, Display } from './types';
import './team.css';

/**
 * Every member's figures for the page's period (admins and owners): started on request, filled in as the
 * background fetches them (polled), paused and continued, and found again when the page is reopened — the
 * summary is named by the period's calendar days, so "This week" chosen again later is the same summary.
 */
export function TeamSummaryCard(props: {
  client: Pick<AvailabilityClient, 'startTeamSummary' | 'getTeamSummary' | 'cancelTeamSummary'>;
  range: { start: string; end: string } | null;
  display: Display;
  pollMs: number;
  onSelect(userUri: string): void;
}) {
  const { client, display } = props;
  const [summary, setSummary] = useState<TeamSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const live = useRef(true);
  // Bumped by each start: an answer to a poll sent before it may describe the job it replaced.
  const epoch = useRef(0);

  async function refresh(): Promise<void> {
    const asked = epoch.current;
    const r = await client.getTeamSummary().catch(() => null);
    if (!live.current || asked !== epoch.current) return;
    if (!r) setError(t('avNoBackground'));
    else if (r.ok) setSummary(r.data);
    else setError(r.error.message);
  }

  useEffect(() => {
    live.current = true;
    void refresh();
    return () => {
      live.current = false;
    };
  }, []);

  const running = summary?.status === 'running';
  // Poll while it runs: one request at a time, the next one `pollMs` after the previous answer.
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(() => void tick(), props.pollMs);
    };
    timer = setTimeout(() => void tick(), props.pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running]);

  async function start() {
    if (!props.range) return;
    epoch.current++;
    setPending(true);
    setError(null);
    // Another period's summary is not shown while this one starts: its progress is not this period's.
    if (!samePeriod) setSummary(null);
    const r = await client.startTeamSummary({ ...props.range, timeZone: display.timeZone }).catch(() => null);
    setPending(false);
    if (!r || !r.ok) void refresh();
    if (!r) setError(t('avNoBackground'));
    else if (r.ok) setSummary(r.data);
    else setError(r.error.message);
  }

  async function pause() {
    setPending(true);
    const r = await client.cancelTeamSummary().catch(() => null);
    setPending(false);
    if (r && !r.ok) setError(r.error.message);
    await refresh();
  }

  const currentKey = props.range ? periodKey(props.range, display.timeZone) : null;
  const samePeriod = summary !== null && summary.periodKey === currentKey;

  return (
    <section class="card av-team-card" aria-labelledby="av-team-h">
      <div class="av-section-head">
        <h2 id="av-team-h">{t('avTeamSummary')}</h2>
        <div class="row av-team-actions">
          {samePeriod && running ? (
            <button type="button" class="btn" onClick={() => void pause()} disabled={pending}>
              {t('avTeamCancel')}
            </button>
          ) : (
            <button type="button" class="btn primary" onClick={() => void start()} disabled={pending || !props.range}>
              {samePeriod && summary.status === 'paused' ? t('avTeamContinue') : t('avTeamStart')}
            </button>
          )}
        </div>
      </div>
      <p class="help">{t('avTeamHelp')}</p>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      {pending && !summary && (
        <p class="muted av-team-starting" role="status">
          {t('loading')}
        </p>
      )}
      {summary && (
        <div class="stack av-team-body">
          <p class="muted av-team-period">{t('avTeamPeriod', formatRange(summary.range, display))}</p>
          {!samePeriod && <p class="help av-team-other">{t('avTeamOtherPeriod')}</p>}
          <TeamProgress summary={summary} locale={display.locale} />
          <TeamTable summary={summary} display={display} onSelect={props.onSelect} />
        </div>
      )}
    </section>
  );
}
