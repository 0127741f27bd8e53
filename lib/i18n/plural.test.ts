import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogs } from './catalog';
import { en, type CatalogKey, type Messages, type PluralKey } from './en';
import { PLURAL_FORM, pluralForms, tn } from './t';
import { useCatalog } from './testing';

afterEach(() => vi.unstubAllGlobals());

const pluralKeys = (Object.keys(en) as CatalogKey[]).filter((k) => PLURAL_FORM.test(en[k])) as PluralKey[];

describe('plural messages', () => {
  it('are the messages that count something', () => {
    expect(pluralKeys.sort()).toEqual(['avAtMostWeeks', 'avErrTooLong', 'avTeamProgress', 'avTeamRequestsLeft', 'errRateLimited', 'noTimes', 'offerStale', 'rememberedZonesCount']);
  });

  describe.each(Object.entries(catalogs) as [string, Messages][])('%s', (_code, messages) => {
    const categories = new Intl.PluralRules(messages.langTag).resolvedOptions().pluralCategories;

    it('gives every plural message exactly the forms its language has (Intl.PluralRules), none empty', () => {
      for (const key of pluralKeys) {
        const text = messages[key];
        expect(text.startsWith('{'), key).toBe(true); // nothing before the first form
        const forms = pluralForms(text);
        expect([...forms.keys()].sort(), key).toEqual([...categories].sort());
        for (const [category, form] of forms) expect(form, `${key} ${category}`).not.toBe('');
      }
    });

    it('has no form markers in any other message', () => {
      for (const key of Object.keys(en) as CatalogKey[]) {
        if (!pluralKeys.includes(key as PluralKey)) expect(messages[key], key).not.toMatch(PLURAL_FORM);
      }
    });
  });
});

describe('tn', () => {
  it('English (no catalogue: the fallback): one and other', () => {
    expect(tn('noTimes', 1)).toBe('No open times in the next 24 hours.');
    expect(tn('noTimes', 2)).toBe('No open times in the next 2 days.');
    expect(tn('noTimes', 14)).toBe('No open times in the next 14 days.');
    expect(tn('avTeamProgress', 1, 0, 1)).toBe('0 of 1 member');
    expect(tn('avTeamProgress', 1, 1, 1)).toBe('1 of 1 member');
    expect(tn('avTeamProgress', 24, 1, 24)).toBe('1 of 24 members');
    expect(tn('errRateLimited', 1)).toBe("Calendly's rate limit was reached. Try again in 1 second.");
    expect(tn('avErrTooLong', 8)).toBe('Choose a period of at most 8 weeks.');
    expect(tn('avTeamRequestsLeft', 1, '1', '50')).toBe('1 Calendly request left at 50 a minute');
    expect(tn('avTeamRequestsLeft', 1200, '1,200', '500')).toBe('1,200 Calendly requests left at 500 a minute');
  });

  it("uses the rules of the catalogue's language: French says 0 and 1 in the singular, and 'de' for millions", () => {
    useCatalog(catalogs.fr!);
    expect(tn('avAtMostWeeks', 0)).toBe('Choisissez au plus 0 semaine.');
    expect(tn('avAtMostWeeks', 1)).toBe('Choisissez au plus 1 semaine.');
    expect(tn('avAtMostWeeks', 8)).toBe('Choisissez au plus 8 semaines.');
    expect(tn('avAtMostWeeks', 1_000_000)).toBe('Choisissez au plus 1000000 de semaines.');
    expect(tn('avTeamProgress', 1, 1, 1)).toBe('1 sur 1 membre');
  });

  it('German and Spanish: one is exactly 1; Japanese has one form', () => {
    useCatalog(catalogs.de!);
    expect(tn('noTimes', 1)).toBe('Keine freien Termine in den nächsten 24 Stunden.');
    expect(tn('noTimes', 0)).toBe('Keine freien Termine in den nächsten 0 Tagen.');
    expect(tn('avTeamProgress', 1, 0, 1)).toBe('0 von 1 Mitglied');
    useCatalog(catalogs.es!);
    expect(tn('errRateLimited', 1)).toBe('Se alcanzó el límite de solicitudes de Calendly. Inténtelo de nuevo en 1 segundo.');
    expect(tn('errRateLimited', 30)).toBe('Se alcanzó el límite de solicitudes de Calendly. Inténtelo de nuevo en 30 segundos.');
    useCatalog(catalogs.ja!);
    expect(tn('noTimes', 1)).toBe('今後 1 日間に空き時間はありません。');
    expect(tn('avTeamProgress', 3, 2, 3)).toBe('3 人中 2 人');
  });
});
