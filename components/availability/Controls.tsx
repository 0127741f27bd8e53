import type { PeriodKind } from '@/lib/availability';
import type { Member, ScheduleSummary } from '@/lib/contract';
import { t } from '@/lib/i18n/t';

export function MemberPicker(props: { members: Member[]; value: string; onChange(userUri: string): void }) {
  return (
    <label class="field">
      <span id="av-member-label">{t('avMember')}</span>
      <select aria-labelledby="av-member-label" value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {props.members.map((m) => (
          <option key={m.userUri} value={m.userUri}>
            {m.isSelf ? t('avYou', m.name) : m.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface PeriodValue {
  kind: PeriodKind;
  /** `yyyy-MM-dd`, first and last day (inclusive) of a custom period. */
  customStart: string;
  customEnd: string;
}

const KINDS: { kind: PeriodKind; label: () => string }[] = [
  { kind: 'this-week', label: () => t('avThisWeek') },
  { kind: 'next-week', label: () => t('avNextWeek') },
  { kind: 'next-4-weeks', label: () => t('avNext4Weeks') },
  { kind: 'custom', label: () => t('avCustom') },
];

/** This week, next week, the next 4 weeks, or custom dates (at most 8 weeks, from today). */
export function PeriodPicker(props: {
  value: PeriodValue;
  /** `yyyy-MM-dd` today in the viewer's zone (the earliest start). */
  today: string;
  /** The last end date allowed for the chosen custom start. */
  maxEnd: string;
  error: string | null;
  onChange(value: PeriodValue): void;
}) {
  const { value, onChange } = props;
  return (
    <div class="av-period">
      <label class="field">
        <span id="av-period-label">{t('avPeriod')}</span>
        <select
          aria-labelledby="av-period-label"
          value={value.kind}
          onChange={(e) => onChange({ ...value, kind: (e.currentTarget as HTMLSelectElement).value as PeriodKind })}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label()}
            </option>
          ))}
        </select>
      </label>
      {value.kind === 'custom' && (
        <>
          <label class="field">
            <span id="av-from-label">{t('avFrom')}</span>
            <input
              aria-labelledby="av-from-label"
              type="date"
              min={props.today}
              value={value.customStart}
              aria-invalid={props.error ? true : undefined}
              aria-describedby="av-period-error"
              onChange={(e) => onChange({ ...value, customStart: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <label class="field">
            <span id="av-to-label">{t('avTo')}</span>
            <input
              aria-labelledby="av-to-label"
              type="date"
              min={value.customStart || props.today}
              max={props.maxEnd}
              value={value.customEnd}
              aria-invalid={props.error ? true : undefined}
              aria-describedby="av-period-error"
              onChange={(e) => onChange({ ...value, customEnd: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
        </>
      )}
      {props.error && (
        <p id="av-period-error" class="error av-period-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function SchedulePicker(props: { schedules: ScheduleSummary[]; value: string | null; onChange(uri: string): void }) {
  if (props.schedules.length === 0) return null;
  return (
    <label class="field">
      <span id="av-schedule-label">{t('avSchedule')}</span>
      <select
        aria-labelledby="av-schedule-label"
        value={props.value ?? ''}
        disabled={props.schedules.length < 2}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.schedules.map((s) => (
          <option key={s.uri} value={s.uri}>
            {s.default ? t('avDefaultSchedule', s.name) : s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
