import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/contract';
import type { Settings } from '@/lib/settings/settings';
import { eventTypeLabel } from '../event-type-label';
import { FormattedHtml } from '../FormattedHtml';
import { TimeZoneInput } from '../TimeZoneInput';

export interface PickerProps {
  getSlots(overrides?: Partial<Settings>): Promise<Result<SlotsAnswer>>;
  listEventTypes(): Promise<Result<EventTypeSummary[]>>;
  onInsert(overrides: Partial<Settings>): void;
  onClose(): void;
  busy: boolean;
  style?: Record<string, string>;
}

type Choice = Pick<Settings, 'count' | 'daysAhead' | 'timeZone' | 'secondTimeZone' | 'singleUse'> & { eventTypeUri: string | null };

/**
 * The compose picker: event type, how many, days ahead, zone, and a live preview of the exact insertion.
 * Only the fields the user changed are sent as overrides, so an untouched field keeps the stored default.
 * It takes focus when it opens (keyboard users land in it; the draft's caret is remembered per compose)
 * and Escape closes it.
 */
export function Picker({ getSlots, listEventTypes, onInsert, onClose, busy, style }: PickerProps) {
  const [types, setTypes] = useState<EventTypeSummary[] | null>(null);
  const [choice, setChoice] = useState<Choice>({
    eventTypeUri: null,
    count: 5,
    daysAhead: 30,
    timeZone: 'auto',
    secondTimeZone: null,
    singleUse: false,
  });
  const [changed, setChanged] = useState<Partial<Choice> | null>(null);
  const [preview, setPreview] = useState<Result<SlotsAnswer> | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  // Focus in the same task as the first render: a key pressed right after opening lands in the picker.
  useLayoutEffect(() => {
    dialogRef.current?.focus();
  }, []);

  useEffect(() => {
    void listEventTypes().then((r) => setTypes(r.ok ? r.data : []));
    // The first preview uses the stored defaults; its answer tells us which event type, zone and range they mean.
    void getSlots().then((r) => {
      setPreview((p) => p ?? r);
      if (r.ok) {
        setChoice((c) => ({
          ...c,
          eventTypeUri: r.data.eventType.uri,
          timeZone: r.data.timeZone,
          // The settings' second zone, or one remembered for a recipient of this compose (issue 19).
          secondTimeZone: r.data.secondTimeZone ?? null,
          daysAhead: r.data.daysAhead,
          count: r.data.count,
          singleUse: r.data.singleUse ?? false,
        }));
      }
    });
  }, []);

  useEffect(() => {
    if (!changed) return;
    let live = true;
    setPreview(null);
    const timer = setTimeout(() => {
      void getSlots(overrides(changed)).then((r) => live && setPreview(r));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [changed]);

  const update = (change: Partial<Choice>) => {
    setChanged((c) => ({ ...c, ...change }));
    setChoice((c) => ({ ...c, ...change }));
  };

  return (
    <div
      class="os-pop os-picker"
      role="dialog"
      aria-label={t('chooseSlots')}
      style={style}
      tabIndex={-1}
      ref={dialogRef}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <div class="os-fields">
        <label class="os-field">
          <span>{t('eventType')}</span>
          <select
            value={choice.eventTypeUri ?? ''}
            disabled={!types}
            onChange={(e) => update({ eventTypeUri: (e.currentTarget as HTMLSelectElement).value })}
          >
            {!types && <option value="">{t('loading')}</option>}
            {types?.map((et) => (
              <option key={et.uri} value={et.uri}>
                {eventTypeLabel(et)}
              </option>
            ))}
          </select>
        </label>
        <div class="os-row">
          <label class="os-field">
            <span>{t('howMany')}</span>
            <input
              type="number"
              min={1}
              max={20}
              value={choice.count}
              onInput={(e) => {
                const n = Number((e.currentTarget as HTMLInputElement).value);
                if (n >= 1 && n <= 20) update({ count: n });
              }}
            />
          </label>
          <label class="os-field">
            <span>{t('daysAhead')}</span>
            <input
              type="number"
              min={1}
              max={60}
              value={choice.daysAhead}
              onInput={(e) => {
                const n = Number((e.currentTarget as HTMLInputElement).value);
                if (n >= 1 && n <= 60) update({ daysAhead: n });
              }}
            />
          </label>
        </div>
        <TimeZoneInput label={t('timeZone')} value={choice.timeZone} onChange={(timeZone) => update({ timeZone })} />
        {/* A zone chosen here for an insert is remembered for the compose's To addresses (by the background).
            Its own short label: beside "Time zone", a label containing those words would make the two hard to tell apart. */}
        <TimeZoneInput
          label={t('pickerSecondZone')}
          value={choice.secondTimeZone ?? ''}
          special={[{ value: '', label: t('none') }]}
          onChange={(zone) => update({ secondTimeZone: zone || null })}
        />
        <label class="os-check" title={t('singleUseHint')}>
          <input
            type="checkbox"
            checked={choice.singleUse}
            onChange={(e) => update({ singleUse: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('singleUseOffer')}</span>
        </label>
      </div>
      <div class="os-preview" aria-live="polite" aria-label={t('preview')}>
        {!preview && <p class="os-muted">{t('loading')}</p>}
        {preview && !preview.ok && <p>{preview.error.message}</p>}
        {/* Our own formatter's output: every API string in it is escaped and only Calendly links remain. */}
        {preview?.ok && <FormattedHtml html={preview.data.html} />}
      </div>
      <div class="os-actions">
        <button type="button" class="os-btn os-primary" disabled={busy || !preview?.ok} onMouseDown={(e) => e.preventDefault()} onClick={() => onInsert(overrides(changed ?? {}))}>
          {t('insert')}
        </button>
        <button type="button" class="os-btn" onClick={onClose}>{t('close')}</button>
      </div>
    </div>
  );
}

/** The settings overrides for the fields the user changed. */
function overrides(changed: Partial<Choice>): Partial<Settings> {
  const { eventTypeUri, ...rest } = changed;
  return eventTypeUri ? { ...rest, eventTypeUri } : rest;
}
