import type { Locale } from 'date-fns';
import { de, enUS, es, fr, ja, ptBR } from 'date-fns/locale';

/** Languages the inserted text can be written in. */
export type LocaleCode = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja';

/** All supported locales, in the order a settings menu should list them. */
export const SUPPORTED_LOCALES: LocaleCode[] = ['en', 'de', 'fr', 'es', 'pt', 'ja'];

/** Everything locale-specific: date-fns patterns plus the few sentences of the email. */
export interface LocaleStrings {
  /** BCP 47 tag for `Intl` (time-zone long names). */
  intl: string;
  /** date-fns locale for day and month names. */
  dateLocale: Locale;
  /** Day header in the 'list' layout, e.g. "Tuesday, November 24". */
  dayLong: string;
  /** Day label in the 'compact' layout and for a second-zone day hint, e.g. "Tue, Nov 24". */
  dayShort: string;
  /** Weekday alone, shown when the second zone falls on another day, e.g. "Wed". */
  weekdayShort: string;
  time12: string;
  time24: string;
  /** Between a compact day label and its times, e.g. ": ". */
  labelSep: string;
  /** Upper-case the first letter of day labels (languages whose day names are lower case). */
  capitalize: boolean;
  minutes: (n: number) => string;
  /** "Times shown in {zones}". */
  timesShownIn: (zones: string) => string;
  /** Joins the primary and second zone in the zone line. */
  and: string;
  /** Lead-in of the closing booking-page link. */
  otherTime: string;
  /** Body when there are no slots. */
  noTimes: string;
  /** Lead-in of the booking-page link when there are no slots. */
  bookHere: string;
}

/** The dictionary. Formal address (Sie / usted) for business email. */
export const STRINGS: Record<LocaleCode, LocaleStrings> = {
  en: {
    intl: 'en-US',
    dateLocale: enUS,
    dayLong: 'EEEE, MMMM d',
    dayShort: 'EEE, MMM d',
    weekdayShort: 'EEE',
    time12: 'h:mm a',
    time24: 'HH:mm',
    labelSep: ': ',
    capitalize: false,
    minutes: (n) => `${n} min`,
    timesShownIn: (zones) => `Times shown in ${zones}`,
    and: ' and ',
    otherTime: 'Or pick another time:',
    noTimes: 'No open times in this range.',
    bookHere: 'Pick a time on my booking page:',
  },
  de: {
    intl: 'de-DE',
    dateLocale: de,
    dayLong: 'EEEE, d. MMMM',
    dayShort: 'EEE, d. MMM',
    weekdayShort: 'EEE',
    time12: 'h:mm a',
    time24: 'HH:mm',
    labelSep: ': ',
    capitalize: false,
    minutes: (n) => `${n} Min.`,
    timesShownIn: (zones) => `Zeitangaben in der Zeitzone ${zones}`,
    and: ' und ',
    otherTime: 'Oder wählen Sie einen anderen Termin:',
    noTimes: 'In diesem Zeitraum sind keine Termine frei.',
    bookHere: 'Wählen Sie einen Termin auf meiner Buchungsseite:',
  },
  fr: {
    intl: 'fr-FR',
    dateLocale: fr,
    dayLong: 'EEEE d MMMM',
    dayShort: 'EEE d MMM',
    weekdayShort: 'EEE',
    time12: 'h:mm a',
    time24: 'HH:mm',
    labelSep: '\u00a0: ',
    capitalize: true,
    minutes: (n) => `${n}\u00a0min`,
    timesShownIn: (zones) => `Horaires indiqués en ${zones}`,
    and: ' et ',
    otherTime: 'Ou choisissez un autre créneau\u00a0:',
    noTimes: 'Aucun créneau disponible sur cette période.',
    bookHere: 'Choisissez un créneau sur ma page de réservation\u00a0:',
  },
  es: {
    intl: 'es-ES',
    dateLocale: es,
    dayLong: "EEEE, d 'de' MMMM",
    dayShort: "EEE, d 'de' MMM",
    weekdayShort: 'EEE',
    time12: 'h:mm a',
    time24: 'HH:mm',
    labelSep: ': ',
    capitalize: true,
    minutes: (n) => `${n} min`,
    timesShownIn: (zones) => `Horarios en ${zones}`,
    and: ' y ',
    otherTime: 'O elija otro horario:',
    noTimes: 'No hay horarios disponibles en este período.',
    bookHere: 'Elija un horario en mi página de reservas:',
  },
  pt: {
    intl: 'pt-BR',
    dateLocale: ptBR,
    dayLong: "EEEE, d 'de' MMMM",
    dayShort: "EEE, d 'de' MMM",
    weekdayShort: 'EEE',
    time12: 'h:mm a',
    time24: 'HH:mm',
    labelSep: ': ',
    capitalize: true,
    minutes: (n) => `${n} min`,
    timesShownIn: (zones) => `Horários no fuso horário ${zones}`,
    and: ' e ',
    otherTime: 'Ou escolha outro horário:',
    noTimes: 'Não há horários disponíveis neste período.',
    bookHere: 'Escolha um horário na minha página de agendamento:',
  },
  ja: {
    intl: 'ja-JP',
    dateLocale: ja,
    dayLong: 'M月d日(EEE)',
    dayShort: 'M月d日(EEE)',
    weekdayShort: 'EEE',
    time12: 'ah:mm',
    time24: 'HH:mm',
    labelSep: '：',
    capitalize: false,
    minutes: (n) => `${n}分`,
    timesShownIn: (zones) => `時間はすべて${zones}で表示しています。`,
    and: '、',
    otherTime: '他の日時はこちらからお選びください：',
    noTimes: 'この期間に空いている時間はありません。',
    bookHere: 'こちらの予約ページから日時をお選びください：',
  },
};

/** `locale` if supported, else 'en' (e.g. a stale stored setting). */
export function resolveLocale(locale: string): LocaleCode {
  return (SUPPORTED_LOCALES as string[]).includes(locale) ? (locale as LocaleCode) : 'en';
}

/** The strings for `locale`, falling back to English for anything unknown. */
export function stringsFor(locale: string): LocaleStrings {
  return STRINGS[resolveLocale(locale)];
}
