import type { AnswerGridDay, AvailabilityAnswer } from '@/lib/contract';
import type { GridBlockKind } from '@/lib/availability';
import { t } from '@/lib/i18n/t';
import { formatDate, formatHourLabel, formatSpan, wallMinutes } from './format';
import type { Display } from './types';

const LABEL: Record<GridBlockKind, (span: string) => string> = {
  available: (s) => t('avBlockAvailable', s),
  override: (s) => t('avBlockOverride', s),
  calendly: (s) => t('avBlockCalendly', s),
  held: (s) => t('avBlockHeld', s),
  external: (s) => t('avBlockExternal', s),
};

const SHORT: Record<GridBlockKind, () => string> = {
  available: () => '',
  override: () => '',
  calendly: () => t('avCalendly'),
  held: () => t('avHeld'),
  external: () => t('avExternal'),
};

/** Busy kinds (drawn on top, in lanes, focusable); the others are availability. */
const isBusyKind = (kind: GridBlockKind) => kind === 'calendly' || kind === 'held' || kind === 'external';

interface Placed {
  kind: GridBlockKind;
  top: number;
  bottom: number;
  title: string;
  lane: number;
  key: string;
}

/** Blocks in wall-clock minutes of the day; busy blocks get side-by-side lanes where they overlap. */
function place(day: AnswerGridDay, d: Display): { placed: Placed[]; lanes: number } {
  const placed: Placed[] = day.blocks.map((b, i) => {
    const top = wallMinutes(b.start, d.timeZone, day.date);
    // A block across a repeated (fall-back) hour may end "before" it starts on the wall clock.
    const bottom = Math.max(wallMinutes(b.end, d.timeZone, day.date), top + 5);
    return { kind: b.kind, top, bottom, title: LABEL[b.kind](formatSpan(b.start, b.end, d)), lane: 0, key: `${b.kind}${b.start}${i}` };
  });
  const laneEnds: number[] = [];
  for (const p of placed.filter((x) => isBusyKind(x.kind))) {
    let lane = laneEnds.findIndex((end) => end <= p.top);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = p.bottom;
    p.lane = lane;
  }
  return { placed, lanes: Math.max(1, laneEnds.length) };
}

/** The hours the grid shows: those with any block, at least 08:00–18:00. */
function visibleHours(days: { placed: Placed[] }[]): [number, number] {
  let first = 8;
  let last = 18;
  for (const { placed } of days) {
    for (const p of placed) {
      first = Math.min(first, Math.floor(p.top / 60));
      last = Math.max(last, Math.ceil(p.bottom / 60));
    }
  }
  return [Math.max(0, first), Math.min(24, last)];
}

/** A week: 7 day columns, hour rows, availability and busy blocks, override days marked, previous/next. */
export function WeekCalendar(props: {
  answer: AvailabilityAnswer;
  display: Display;
  busy: boolean;
  onWeek(week: string): void;
}) {
  const { answer, display } = props;
  const index = answer.weeks.indexOf(answer.week);
  const prev = index > 0 ? answer.weeks[index - 1] : undefined;
  const next = index >= 0 && index < answer.weeks.length - 1 ? answer.weeks[index + 1] : undefined;
  const days = answer.grid.map((day) => ({ day, ...place(day, display) }));
  const [first, last] = visibleHours(days);
  const span = (last - first) * 60;
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const pct = (min: number) => `${((min - first * 60) / span) * 100}%`;

  return (
    <div class="av-week" aria-busy={props.busy ? 'true' : undefined}>
      <div class="av-week-head row">
        <button type="button" class="btn" disabled={!prev || props.busy} onClick={() => prev && props.onWeek(prev)}>
          <span aria-hidden="true">‹ </span>
          {t('avPrevWeekButton')}
        </button>
        <p class="av-week-title" id="av-week-title" aria-live="polite">
          {t('avWeekOf', formatDate(answer.week, display.locale, { year: 'numeric' }))}
        </p>
        <button type="button" class="btn" disabled={!next || props.busy} onClick={() => next && props.onWeek(next)}>
          {t('avNextWeekButton')}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <ul class="av-legend" aria-label={t('avLegend')}>
        <li><span class="av-swatch available" aria-hidden="true" /> {t('avAvailable')}</li>
        <li><span class="av-swatch override" aria-hidden="true" /> {t('avOverrideHours')}</li>
        <li><span class="av-swatch calendly" aria-hidden="true" /> {t('avCalendlyEvent')}</li>
        <li><span class="av-swatch held" aria-hidden="true" /> {t('avHeldEvent')}</li>
        <li><span class="av-swatch external" aria-hidden="true" /> {t('avExternalEvent')}</li>
      </ul>
      {/* Scrolls sideways in a narrow window: a focusable region, so the keyboard can scroll it too. */}
      <div class="av-week-scroll" tabIndex={0} role="region" aria-labelledby="av-week-title">
        <div class="av-week-grid" style={{ '--av-hours': String(last - first) }}>
          <div class="av-corner" aria-hidden="true" />
          {days.map(({ day }) => (
            <div
              key={`h${day.date}`}
              class={`av-day-head${day.hasOverride ? ' has-override' : ''}${day.outside ? ' outside' : ''}`}
              id={`av-day-${day.date}`}
            >
              <span class="av-day-name">{formatDate(day.date, display.locale)}</span>
              {day.hasOverride && (
                <span class="av-badge" title={t('avOverrideDayTitle')}>
                  <span aria-hidden="true">✱ </span>
                  {t('avOverrideDay')}
                </span>
              )}
              {day.outside && <span class="av-badge muted">{t('avOutsidePeriod')}</span>}
            </div>
          ))}
          <div class="av-gutter" aria-hidden="true">
            {hours.map((h) => (
              <div key={h} class="av-hour-label">
                {formatHourLabel(h, display)}
              </div>
            ))}
          </div>
          {days.map(({ day, placed, lanes }) => (
            <div
              key={`c${day.date}`}
              class={`av-day${day.outside ? ' outside' : ''}`}
              role="group"
              aria-labelledby={`av-day-${day.date}`}
            >
              {placed.length === 0 && <span class="sr">{day.outside ? t('avOutsidePeriod') : t('avNothingThisDay')}</span>}
              {placed.map((p) => {
                const isBusy = isBusyKind(p.kind);
                const width = isBusy ? 76 / lanes : 100;
                const left = isBusy ? 20 + p.lane * width : 0;
                return (
                  <div
                    key={p.key}
                    class={`av-block ${p.kind}`}
                    data-kind={p.kind}
                    title={p.title}
                    role="img"
                    aria-label={p.title}
                    tabIndex={isBusy ? 0 : undefined}
                    style={{
                      top: pct(p.top),
                      height: `${((p.bottom - p.top) / span) * 100}%`,
                      left: `${left}%`,
                      width: `${width}%`,
                    }}
                  >
                    {isBusy && <span class="av-block-label" aria-hidden="true">{SHORT[p.kind]()}</span>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
