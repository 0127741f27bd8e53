import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/contract/pages';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/contract';
import { LOCALES, validateSettings, type Settings } from '@/lib/settings/settings';
import { Icon } from '../popup/Icon';
import { FormattedHtml } from '../FormattedHtml';
import { TimeZoneInput } from '../TimeZoneInput';
import { eventTypeLabel } from '../event-type-label';

export interface DefaultsFormProps {
  client: Pick<BackgroundClient, 'loadSettings' | 'saveSettings' | 'listEventTypes' | 'getSlots'>;
}

const LOCALE_NAMES: Record<(typeof LOCALES)[number], string> = {
  en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', pt: 'Português', ja: '日本語',
};

type NumberKey = 'count' | 'daysAhead' | 'lowFreeThresholdHours';
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** The defaults used by the compose button, saved as they change, with a live preview beside them. */
export function DefaultsForm({ client }: DefaultsFormProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [types, setTypes] = useState<Result<EventTypeSummary[]> | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Settings, string>>>({});
  // What is typed in the number fields, kept even when invalid (the stored value stays as it was).
  const [drafts, setDrafts] = useState<Partial<Record<NumberKey, string>>>({});
  const [preview, setPreview] = useState<Result<SlotsAnswer> | null>(null);
  const [previewBusy, setPreviewBusy] = useState(true);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const saves = useRef<Promise<unknown>>(Promise.resolve());
  const previewRun = useRef(0);

  function loadTypes() {
    setTypes(null);
    void client
      .listEventTypes()
      .catch(() => ({ ok: false, error: { kind: 'network', message: t('backgroundUnreachable') } }) as const)
      .then(setTypes);
  }

  useEffect(() => {
    void client.loadSettings().then(setSettings);
    loadTypes();
  }, []);

  // Every saved change refreshes the preview; a late answer to an older request is dropped.
  useEffect(() => {
    if (!settings) return;
    const run = ++previewRun.current;
    setPreviewBusy(true);
    void client
      .getSlots()
      .catch(() => ({ ok: false, error: { kind: 'network', message: t('backgroundUnreachable') } }) as const)
      .then((r) => {
        if (run !== previewRun.current) return;
        setPreview(r as Result<SlotsAnswer>);
        setPreviewBusy(false);
      });
  }, [settings]);

  function change<K extends keyof Settings>(key: K, value: Settings[K]) {
    const problems = validateSettings({ [key]: value });
    setErrors((e) => ({ ...e, [key]: problems[key] }));
    if (problems[key]) return;
    setSave({ kind: 'saving' });
    // One save at a time, in the order they were made: each one reads and writes the whole record.
    saves.current = saves.current.then(async () => {
      try {
        setSettings(await client.saveSettings({ [key]: value } as Partial<Settings>));
        setSave({ kind: 'saved' });
      } catch (e) {
        setSave({ kind: 'failed', message: t('saveFailed', e instanceof Error ? e.message : String(e)) });
      }
    });
  }

  if (!settings) {
    return (
      <section class="card" aria-labelledby="defaults-h" aria-busy="true">
        <h2 id="defaults-h">{t('defaults')}</h2>
        <p class="muted" role="status">
          <span class="spinner" aria-hidden="true" /> {t('loading')}
        </p>
      </section>
    );
  }

  const numberField = (key: NumberKey, label: string, min: number, max: number) => {
    const id = `field-${key}`;
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={drafts[key] ?? String(settings[key])}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={errors[key] ? `${id}-error` : undefined}
          onInput={(e) => {
            const raw = (e.currentTarget as HTMLInputElement).value;
            setDrafts((d) => ({ ...d, [key]: raw }));
            change(key, raw.trim() === '' ? Number.NaN : Number(raw));
          }}
          onBlur={() => !errors[key] && setDrafts((d) => ({ ...d, [key]: undefined }))}
        />
        {errors[key] && (
          <span id={`${id}-error`} class="field-error" role="alert">
            {errors[key]}
          </span>
        )}
      </div>
    );
  };

  const select = <K extends keyof Settings>(
    key: K,
    label: string,
    options: [string, string][],
    parse: (v: string) => Settings[K],
    value: string,
    help?: string,
  ) => (
    <div class="field">
      <label for={`field-${key}`}>{label}</label>
      <select
        id={`field-${key}`}
        value={value}
        aria-describedby={help ? `help-${key}` : undefined}
        onChange={(e) => change(key, parse((e.currentTarget as HTMLSelectElement).value))}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {help && (
        <p class="help" id={`help-${key}`}>
          {help}
        </p>
      )}
    </div>
  );

  return (
    <section class="card defaults" aria-labelledby="defaults-h">
      <div class="defaults-form">
        <div class="card-head">
          <h2 id="defaults-h">{t('defaults')}</h2>
          <SaveStatus state={save} />
        </div>
        <fieldset>
          <legend>{t('whatToOffer')}</legend>
          <EventTypeField
            types={types}
            value={settings.eventTypeUri}
            onRetry={loadTypes}
            onChange={(uri) => change('eventTypeUri', uri)}
          />
          <div class="grid2">
            {numberField('count', t('howMany'), 1, 20)}
            {numberField('daysAhead', t('daysAhead'), 1, 60)}
          </div>
          {select(
            'maxPerDay',
            t('perDay'),
            [['', t('noLimit')], ...[1, 2, 3, 4, 5].map((n): [string, string] => [String(n), String(n)])],
            (v) => (v ? Number(v) : null),
            String(settings.maxPerDay ?? ''),
          )}
        </fieldset>
        <fieldset>
          <legend>{t('howTimesRead')}</legend>
          <TimeZoneInput
            class="field"
            label={t('timeZone')}
            value={settings.timeZone}
            special={[{ value: 'auto', label: t('automatic', Intl.DateTimeFormat().resolvedOptions().timeZone) }]}
            error={errors.timeZone}
            invalidMessage={t('timeZoneInvalid')}
            onChange={(z) => change('timeZone', z)}
          />
          <TimeZoneInput
            class="field"
            label={t('secondTimeZone')}
            value={settings.secondTimeZone ?? ''}
            special={[{ value: '', label: t('none') }]}
            error={errors.secondTimeZone}
            invalidMessage={t('timeZoneInvalid')}
            onChange={(z) => change('secondTimeZone', z || null)}
          />
          <div class="grid2">
            {select(
              'clock',
              t('clock'),
              [['auto', t('clockAuto')], ['12h', t('clock12')], ['24h', t('clock24')]],
              (v) => v as Settings['clock'],
              settings.clock,
            )}
            {select(
              'layout',
              t('layout'),
              [['list', t('layoutList')], ['compact', t('layoutCompact')]],
              (v) => v as Settings['layout'],
              settings.layout,
            )}
          </div>
          {select(
            'locale',
            t('language'),
            [['auto', t('clockAuto')], ...LOCALES.map((l): [string, string] => [l, LOCALE_NAMES[l]])],
            (v) => v as Settings['locale'],
            settings.locale,
            t('languageHint'),
          )}
          <div class="field-check">
            <input
              id="field-singleUse"
              type="checkbox"
              checked={settings.singleUse}
              aria-describedby="help-singleUse"
              onChange={(e) => change('singleUse', (e.currentTarget as HTMLInputElement).checked)}
            />
            <label for="field-singleUse">{t('singleUseOffer')}</label>
          </div>
          <p class="help" id="help-singleUse">{t('singleUseHint')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('availabilityView')}</legend>
          {numberField('lowFreeThresholdHours', t('lowFreeThreshold'), 0, 168)}
          <p class="help">{t('lowFreeThresholdHelp')}</p>
        </fieldset>
      </div>
      <div class="defaults-preview">
        <div class="card-head">
          <h2 id="preview-h">{t('preview')}</h2>
          {previewBusy && preview && <span class="spinner" aria-hidden="true" />}
        </div>
        <p class="help">{t('previewHelp', t('insertOpenSlots'))}</p>
        <div
          class={`email${previewBusy && preview ? ' is-updating' : ''}`}
          aria-labelledby="preview-h"
          aria-live="polite"
          aria-busy={previewBusy ? true : undefined}
          role="region"
        >
          {!preview && <PreviewSkeleton />}
          {preview && !preview.ok && (
            <p class="alert">
              <Icon name="alert" />
              {preview.error.message}
            </p>
          )}
          {/* Our own formatter's output: API strings escaped, only Calendly links kept. */}
          {preview?.ok && <FormattedHtml class="email-body" html={preview.data.html} />}
        </div>
      </div>
    </section>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  return (
    <p class={`save-state${state.kind === 'saved' ? ' is-saved' : ''}${state.kind === 'failed' ? ' is-failed' : ''}`} role="status">
      {state.kind === 'idle' && t('savedAutomatically')}
      {state.kind === 'saving' && t('saving')}
      {state.kind === 'saved' && `${t('saved')} ✓`}
      {state.kind === 'failed' && state.message}
    </p>
  );
}

function EventTypeField({
  types,
  value,
  onChange,
  onRetry,
}: {
  types: Result<EventTypeSummary[]> | null;
  value: string | null;
  onChange(uri: string | null): void;
  onRetry(): void;
}) {
  const list = types?.ok ? types.data : [];
  const own = list.filter((et) => et.scope === 'user');
  const org = list.filter((et) => et.scope === 'organization');
  // null means "the first of your own", which is what the background uses too.
  const selected = value ?? own[0]?.uri ?? list[0]?.uri ?? '';
  const gone = types?.ok && list.length > 0 && value !== null && !list.some((et) => et.uri === value);
  const message = gone ? t('eventTypeGone') : types?.ok && list.length === 0 ? t('noEventTypes') : null;
  const option = (et: EventTypeSummary) => (
    <option key={et.uri} value={et.uri}>
      {eventTypeLabel(et)}
    </option>
  );
  return (
    <div class="field">
      <label for="field-eventTypeUri">{t('eventType')}</label>
      <select
        id="field-eventTypeUri"
        value={gone ? '' : selected}
        disabled={!types?.ok || list.length === 0}
        aria-invalid={gone ? true : undefined}
        aria-describedby={message || (types && !types.ok) ? 'eventType-msg' : undefined}
        onChange={(e) => {
          const uri = (e.currentTarget as HTMLSelectElement).value;
          if (uri) onChange(uri);
        }}
      >
        {!types && <option value="">{t('loading')}</option>}
        {types && !types.ok && <option value="">—</option>}
        {types?.ok && list.length === 0 && <option value="">{t('noEventTypes')}</option>}
        {gone && (
          <option value="" disabled>
            {t('chooseEventType')}
          </option>
        )}
        {org.length === 0 ? (
          own.map(option)
        ) : (
          <>
            <optgroup label={t('yourEventTypes')}>{own.map(option)}</optgroup>
            <optgroup label={t('organizationEventTypes')}>{org.map(option)}</optgroup>
          </>
        )}
      </select>
      {message && (
        <span id="eventType-msg" class={gone ? 'field-error' : 'help'}>
          {message}
        </span>
      )}
      {types && !types.ok && (
        <span id="eventType-msg" class="field-error">
          {types.error.message}{' '}
          <button type="button" class="linklike" onClick={onRetry}>
            {t('tryAgain')}
          </button>
        </span>
      )}
    </div>
  );
}

function PreviewSkeleton() {
  return (
    <div class="skeleton" aria-hidden="true">
      <span style={{ width: '55%' }} />
      <span style={{ width: '40%' }} />
      <span style={{ width: '25%' }} />
      <span style={{ width: '25%' }} />
      <span style={{ width: '40%' }} />
      <span style={{ width: '25%' }} />
      <span style={{ width: '70%' }} />
    </div>
  );
}
