import { useEffect, useRef, useState } from 'preact/hooks';
import type { TeamMemberRow, TeamSummary } from '@/lib/contract';
import { t, tn } from '@/lib/i18n/t';
import { formatHours, formatPercent, formatRange } from './format';
import type { AvailabilityClient, Display } from './types';

type SortKey = 'name' | 'available' | 'scheduled' | 'free' | 'utilisation';

const VALUE: Record<Exclude<SortKey, 'name'>, (r: TeamMemberRow) => number | undefined> = {
  available: (r) => r.totals?.availableHours,
  scheduled: (r) => r.totals?.scheduledHours,
  free: (r) => r.totals?.freeHours,
  utilisation: (r) => r.totals?.utilisation,
};

/** Rows sorted by a column; members without figures (pending or failed) always last, by name. */
export function sortRows(rows: TeamMemberRow[], key: SortKey, dir: 'asc' | 'desc', locale: string): TeamMemberRow[] {
  const byName = (a: TeamMemberRow, b: TeamMemberRow) => a.name.localeCompare(b.name, locale);
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const x = VALUE[key](a);
    const y = VALUE[key](b);
    if (x === undefined || y === undefined) return x === y ? byName(a, b) : x === undefined ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}

const COLUMNS: { key: SortKey; label: () => string }[] = [
  { key: 'name', label: () => t('avName') },
  { key: 'available', label: () => t('avAvailable') },
  { key: 'scheduled', label: () => t('avScheduled') },
  { key: 'free', label: () => t('avFree') },
  { key: 'utilisation', label: () => t('avUtilisation') },
];

/**
 * Every member's figures for the page's period (admins and owners): started on request, filled in as the
 * background fetches them (polled), cancellable, and picked up again when the page is reopened.
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
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'name', dir: 'asc' });
  const live = useRef(true);

  async function refresh(): Promise<void> {
    const r = await client.getTeamSummary().catch(() => null);
    if (!live.current) return;
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
    setPending(true);
    setError(null);
    const r = await client.startTeamSummary(props.range).catch(() => null);
    setPending(false);
    if (!r) setError(t('avNoBackground'));
    else if (r.ok) setSummary(r.data);
    else setError(r.error.message);
  }

  async function cancel() {
    setPending(true);
    const r = await client.cancelTeamSummary().catch(() => null);
    setPending(false);
    if (r && !r.ok) setError(r.error.message);
    await refresh();
  }

  function toggleSort(key: SortKey) {
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' }));
  }

  const samePeriod = summary && props.range && summary.range.start === props.range.start && summary.range.end === props.range.end;
  const h = (n: number) => formatHours(n, display.locale);
  const rows = summary ? sortRows(summary.members, sort.key, sort.dir, display.locale) : [];

  return (
    <section class="card" aria-labelledby="av-team-h">
      <h2 id="av-team-h">{t('avTeamSummary')}</h2>
      <p class="help">{t('avTeamHelp')}</p>
      <div class="row av-team-actions">
        <button type="button" class="btn primary" onClick={() => void start()} disabled={pending || running || !props.range}>
          {summary && samePeriod && summary.status !== 'done' ? t('avTeamContinue') : t('avTeamStart')}
        </button>
        {running && (
          <button type="button" class="btn" onClick={() => void cancel()} disabled={pending}>
            {t('avTeamCancel')}
          </button>
        )}
      </div>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      {summary && (
        <div class="stack av-team-body">
          <p class="muted">
            {t('avTeamPeriod', formatRange(summary.range, display))}
            {summary.status === 'cancelled' && ` · ${t('avTeamCancelled')}`}
          </p>
          <div class="av-progress">
            <label for="av-team-progress">{tn('avTeamProgress', summary.total, summary.completed, summary.total)}</label>
            <progress id="av-team-progress" max={Math.max(1, summary.total)} value={summary.completed} />
            {summary.failed > 0 && <span class="error">{t('avTeamFailed', summary.failed)}</span>}
          </div>
          <div class="av-table-wrap" tabIndex={0} role="region" aria-labelledby="av-team-caption">
            <table class="av-table av-team">
              <caption id="av-team-caption" class="sr">
                {t('avTeamSummary')}
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      <button type="button" class="av-sort" onClick={() => toggleSort(c.key)}>
                        {c.label()}
                        <span aria-hidden="true" class="av-sort-mark">
                          {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                        </span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userUri} data-user={r.userUri} data-state={r.state}>
                    <th scope="row">
                      <button type="button" class="av-link" onClick={() => props.onSelect(r.userUri)} title={t('avShowMember', r.name)}>
                        {r.isSelf ? t('avYou', r.name) : r.name}
                      </button>
                    </th>
                    {r.state === 'done' && r.totals ? (
                      <>
                        <td>{h(r.totals.availableHours)}</td>
                        <td>{h(r.totals.scheduledHours)}</td>
                        <td>{h(r.totals.freeHours)}</td>
                        <td>{formatPercent(r.totals.utilisation, display.locale)}</td>
                      </>
                    ) : r.state === 'error' ? (
                      <td colSpan={4} class="error">
                        {r.error}
                      </td>
                    ) : (
                      <td colSpan={4} class="muted">
                        {summary.status === 'running' ? t('avTeamWaiting') : t('avTeamNotFetched')}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
