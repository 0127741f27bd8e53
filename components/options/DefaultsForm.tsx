import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/client';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/messages';
import { LOCALES, validateSettings, type Settings } from '@/lib/settings/settings';
import { TimeZoneInput } from '../TimeZoneInput';

export interface DefaultsFormProps {
  client: Pick<BackgroundClient, 'loadSettings' | 'saveSettings' | 'listEventTypes' | 'getSlots'>;
}

const LOCALE_NAMES: Record<(typeof LOCALES)[number], string> = {
  en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', pt: 'Português', ja: '日本語',
};

/** The defaults used by the compose button, saved as they change, with a live preview beside them. */
export function DefaultsForm({ client }: DefaultsFormProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [types, setTypes] = useState<Result<EventTypeSummary[]> | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Settings, string>>>({});
  const [preview, setPreview] = useState<Result<SlotsAnswer> | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void client.loadSettings().then(setSettings);
    void client.listEventTypes().then(setTypes);
  }, []);

  useEffect(() => {
    if (!settings) return;
    let live = true;
    setPreview(null);
    void client.getSlots().then((r) => live && setPreview(r));
    return () => {
      live = false;
    };
  }, [settings]);

  async function change<K extends keyof Settings>(key: K, value: Settings[K]) {
    const problems = validateSettings({ [key]: value });
    setErrors((e) => ({ ...e, [key]: problems[key] }));
    if (problems[key]) return;
    setSettings(await client.saveSettings({ [key]: value } as Partial<Settings>));
    setSaved(true);
  }

  if (!settings) return <p class="muted" role="status">{t('loading')}</p>;

  const num = (key: 'count' | 'daysAhead', label: string, min: number, max: number) => (
    <label class="field">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        value={settings[key]}
        aria-invalid={errors[key] ? true : undefined}
        onInput={(e) => void change(key, Number((e.currentTarget as HTMLInputElement).value))}
      />
      {errors[key] && <span class="error">{errors[key]}</span>}
    </label>
  );

  return (
    <section class="card defaults" aria-labelledby="defaults-h">
      <div>
        <h2 id="defaults-h">{t('defaults')}</h2>
        <p class="help" role="status">{saved ? `${t('saved')} ✓` : t('savedAutomatically')}</p>
        <div class="stack">
          <label class="field">
            <span>{t('eventType')}</span>
            <select
              value={settings.eventTypeUri ?? (types?.ok ? (types.data[0]?.uri ?? '') : '')}
              disabled={!types?.ok}
              onChange={(e) => void change('eventTypeUri', (e.currentTarget as HTMLSelectElement).value || null)}
            >
              {!types && <option value="">{t('loading')}</option>}
              {types?.ok && types.data.length === 0 && <option value="">{t('noEventTypes')}</option>}
              {types?.ok &&
                types.data.map((et) => (
                  <option key={et.uri} value={et.uri}>
                    {et.name} · {et.durationMinutes} min{et.scope === 'organization' && et.owner ? ` · ${et.owner}` : ''}
                  </option>
                ))}
            </select>
            {types && !types.ok && <span class="error">{types.error.message}</span>}
          </label>
          <div class="grid2">
            {num('count', t('howMany'), 1, 20)}
            {num('daysAhead', t('daysAhead'), 1, 60)}
          </div>
          <div class="grid2">
            <label class="field">
              <span>{t('perDay')}</span>
              <select
                value={settings.maxPerDay ?? ''}
                onChange={(e) => {
                  const v = (e.currentTarget as HTMLSelectElement).value;
                  void change('maxPerDay', v ? Number(v) : null);
                }}
              >
                <option value="">{t('noLimit')}</option>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>{n}</option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>{t('clock')}</span>
              <select value={settings.clock} onChange={(e) => void change('clock', (e.currentTarget as HTMLSelectElement).value as Settings['clock'])}>
                <option value="auto">{t('clockAuto')}</option>
                <option value="12h">{t('clock12')}</option>
                <option value="24h">{t('clock24')}</option>
              </select>
            </label>
          </div>
          <TimeZoneInput
            label={t('timeZone')}
            value={settings.timeZone}
            special={[{ value: 'auto', label: t('automatic', Intl.DateTimeFormat().resolvedOptions().timeZone) }]}
            error={errors.timeZone}
            onChange={(z) => void change('timeZone', z)}
          />
          <TimeZoneInput
            label={t('secondTimeZone')}
            value={settings.secondTimeZone ?? ''}
            special={[{ value: '', label: t('none') }]}
            error={errors.secondTimeZone}
            onChange={(z) => void change('secondTimeZone', z || null)}
          />
          <div class="grid2">
            <label class="field">
              <span>{t('language')}</span>
              <select value={settings.locale} onChange={(e) => void change('locale', (e.currentTarget as HTMLSelectElement).value as Settings['locale'])}>
                <option value="auto">{t('clockAuto')}</option>
                {LOCALES.map((l) => (
                  <option key={l} value={l}>{LOCALE_NAMES[l]}</option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>{t('layout')}</span>
              <select value={settings.layout} onChange={(e) => void change('layout', (e.currentTarget as HTMLSelectElement).value as Settings['layout'])}>
                <option value="list">{t('layoutList')}</option>
                <option value="compact">{t('layoutCompact')}</option>
              </select>
            </label>
          </div>
        </div>
      </div>
      <div>
        <h2>{t('preview')}</h2>
        <div class="preview" aria-live="polite" aria-label={t('preview')}>
          {!preview && <p class="muted">{t('loading')}</p>}
          {preview && !preview.ok && <p class="alert">{preview.error.message}</p>}
          {/* Our own formatter's output: API strings escaped, only Calendly links kept. */}
          {preview?.ok && <div dangerouslySetInnerHTML={{ __html: preview.data.html }} />}
        </div>
      </div>
    </section>
  );
}
