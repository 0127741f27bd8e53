/**
 * The user's defaults for inserted slots: one typed shape, validated (a value from an older or corrupted
 * store never reaches the formatter), with the defaults the product promises (first 5 times, next 30 days).
 */
import * as v from 'valibot';
import type { MessageKey } from '../i18n/en';
import { t } from '../i18n/t';

export const LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'ja'] as const;

export const SettingsSchema = v.object({
  /** Event type URI; null = the first active one. */
  eventTypeUri: v.nullable(v.string()),
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
  daysAhead: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60)),
  /** At most this many slots per day; null = no limit. */
  maxPerDay: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20))),
  /** IANA zone, or 'auto' for the browser's zone. */
  timeZone: v.string(),
  secondTimeZone: v.nullable(v.string()),
  clock: v.picklist(['auto', '12h', '24h']),
  locale: v.picklist(['auto', ...LOCALES]),
  layout: v.picklist(['list', 'compact']),
  /** The availability view hints "open up more availability" below this many free hours. */
  lowFreeThresholdHours: v.pipe(v.number(), v.minValue(0), v.maxValue(168)),
  /** Insert as one single-use Calendly share offering exactly these times (lib/offers). */
  singleUse: v.boolean(),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  eventTypeUri: null,
  count: 5,
  daysAhead: 30,
  maxPerDay: null,
  timeZone: 'auto',
  secondTimeZone: null,
  clock: 'auto',
  locale: 'auto',
  layout: 'list',
  lowFreeThresholdHours: 5,
  singleUse: false,
};

/** Stored (or partial, or corrupted) settings -> valid settings; invalid fields fall back to defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!(key in input)) continue;
    const field = SettingsSchema.entries[key];
    const parsed = v.safeParse(field, input[key]);
    if (parsed.success) out[key] = parsed.output;
  }
  return out as Settings;
}

/** Field-level validation for the options form: a message per invalid field. */
export function validateSettings(partial: Partial<Record<keyof Settings, unknown>>): Partial<Record<keyof Settings, string>> {
  const errors: Partial<Record<keyof Settings, string>> = {};
  for (const [key, value] of Object.entries(partial) as [keyof Settings, unknown][]) {
    const field = SettingsSchema.entries[key];
    if (!field) continue;
    if (!v.safeParse(field, value).success) errors[key] = t(FIELD_MESSAGES[key]);
    if ((key === 'timeZone' || key === 'secondTimeZone') && typeof value === 'string' && value !== 'auto' && !isTimeZone(value))
      errors[key] = t(FIELD_MESSAGES[key]);
  }
  return errors;
}

/** The catalogue message for each invalid field (lib/i18n). */
const FIELD_MESSAGES: Record<keyof Settings, MessageKey> = {
  eventTypeUri: 'fieldEventType',
  count: 'fieldCount',
  daysAhead: 'fieldDaysAhead',
  maxPerDay: 'fieldMaxPerDay',
  timeZone: 'timeZoneInvalid',
  secondTimeZone: 'fieldSecondTimeZone',
  clock: 'fieldClock',
  locale: 'fieldLocale',
  layout: 'fieldLayout',
  lowFreeThresholdHours: 'fieldLowFreeThreshold',
  singleUse: 'fieldSingleUse',
};

/** True for a zone name this browser's Intl knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The formatter's language for a language tag ("fr", "pt-BR", "de_DE"), or null when it has none for it. */
export function supportedLocale(tag: string | null | undefined): (typeof LOCALES)[number] | null {
  const lang = (tag ?? '').split(/[-_]/)[0]!.toLowerCase();
  return (LOCALES as readonly string[]).includes(lang) ? (lang as (typeof LOCALES)[number]) : null;
}

/**
 * The concrete zone, locale and clock a request uses once 'auto' is resolved. An 'auto' language is the
 * language the event type's booking page shows (Calendly's event type `locale`, issue 19: the invitee reads
 * the times and then books on that page), when the formatter has it; else the browser's; else English.
 */
export function resolveSettings(
  s: Settings,
  browser: { timeZone: string; language: string },
  eventType?: { locale?: string | null },
) {
  const timeZone = s.timeZone === 'auto' || !isTimeZone(s.timeZone) ? browser.timeZone : s.timeZone;
  const locale = s.locale !== 'auto' ? s.locale : (supportedLocale(eventType?.locale) ?? supportedLocale(browser.language) ?? 'en');
  const hour12 =
    s.clock === 'auto'
      ? new Intl.DateTimeFormat(browser.language, { hour: 'numeric' }).resolvedOptions().hour12 ?? false
      : s.clock === '12h';
  return { timeZone, locale: locale as (typeof LOCALES)[number], hour12 };
}
