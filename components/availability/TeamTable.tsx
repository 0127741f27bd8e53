import { useMemo, useState } from 'preact/hooks';
import type { TeamMemberRow, TeamSummary } from '@/lib/contract';
import { t } from '@/lib/i18n/t';
import { teamCsvFileName, teamToCsv } from '@/lib/team/csv';
import { periodDates } from '@/lib/team/period';
import { filterRows, nextSort, pageOf, sortRows, type SortDir, type TeamSortKey } from '@/lib/team/table';
import { formatHours, formatPercent } from './format';
import type { Display } from './types';

/** Rows per page: 2,000 members stay 40 light pages, not one 100,000-pixel table. */
export const TEAM_PAGE_SIZE = 50;

const COLUMNS: { key: TeamSortKey; label: () => string; numeric: boolean }[] = [
  { key: 'name', label: () => t('avName'), numeric: false },
  { key: 'email', label: () => t('avEmail'), numeric: false },
  { key: 'available', label: () => t('avAvailable'), numeric: true },
  { key: 'scheduled', label: () => t('avScheduled'), numeric: true },
  { key: 'free', label: () => t('avFree'), numeric: true },
  { key: 'utilisation', label: () => t('avUtilisation'), numeric: true },
];

/** Downloads `text` as a CSV file through a temporary `<a download>`. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** A number the user typed ("12", "7.5", "7,5"); null when empty or not a number. */
function parseHours(s: string): number | null {
  const n = Number(s.trim().replace(',', '.'));
  return s.trim() === '' || !Number.isFinite(n) || n < 0 ? null : n;
}

/** The team's figures: search, a free-hours filter, sortable columns, pages, a CSV of everyone. */
export function TeamTable(props: { summary: TeamSummary; display: Display; onSelect(userUri: string): void }) {
  const { summary, display } = props;
  const [search, setSearch] = useState('');
  const [below, setBelow] = useState('');
  const [sort, setSort] = useState<{ key: TeamSortKey; dir: SortDir }>({ key: 'name', dir: 'asc' });
  const [page, setPage] = useState(0);

  const belowHours = parseHours(below);
  const sorted = useMemo(() => sortRows(summary.members, sort.key, sort.dir, display.locale), [summary.members, sort.key, sort.dir, display.locale]);
  const shown = useMemo(() => filterRows(sorted, { search, belowFreeHours: belowHours }), [sorted, search, belowHours]);
  const p = pageOf(shown, page, TEAM_PAGE_SIZE);
  const h = (n: number) => formatHours(n, display.locale);
  const n = (x: number) => new Intl.NumberFormat(display.locale).format(x);

  function exportCsv() {
    const d = periodDates(summary.range, display.timeZone);
    download(teamToCsv(sorted), teamCsvFileName(d.first, d.last));
  }

  const cells = (r: TeamMemberRow) =>
    r.state === 'done' && r.totals ? (
      <>
        <td data-col="available">{h(r.totals.availableHours)}</td>
        <td data-col="scheduled">{h(r.totals.scheduledHours)}</td>
        <td data-col="free">{h(r.totals.freeHours)}</td>
        <td data-col="utilisation">{formatPercent(r.totals.utilisation, display.locale)}</td>
      </>
    ) : r.state === 'error' ? (
      <td colSpan={4} class="error">
        {r.error}
      </td>
    ) : (
      <td colSpan={4} class="muted">
        {summary.status === 'running' ? t('avTeamWaiting') : t('avTeamNotFetched')}
      </td>
    );

  return (
    <div class="stack av-team-table">
      <div class="av-team-tools">
        <label class="field av-team-search">
          <span id="av-team-search-label">{t('avTeamSearch')}</span>
          <input
            type="search"
            aria-labelledby="av-team-search-label"
            value={search}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => {
              setSearch((e.currentTarget as HTMLInputElement).value);
              setPage(0);
            }}
          />
        </label>
        <label class="field av-team-below">
          <span id="av-team-below-label">{t('avTeamBelowFree')}</span>
          <input
            type="number"
            min="0"
            step="0.5"
            inputMode="decimal"
            aria-labelledby="av-team-below-label"
            aria-describedby="av-team-below-help"
            value={below}
            onInput={(e) => {
              setBelow((e.currentTarget as HTMLInputElement).value);
              setPage(0);
            }}
          />
          <span id="av-team-below-help" class="help">
            {t('avTeamBelowFreeHelp')}
          </span>
        </label>
        <button type="button" class="btn av-team-csv" onClick={exportCsv}>
          {t('avTeamExportCsv')}
        </button>
      </div>

      <p class="muted av-team-count" role="status" aria-live="polite">
        {p.total === 0 ? t('avTeamNoMatch') : t('avTeamShowing', n(p.from), n(p.to), n(p.total))}
      </p>

      <div class="av-table-wrap av-team-scroll" tabIndex={0} role="region" aria-labelledby="av-team-caption">
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
                  data-col={c.key}
                  class={c.numeric ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    class="av-sort"
                    onClick={() => {
                      setSort((s) => nextSort(s, c.key));
                      setPage(0);
                    }}
                  >
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
            {p.rows.map((r) => (
              <tr key={r.userUri} data-user={r.userUri} data-state={r.state}>
                <th scope="row">
                  <button type="button" class="av-link" onClick={() => props.onSelect(r.userUri)} title={t('avShowMember', r.name)}>
                    {r.isSelf ? t('avYou', r.name) : r.name}
                  </button>
                </th>
                <td class="av-team-email" data-col="email">
                  {r.email}
                </td>
                {cells(r)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {p.pages > 1 && (
        <nav class="row av-team-pager" aria-label={t('avTeamPages')}>
          <button type="button" class="btn" onClick={() => setPage(p.page - 1)} disabled={p.page === 0}>
            {t('avTeamPrevPage')}
          </button>
          <span class="muted">{t('avTeamPageOf', n(p.page + 1), n(p.pages))}</span>
          <button type="button" class="btn" onClick={() => setPage(p.page + 1)} disabled={p.page >= p.pages - 1}>
            {t('avTeamNextPage')}
          </button>
        </nav>
      )}
    </div>
  );
}
