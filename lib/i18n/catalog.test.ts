import { describe, expect, it } from 'vitest';
import { catalogs, toChromeMessages } from './catalog';
import { en, type Messages } from './en';
import { PLURAL_FORM, pluralForms } from './t';

/** Chrome's locale codes (https://developer.chrome.com/docs/extensions/reference/api/i18n#locales). */
const CHROME_LOCALES = new Set([
  'ar', 'am', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'en_AU', 'en_GB', 'en_US', 'es', 'es_419', 'et',
  'fa', 'fi', 'fil', 'fr', 'gu', 'he', 'hi', 'hr', 'hu', 'id', 'it', 'ja', 'kn', 'ko', 'lt', 'lv', 'ml', 'mr',
  'ms', 'nl', 'no', 'pl', 'pt_BR', 'pt_PT', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tr',
  'uk', 'vi', 'zh_CN', 'zh_TW',
]);

/** Names and identifiers that stay as they are in every language. */
const UNTRANSLATED = [
  'Open Slots', 'Calendly', 'Gmail', 'users:read', 'event_types:read', 'availability:read', 'organizations:read',
  'api.calendly.com', 'chrome://extensions', 'API & Webhooks',
];

const placeholders = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort();
const enKeys = Object.keys(en).sort();
const languages = Object.entries(catalogs) as [string, Messages][];

describe('message catalogues', () => {
  it('ships English (the default_locale) and the five translations under Chrome locale codes', () => {
    expect(Object.keys(catalogs).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt_BR']);
    expect(catalogs.en).toBe(en);
    for (const code of Object.keys(catalogs)) expect(CHROME_LOCALES.has(code), code).toBe(true);
  });

  it('uses keys Chrome accepts (letters, digits, _; unique ignoring case)', () => {
    for (const key of enKeys) expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(enKeys.map((k) => k.toLowerCase())).size).toBe(enKeys.length);
  });

  describe.each(languages)('%s', (code, messages) => {
    it('has exactly the keys of en', () => {
      expect(Object.keys(messages).sort()).toEqual(enKeys);
    });

    it('has no empty or untrimmed messages', () => {
      for (const [key, message] of Object.entries(messages)) {
        expect(typeof message, key).toBe('string');
        expect(message.trim(), key).not.toBe('');
        expect(message, key).toBe(message.trim());
      }
    });

    it('keeps the $n substitutions of en, and no other $', () => {
      for (const key of enKeys as (keyof Messages)[]) {
        if (PLURAL_FORM.test(en[key])) {
          // Plural messages: the `other` form has en's; another form may leave the count out ("24 hours").
          const forms = pluralForms(messages[key]);
          const enOther = placeholders(pluralForms(en[key]).get('other')!);
          expect(placeholders(forms.get('other') ?? ''), key).toEqual(enOther);
          for (const form of forms.values()) for (const p of placeholders(form)) expect(enOther, key).toContain(p);
        } else {
          expect(placeholders(messages[key]), key).toEqual(placeholders(en[key]));
        }
        // A `$` not followed by a digit would be read by Chrome as a named placeholder (`$name$`) or an escape.
        expect(messages[key], key).not.toMatch(/\$(?!\d)/);
      }
    });

    it('keeps product names, scopes and addresses untranslated', () => {
      for (const key of enKeys as (keyof Messages)[]) {
        for (const name of UNTRANSLATED) {
          if (en[key].includes(name)) expect(messages[key], `${key}: ${name}`).toContain(name);
        }
      }
      expect(messages.extName).toBe('Open Slots');
    });

    it('fits the Chrome Web Store limits for the name (75) and description (132)', () => {
      expect(messages.extName.length).toBeLessThanOrEqual(75);
      expect(messages.extDescription.length).toBeLessThanOrEqual(132);
      expect(messages.extDescription.length).toBeGreaterThan(20);
    });

    it('declares its own language for <html lang>', () => {
      expect(messages.langTag.replace('-', '_')).toBe(code);
      expect(() => new Intl.Locale(messages.langTag)).not.toThrow();
    });

    it('becomes a messages.json of { key: { message } } that survives JSON', () => {
      const json = toChromeMessages(messages);
      expect(Object.keys(json).sort()).toEqual(enKeys);
      for (const [key, entry] of Object.entries(json)) {
        expect(Object.keys(entry), key).toEqual(['message']);
        expect(entry.message, key).toBe(messages[key as keyof Messages]);
      }
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    });
  });

  it('really translates (most messages differ from English)', () => {
    for (const [code, messages] of languages) {
      if (code === 'en') continue;
      const same = enKeys.filter((k) => messages[k as keyof Messages] === en[k as keyof Messages]);
      expect(same.length, `${code}: ${same.join(', ')}`).toBeLessThan(enKeys.length / 10);
    }
  });
});
