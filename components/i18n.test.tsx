/**
 * The extension in German: key UI rendered with a fake `chrome.i18n` backed by the German catalogue, and the
 * sentences the background builds (Calendly errors, sign-in, settings validation) made under it. Every visible
 * string — text, accessible names, titles, placeholders, alt texts — must be German, and no English sentence
 * of `en.ts` may be left. (The catalogue's completeness is lib/i18n/catalog.test.ts; hard-coded strings in the
 * source are caught by lib/i18n/ui-strings.test.ts.)
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendlyApi } from '@/lib/calendly/api';
import { infoFromResponse, MESSAGES, toErrorInfo } from '@/lib/calendly/errors';
import { OAUTH_MESSAGES, parseRedirect } from '@/lib/calendly/oauth';
import { createCache, memoryArea } from '@/lib/background/cache';
import { createService } from '@/lib/background/service';
import { de } from '@/lib/i18n/de';
import { en } from '@/lib/i18n/en';
import type { EventTypeSummary, Result, SlotsAnswer, Status } from '@/lib/contract';
import { DEFAULT_SETTINGS, validateSettings } from '@/lib/settings/settings';
import { ComposeButton, type ComposeButtonProps } from './compose/ComposeButton';
import { AccountCard } from './options/AccountCard';
import { DefaultsForm } from './options/DefaultsForm';
import { OptionsApp } from './options/OptionsApp';
import { PopupApp } from './popup/PopupApp';
import { answer, button, byLabel, click, EVENT_TYPES, flush, mount, optionsClient, submit, type, unmountAll, USER } from './popup/testing';
import { useCatalog } from '@/lib/i18n/testing';


beforeEach(() => useCatalog(de));
afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

/** Test data that is English on purpose (names from Calendly, not from us). */
const DATA = ['30 Minute Meeting', 'Intro Call', 'Avery Quinn'];

/**
 * The pieces of English messages (split at `$n`) that German never uses: 4+ characters with letters, not
 * found in any German message (product names, scopes and "Name" are the same in both).
 */
const ENGLISH_PIECES = (() => {
  const german = Object.values(de).join('\n');
  const pieces = new Set<string>();
  for (const [key, message] of Object.entries(en)) {
    if (key === 'langTag') continue;
    for (const part of message.split(/\$\d/)) {
      const piece = part.trim().replace(/^[\s:;,.()“”]+|[\s:;,.()“”]+$/g, '');
      if (piece.length >= 4 && /[A-Za-z]{3}/.test(piece) && !german.includes(piece)) pieces.add(piece);
    }
  }
  return [...pieces];
})();

/** Common English words that are not German words too (so not "in", "an", "am", "was", "so"). */
const ENGLISH_WORDS =
  /\b(the|a|to|of|for|on|at|by|or|is|are|be|this|that|it|here|there|yet|now|no|nothing|can|will|has|have|see|your|you|and|with|from|not|choose|try|again|please|open|insert|connect|slots?|times?)\b/i;

/** All the user can see or hear of `root`: text, accessible names, titles, placeholders, alt texts, option labels. */
function visible(root: HTMLElement): string {
  const attrs = [...root.querySelectorAll('*')].flatMap((el) =>
    ['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description'].map((a) => el.getAttribute(a) ?? ''),
  );
  return [root.textContent ?? '', ...attrs].join('\n');
}

function expectGerman(root: HTMLElement, ...german: string[]) {
  const seen = visible(root);
  for (const text of german) expect(seen).toContain(text);
  const leftovers = ENGLISH_PIECES.filter((p) => new RegExp(`(?<![A-Za-z])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).test(seen));
  expect(leftovers, 'English from en.ts in the German UI').toEqual([]);
  // The product and Calendly's data stay as they are; everything else must not read as English.
  const ours = DATA.reduce((s, d) => s.replaceAll(d, ''), seen)
    .replaceAll('Open Slots', '')
    .replace(/https?:\/\/\S+|[\w.-]+@[\w.-]+|[\w-]+\/[\w/-]+|\b[a-z_]+:read\b|eyJraWQiOi…/g, '');
  expect(ours).not.toMatch(ENGLISH_WORDS);
}


describe('German UI', () => {
  it('has the English pieces to look for (the check is not empty)', () => {
    expect(ENGLISH_PIECES.length).toBeGreaterThan(200);
    expect(ENGLISH_PIECES).toContain('Try again');
    expect(ENGLISH_PIECES).toContain('Your Calendly connection has expired or was revoked. Reconnect in Open Slots options');
  });

  describe('compose button', () => {
    async function compose(getSlots: ComposeButtonProps['getSlots']) {
      const props: ComposeButtonProps = {
        getSlots,
        insert: vi.fn(() => true),
        listEventTypes: vi.fn(async (): Promise<Result<EventTypeSummary[]>> => ({ ok: true, data: EVENT_TYPES })),
        openOptions: vi.fn(),
      };
      return mount(<ComposeButton {...props} />);
    }

    it('names its buttons in German', async () => {
      const el = await compose(vi.fn());
      const main = button(el, de.insertOpenSlots);
      expect(main.title).toBe(de.insertTooltip);
      expect(button(el, de.chooseSlots).title).toBe(de.chooseSlots);
      expect(el.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Open Slots');
      expectGerman(el, de.insertOpenSlots, de.insertTooltip);
    });

    it('shows a Calendly error (built under the German catalogue) with German actions', async () => {
      const error = infoFromResponse({ status: 401, pathOrUrl: '/event_types', body: { title: '', message: '', details: [] } });
      const el = await compose(async () => ({ ok: false, error }));
      await click(button(el, de.insertOpenSlots));
      expect(el.querySelector('[role="alert"] p')?.textContent).toBe(de.errUnauthenticated);
      for (const name of [de.tryAgain, de.openOptions, de.close]) expect(button(el, name)).toBeTruthy();
      expectGerman(el, de.errUnauthenticated, de.tryAgain, de.openOptions, de.close);
    });

    it('says "not connected", "no times" and "lost contact" in German', async () => {
      const notConnected = await compose(async () => ({ ok: false, error: { kind: 'not_connected', message: MESSAGES.not_connected } }));
      await click(button(notConnected, de.insertOpenSlots));
      expectGerman(notConnected, de.notConnected);

      const empty = await compose(async () => ({ ok: true, data: answer(EVENT_TYPES[0], { slotCount: 0, slots: [], daysAhead: 14 }) }));
      await click(button(empty, de.insertOpenSlots));
      expectGerman(empty, 'Keine freien Termine in den nächsten 14 Tagen.', de.insertBookingLink);

      const lost = await compose(() => Promise.reject(new Error('Could not establish connection')));
      await click(button(lost, de.insertOpenSlots));
      expectGerman(lost, de.backgroundLost);
    });

    it('opens the picker in German, durations included', async () => {
      const el = await compose(async () => ({ ok: true, data: answer() }));
      await click(button(el, de.chooseSlots));
      const options = [...el.querySelectorAll('.os-picker select option')].map((o) => o.textContent);
      expect(options).toEqual(['30 Minute Meeting · 30 Min.', 'Intro Call · 15 Min.']);
      expectGerman(el, de.eventType, de.howMany, de.daysAhead, de.timeZone, de.insert, de.close);
    });
  });

  describe('options page', () => {
    it('AccountCard, not connected: German form, and the missing token said in German', async () => {
      const client = { connect: vi.fn(), disconnect: vi.fn() };
      const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={vi.fn()} />);
      await submit(el.querySelector('form')!);
      expect(el.querySelector('#token-error')?.textContent).toBe(de.tokenRequired);
      expect(byLabel(el, de.personalAccessToken).type).toBe('password');
      expectGerman(el, de.account, de.statusNotConnected, de.connectIntro, de.connect, de.tokenHelp, de.tokenPage, de.tokenRequired);
    });

    it('AccountCard, connected: German facts and actions', async () => {
      const client = { connect: vi.fn(), disconnect: vi.fn() };
      const el = await mount(<AccountCard client={client} status={{ connected: true, user: USER }} onChange={vi.fn()} />);
      expectGerman(
        el,
        de.connectedAs.replace('$1', USER.name),
        de.statusConnected,
        de.organizationMember,
        de.connectedWith,
        de.viaToken,
        de.yourBookingPage,
        de.disconnectHelp,
        de.disconnect,
      );
    });

    it('DefaultsForm: labels, options and a field error in German', async () => {
      const client = {
        loadSettings: vi.fn(async () => DEFAULT_SETTINGS),
        saveSettings: vi.fn(),
        listEventTypes: vi.fn(async () => ({ ok: true, data: EVENT_TYPES }) as const),
        getSlots: vi.fn(async () => ({ ok: true, data: answer() }) as const),
      };
      const el = await mount(<DefaultsForm client={client} />);
      const count = byLabel(el, de.howMany);
      await type(count, '0');
      expect(el.querySelector(`#${count.getAttribute('aria-describedby')}`)?.textContent).toBe(de.fieldCount);
      const zone = byLabel(el, de.secondTimeZone);
      await type(zone, 'Atlantis/Nowhere');
      await act(() => {
        zone.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await flush();
      expect(el.querySelector(`#${CSS.escape(zone.getAttribute('aria-describedby')!)}`)?.textContent).toBe(de.timeZoneInvalid);
      expectGerman(
        el,
        de.defaults,
        de.whatToOffer,
        de.howTimesRead,
        de.fieldCount,
        de.timeZoneInvalid,
        de.noLimit,
        de.clockAuto,
        de.layoutList,
        de.lowFreeThreshold,
        de.previewHelp.replace('$1', de.insertOpenSlots),
        '30 Minute Meeting · 30 Min.',
      );
    });

    it('the whole page, connected, with the team link and shortcut', async () => {
      const client = optionsClient({ connected: true, user: USER });
      const el = await mount(
        <OptionsApp client={client} links={{ privacy: '/privacy.html', availability: '/availability.html' }} shortcut="Alt+Shift+S" />,
      );
      expectGerman(el, de.optionsTitle, de.optionsSubtitle, de.availabilityLink, de.privacy, de.shortcutHint.replace('$1', 'Alt+Shift+S'));
    });
  });

  describe('popup', () => {
    const props = (status: Status, slots?: Result<SlotsAnswer>) => ({
      client: {
        getStatus: vi.fn(async () => status),
        listEventTypes: vi.fn(async () => ({ ok: true, data: EVENT_TYPES }) as const),
        getSlots: vi.fn(async () => slots ?? ({ ok: true, data: answer() } as const)),
      },
      openOptions: vi.fn(),
      openAvailability: vi.fn(),
      openPage: vi.fn(),
      copy: vi.fn(async () => {}),
    });

    it('not connected: German invitation and settings button', async () => {
      const el = await mount(<PopupApp {...props({ connected: false })} />);
      expect(button(el, de.settings).title).toBe(de.settings);
      expectGerman(el, de.popupNotConnected, de.openOptions, de.settings);
    });

    it('connected, and a failure from Calendly, in German', async () => {
      const ok = await mount(<PopupApp {...props({ connected: true, user: USER })} />);
      expectGerman(ok, de.nextOpenTimes, de.copy, de.openBookingPage, de.availabilityLink, de.refresh);
      unmountAll();
      const error = toErrorInfo(new TypeError('Failed to fetch'));
      const failed = await mount(<PopupApp {...props({ connected: true, user: USER }, { ok: false, error })} />);
      expectGerman(failed, de.errNetwork, de.tryAgain);
    });
  });
});

describe('German sentences from the background and the libraries', () => {
  it('Calendly errors', () => {
    const body = { title: '', message: '', details: [] };
    const scope = infoFromResponse({ status: 403, pathOrUrl: '/user_busy_times', body: { ...body, message: 'Missing scope' } });
    expect(scope.message).toBe(de.errMissingScope.replace('$1', 'availability:read'));
    expect(infoFromResponse({ status: 403, pathOrUrl: '/event_types', body, organizationScoped: true }).message).toBe(
      `Calendly hat den Zugriff verweigert: ${de.errRefusedReason}; ${de.errRefusedOrgRole}.`,
    );
    expect(infoFromResponse({ status: 429, pathOrUrl: '/event_types', body, retryAfterSeconds: 1 }).message).toBe(
      'Das Anfragelimit von Calendly ist erreicht. Versuchen Sie es in 1 Sekunde erneut.',
    );
    expect(infoFromResponse({ status: 429, pathOrUrl: '/event_types', body, retryAfterSeconds: 12 }).message).toBe(
      'Das Anfragelimit von Calendly ist erreicht. Versuchen Sie es in 12 Sekunden erneut.',
    );
    expect(infoFromResponse({ status: 503, pathOrUrl: '/event_types', body }).message).toBe(de.errServerStatus.replace('$1', '503'));
    expect(infoFromResponse({ status: 400, pathOrUrl: '/event_types', body }).message).toBe('Calendly hat die Anfrage abgelehnt: Fehler 400.');
    expect(toErrorInfo(Object.assign(new Error('t'), { name: 'TimeoutError' })).message).toBe(de.errTimeout);
    expect(MESSAGES.malformed).toBe(de.errMalformed);
  });

  it('sign-in errors', () => {
    expect(OAUTH_MESSAGES.denied).toBe(de.oauthDenied);
    const redirect = 'https://ext.chromiumapp.org/';
    expect(() => parseRedirect(`${redirect}?state=s&error=server_error`, { redirectUri: redirect, state: 's' })).toThrow(de.oauthRefused);
    expect(() => parseRedirect(`${redirect}?state=other&code=c`, { redirectUri: redirect, state: 's' })).toThrow(de.oauthStateMismatch);
  });

  it('settings validation', () => {
    const errors = validateSettings({ count: 0, daysAhead: 61, maxPerDay: 0, timeZone: 'Atlantis/Nowhere', lowFreeThresholdHours: -1 });
    expect(errors).toEqual({
      count: de.fieldCount,
      daysAhead: de.fieldDaysAhead,
      maxPerDay: de.fieldMaxPerDay,
      timeZone: de.timeZoneInvalid,
      lowFreeThresholdHours: de.fieldLowFreeThreshold,
    });
  });

  it('the background service', async () => {
    const account = {
      uri: 'https://api.calendly.com/users/u1',
      name: 'Avery Quinn',
      email: 'avery@example.com',
      timezone: 'UTC',
      schedulingUrl: 'https://calendly.com/avery-quinn',
      organizationUri: null,
      via: 'token' as const,
    };
    let token: string | null = 'secret-token';
    const service = createService({
      createApi: () => ({ listEventTypes: vi.fn(async () => []) }) as unknown as CalendlyApi,
      token: { get: async () => token, set: async (v) => void (token = v) },
      pendingToken: { get: async () => null, set: async () => {} },
      account: { get: async () => account, set: async () => {} },
      settings: async () => DEFAULT_SETTINGS,
      cache: createCache(memoryArea()),
      environment: () => ({ timeZone: 'UTC', language: 'de-DE' }),
    });
    const noTypes = await service.getSlots({});
    expect(!noTypes.ok && noTypes.error.message).toBe(de.svcNoEventTypes);
    const noToken = await service.connect();
    expect(!noToken.ok && noToken.error.message).toBe(de.tokenRequired);
    token = null;
    const notConnected = await service.getSlots({});
    expect(!notConnected.ok && notConnected.error.message).toBe(de.errNotConnected);
  });
});
