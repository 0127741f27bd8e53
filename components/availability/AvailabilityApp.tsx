import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_CUSTOM_WEEKS, periodRange } from '@/lib/availability';
import { addDays, startOfZonedDate, zonedDate } from '@/lib/availability/zoned';
import type { AvailabilityAnswer, Member } from '@/lib/contract';
import { t, tn } from '@/lib/i18n/t';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '@/lib/settings/settings';
import { MemberPicker, PeriodPicker, SchedulePicker, type PeriodValue } from './Controls';
import { csvFileName, downloadCsv } from './csv';
import { DayTable } from './DayTable';
import { FiguresPanel } from './FiguresPanel';
import { formatDate, formatRange } from './format';
import { TeamSummaryCard } from './TeamSummary';
import type { AvailabilityClient, Display } from './types';
import { WeekCalendar } from './WeekCalendar';

export interface AvailabilityAppProps {
  client: AvailabilityClient;
  /** Epoch milliseconds (tests pin it). */
  now?: () => number;
  /** The browser's zone and language, used where settings say 'auto'. */
  environment?: () => { timeZone: string; language: string };
  /** How often a running team summary is polled. */
  pollMs?: number;
  optionsUrl?: string;
}

interface Boot {
  members: Member[];
  settings: Settings;
  display: Display;
}

type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

const browserEnvironment = () => ({
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  language: typeof navigator === 'undefined' ? 'en-US' : navigator.language,
});

function ErrorState(props: { message: string; onRetry(): void }) {
  return (
    <section class="card av-error" aria-labelledby="av-error-h">
      <h2 id="av-error-h">{t('avErrorTitle')}</h2>
      <p class="alert" role="alert">
        {props.message}
      </p>
      <button type="button" class="btn primary" onClick={props.onRetry}>
        {t('tryAgain')}
      </button>
    </section>
  );
}

function Loading(props: { label: string }) {
  return (
    <p class="muted av-loading" role="status">
      <span class="spinner" aria-hidden="true" /> {props.label}
    </p>
  );
}

/** The availability page: whose, when, which schedule; figures, a week calendar, a per-day table, CSV; team summary. */
export function AvailabilityApp(props: AvailabilityAppProps) {
  const { client } = props;
  const now = props.now ?? Date.now;
  const environment = props.environment ?? browserEnvironment;

  const [boot, setBoot] = useState<Load<Boot>>({ state: 'loading' });
  const [bootAttempt, setBootAttempt] = useState(0);
  const [member, setMember] = useState<string | null>(null);
  const [period, setPeriod] = useState<PeriodValue>({ kind: 'this-week', customStart: '', customEnd: '' });
  const [range, setRange] = useState<{ start: string; end: string } | null>(null);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [scheduleUri, setScheduleUri] = useState<string | null>(null);
  const [week, setWeek] = useState<string | null>(null);
  const [buffered, setBuffered] = useState(false);
  const [answer, setAnswer] = useState<AvailabilityAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    let live = true;
    setBoot({ state: 'loading' });
    void (async () => {
      const [members, settings] = await Promise.all([
        client.listMembers().catch(() => null),
        client.loadSettings().catch(() => DEFAULT_SETTINGS),
      ]);
      if (!live) return;
      if (!members) return setBoot({ state: 'error', message: t('avNoBackground') });
      if (!members.ok) return setBoot({ state: 'error', message: members.error.message });
      const r = resolveSettings(settings, environment());
      const display: Display = { timeZone: r.timeZone, locale: r.locale, hour12: r.hour12 };
      const today = zonedDate(now(), display.timeZone);
      setBoot({ state: 'ready', data: { members: members.data, settings, display } });
      setMember((m) => m ?? members.data[0]?.userUri ?? null);
      applyPeriod({ kind: 'this-week', customStart: today, customEnd: addDays(today, 13) }, display.timeZone);
    })();
    return () => {
      live = false;
    };
  }, [bootAttempt]);

  function applyPeriod(value: PeriodValue, timeZone: string) {
    setPeriod(value);
    const today = zonedDate(now(), timeZone);
    let message: string | null = null;
    let next: { start: Date; end: Date } | null = null;
    if (value.kind !== 'custom') {
      next = periodRange(value.kind, new Date(now()), timeZone);
    } else if (!value.customStart || !value.customEnd) {
      message = t('avPickDates');
    } else if (value.customStart < today) {
      message = t('avStartFromToday');
    } else if (value.customEnd < value.customStart) {
      message = t('avEndAfterStart');
    } else {
      try {
        next = periodRange('custom', new Date(now()), timeZone, {
          start: new Date(startOfZonedDate(value.customStart, timeZone)),
          end: new Date(startOfZonedDate(addDays(value.customEnd, 1), timeZone)),
        });
      } catch {
        message = tn('avAtMostWeeks', MAX_CUSTOM_WEEKS);
      }
    }
    setPeriodError(message);
    if (next) {
      setRange({ start: next.start.toISOString(), end: next.end.toISOString() });
      setWeek(null);
    }
  }

  const ready = boot.state === 'ready' ? boot.data : null;

  useEffect(() => {
    if (!ready || !member || !range) return;
    const id = ++seq.current;
    setLoading(true);
    setError(null);
    client
      .getAvailability({
        userUri: member,
        start: range.start,
        end: range.end,
        scheduleUri,
        viewerTimeZone: ready.display.timeZone,
        lowFreeThresholdHours: ready.settings.lowFreeThresholdHours,
        weekStart: week,
        buffered,
      })
      .catch(() => null)
      .then((r) => {
        if (id !== seq.current) return;
        setLoading(false);
        if (r?.ok) {
          setAnswer(r.data);
        } else {
          setAnswer(null);
          setError(r ? r.error.message : t('avNoBackground'));
        }
      });
  }, [ready, member, range, scheduleUri, week, buffered, attempt]);

  function chooseMember(userUri: string) {
    if (userUri === member) return;
    setMember(userUri);
    setScheduleUri(null);
    setWeek(null);
  }

  const header = (
    <header class="av-head">
      <img src="/icon/48.png" width="32" height="32" alt="" />
      <h1>{t('avTitle')}</h1>
      {props.optionsUrl && (
        <a class="av-head-link" href={props.optionsUrl}>
          {t('settings')}
        </a>
      )}
    </header>
  );

  if (boot.state !== 'ready') {
    return (
      <main class="av-page">
        {header}
        {boot.state === 'loading' ? (
          <Loading label={t('loading')} />
        ) : (
          <ErrorState message={boot.message} onRetry={() => setBootAttempt((n) => n + 1)} />
        )}
      </main>
    );
  }

  const { members, display } = boot.data;
  const current = members.find((m) => m.userUri === member) ?? members[0];
  const self = members.find((m) => m.isSelf);
  const isAdmin = self?.role === 'admin' || self?.role === 'owner';
  const today = zonedDate(now(), display.timeZone);
  // An answer for another member or period is not shown while the new one loads.
  const fresh = answer && answer.userUri === member && range && answer.range.end === range.end ? answer : null;

  return (
    <main class="av-page">
      {header}
      <div class="stack">
        <section class="card av-controls" aria-labelledby="av-controls-h">
          <h2 id="av-controls-h" class="sr">
            {t('avControls')}
          </h2>
          <div class="av-controls-row">
            {member && <MemberPicker members={members} value={member} onChange={chooseMember} />}
            <PeriodPicker
              value={period}
              today={today}
              maxEnd={addDays(period.customStart || today, 7 * MAX_CUSTOM_WEEKS - 1)}
              error={periodError}
              onChange={(v) => applyPeriod(v, display.timeZone)}
            />
            {fresh && (
              <SchedulePicker
                schedules={fresh.schedules}
                value={fresh.schedule?.uri ?? null}
                onChange={(uri) => {
                  setScheduleUri(uri);
                }}
              />
            )}
          </div>
          <label class="av-check">
            <input type="checkbox" checked={buffered} onChange={(e) => setBuffered((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t('avBuffered')}</span>
          </label>
          <p class="help av-zone">
            {t('avTimesIn', display.timeZone)}
            {fresh?.schedule && fresh.schedule.timezone !== display.timeZone && (
              <> {t('avScheduleZone', fresh.schedule.name, fresh.schedule.timezone)}</>
            )}
          </p>
        </section>

        {error ? (
          <ErrorState message={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : !fresh ? (
          <Loading label={t('avLoading')} />
        ) : (
          <>
            <section class="card" aria-labelledby="av-figures-h" aria-busy={loading ? 'true' : undefined}>
              <div class="av-section-head">
                <h2 id="av-figures-h">
                  {t('avFiguresFor', current ? (current.isSelf ? t('avYou', current.name) : current.name) : '', formatRange(fresh.range, display))}
                </h2>
                <button
                  type="button"
                  class="btn"
                  onClick={() => {
                    const days = fresh.figures.days;
                    downloadCsv(fresh.figures, csvFileName(current?.name ?? '', days[0]?.date ?? '', days[days.length - 1]?.date ?? ''));
                  }}
                >
                  {t('avExportCsv')}
                </button>
              </div>
              {loading && <Loading label={t('avLoading')} />}
              {!fresh.schedule ? (
                <p class="av-empty" role="status">
                  {t('avNoSchedule', current?.name ?? '')}
                </p>
              ) : (
                fresh.figures.availableHours === 0 && (
                  <p class="av-empty" role="status">
                    {t('avNoHours')}
                  </p>
                )
              )}
              <FiguresPanel answer={fresh} locale={display.locale} isSelf={current?.isSelf ?? false} />
              {fresh.overrideDates.length > 0 && fresh.schedule && (
                <p class="help">
                  <span aria-hidden="true">✱ </span>
                  {t(
                    'avOverrideDates',
                    fresh.overrideDates.map((d) => formatDate(d, display.locale)).join(', '),
                    fresh.schedule.timezone,
                  )}
                </p>
              )}
            </section>

            <section class="card" aria-labelledby="av-week-h">
              <h2 id="av-week-h">{t('avWeek')}</h2>
              <WeekCalendar answer={fresh} display={display} busy={loading} onWeek={setWeek} />
            </section>

            <section class="card">
              <DayTable answer={fresh} locale={display.locale} />
            </section>
          </>
        )}

        {isAdmin && (
          <TeamSummaryCard
            client={client}
            range={range}
            display={display}
            pollMs={props.pollMs ?? 500}
            onSelect={(uri) => {
              chooseMember(uri);
              document.getElementById('av-controls-h')?.scrollIntoView?.({ block: 'start' });
            }}
          />
        )}
      </div>
    </main>
  );
}
