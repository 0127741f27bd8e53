import { describe, expect, it, vi } from 'vitest';
import type { CalendlyApi } from '../calendly/api';
import { CalendlyError } from '../calendly/errors';
import { specEventType } from '../calendly/testing';
import type { EventType } from '../calendly/types';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import { createCache, memoryArea } from './cache';
import { storedAccount } from './testing';
import { recipientKey } from '../recipients/addresses';
import { createService, ORGANIZATION_NAME_TIMEOUT_MS, type StoredAccount } from './service';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const USER = 'https://api.calendly.com/users/u1';
/** An event type as Calendly's published spec shapes it (what the client's schema outputs). */
const ET = (n: number, name: string | null = `Type ${n}`) =>
  specEventType({
    uri: `https://api.calendly.com/event_types/e${n}`,
    name,
    slug: `t${n}`,
    scheduling_url: `https://calendly.com/avery/t${n}`,
    profile: { type: 'User', name: 'Avery', owner: USER },
  }) as EventType;
const slot = (iso: string) => ({
  status: 'available',
  invitees_remaining: 1,
  start_time: iso,
  scheduling_url: `https://calendly.com/avery/t1/${iso}`,
});

function setup(
  opts: {
    token?: string | null;
    settings?: Partial<Settings>;
    api?: Partial<CalendlyApi>;
    language?: string;
    zones?: Record<string, string>;
    zonesFail?: boolean;
  } = {},
) {
  const store = {
    token: opts.token === undefined ? 'secret-token' : opts.token,
    pending: null as string | null,
    account: storedAccount(USER) as StoredAccount | null,
    zones: { ...opts.zones } as Record<string, string>,
    zoneWrites: 0,
  };
  const api = {
    getCurrentUser: vi.fn(),
    listEventTypes: vi.fn(async () => [ET(1, '30 Minute Meeting'), ET(2)]),
    getAvailableTimes: vi.fn(async () => [slot('2026-11-26T15:00:00.000000Z'), slot('2026-11-26T15:30:00.000000Z')]),
    listOrganizationMemberships: vi.fn(),
    ...opts.api,
  } as unknown as CalendlyApi;
  const tokensSeen: (string | null)[] = [];
  const area = memoryArea();
  const service = createService({
    createApi: (getToken) => {
      void getToken().then((t) => tokensSeen.push(t));
      return api;
    },
    token: { get: async () => store.token, set: async (v) => void (store.token = v) },
    pendingToken: { get: async () => store.pending, set: async (v) => void (store.pending = v) },
    account: { get: async () => store.account, set: async (v) => void (store.account = v) },
    recipientZones: {
      get: async () => store.zones,
      set: async (v) => {
        if (opts.zonesFail) throw new Error('QUOTA_BYTES quota exceeded');
        store.zoneWrites++;
        store.zones = v;
      },
    },
    settings: async () => ({ ...DEFAULT_SETTINGS, timeZone: 'America/New_York', clock: '12h', locale: 'en', ...opts.settings }),
    cache: createCache(area, () => NOW),
    now: () => NOW,
    environment: () => ({ timeZone: 'UTC', language: opts.language ?? 'en-US' }),
  });
  return { service, api, store, area };
}

describe('background service', () => {
  it('gets the first active event type’s slots, formatted in the chosen zone', async () => {
    const { service, api } = setup();
    const r = await service.getSlots({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.eventType.name).toBe('30 Minute Meeting');
    expect(r.data.slotCount).toBe(2);
    expect(r.data.html).toContain('10:00 AM');
    expect(r.data.html).toContain('href="https://calendly.com/avery/t1/2026-11-26T15:00:00.000000Z"');
    expect(api.getAvailableTimes).toHaveBeenCalledWith(
      expect.objectContaining({ eventType: ET(1).uri, limit: 5, start: new Date(NOW), end: new Date(NOW + 30 * 86_400_000) }),
    );
  });

  it('answers a second request from the cache, with no API call', async () => {
    const { service, api } = setup();
    await service.prefetch();
    const r = await service.getSlots({});
    expect(r.ok).toBe(true);
    expect(api.getAvailableTimes).toHaveBeenCalledTimes(1);
    expect(api.listEventTypes).toHaveBeenCalledTimes(1);
  });

  it('uses the event type chosen in settings, and explains when it was deleted', async () => {
    const chosen = setup({ settings: { eventTypeUri: ET(2).uri } });
    const ok = await chosen.service.getSlots({});
    expect(ok.ok && ok.data.eventType.uri).toBe(ET(2).uri);
    const gone = setup({ settings: { eventTypeUri: 'https://api.calendly.com/event_types/deleted' } });
    const r = await gone.service.getSlots({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/no longer exists/);
  });

  it('disconnect during a slow load: the old account\'s slots are neither cached nor answered', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { service, api, area } = setup({
      api: {
        getAvailableTimes: vi.fn(async () => {
          await gate;
          return [slot('2026-11-26T15:00:00.000000Z')];
        }),
      },
    });
    const pending = service.getSlots({});
    await vi.waitFor(() => expect(api.getAvailableTimes).toHaveBeenCalled());
    expect((await service.disconnect()).ok).toBe(true);
    release();
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('not_connected');
    expect([...area.data.keys()].filter((k) => k.startsWith('slots:'))).toEqual([]);
  });

  it('says not connected without a token, without calling Calendly', async () => {
    const { service, api } = setup({ token: null });
    const r = await service.getSlots({});
    expect(r).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    expect(api.listEventTypes).not.toHaveBeenCalled();
  });

  it('passes API errors through as serializable info without the token', async () => {
    const { service } = setup({
      api: {
        getAvailableTimes: vi.fn(async () => {
          throw new CalendlyError({ kind: 'unauthenticated', message: 'Your Calendly connection has expired.', status: 401 });
        }),
      },
    });
    const r = await service.getSlots({});
    expect(r).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect(JSON.stringify(r)).not.toContain('secret-token');
  });

  it('connect keeps a token only when /users/me accepts it', async () => {
    const bad = setup({
      token: null,
      api: { getCurrentUser: vi.fn(async () => { throw new CalendlyError({ kind: 'unauthenticated', message: 'no' }); }) },
    });
    bad.store.account = null;
    bad.store.pending = 'typo';
    expect((await bad.service.connect()).ok).toBe(false);
    expect(bad.store.token).toBeNull();
    expect(bad.store.pending).toBeNull();

    const good = setup({
      token: null,
      api: {
        getCurrentUser: vi.fn(async () => ({
          uri: USER, name: 'Avery Quinn', slug: 'avery', email: 'a@example.com', scheduling_url: 'https://calendly.com/avery',
          timezone: 'America/New_York', avatar_url: null, current_organization: 'https://api.calendly.com/organizations/o1', locale: 'en',
          created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', resource_type: 'User',
        })),
      },
    });
    good.store.pending = '  real-token ';
    const r = await good.service.connect();
    expect(r).toMatchObject({ ok: true, data: { name: 'Avery Quinn', via: 'token' } });
    expect(JSON.stringify(r)).not.toContain('real-token');
    expect(good.store.token).toBe('real-token');
    expect(good.store.pending).toBeNull();
  });

  const ME = {
    uri: USER, name: 'Avery Quinn', slug: 'avery', email: 'a@example.com', scheduling_url: 'https://calendly.com/avery',
    timezone: 'America/New_York', avatar_url: null, current_organization: 'https://api.calendly.com/organizations/o1', locale: 'en',
          created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', resource_type: 'User',
  };

  it('connect names the organization, stores the name, and shows it on later status checks', async () => {
    const getOrganization = vi.fn(async (uri: string) => ({
      uri, kind: 'multiple', name: 'Quinn & Co', plan: 'teams', stage: 'paid', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
    }));
    const s = setup({ token: null, api: { getCurrentUser: vi.fn(async () => ME), getOrganization } });
    s.store.pending = 'real-token';
    expect(await s.service.connect()).toMatchObject({ ok: true, data: { organizationName: 'Quinn & Co' } });
    expect(getOrganization).toHaveBeenCalledWith(ME.current_organization, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(s.store.account?.organizationName).toBe('Quinn & Co');
    expect(await s.service.getStatus()).toMatchObject({ connected: true, user: { organizationName: 'Quinn & Co' } });
  });

  it('connect still connects when Calendly will not name the organization (e.g. no organizations:read)', async () => {
    const getOrganization = vi.fn(async () => {
      throw new CalendlyError({ kind: 'forbidden', message: 'missing scope', status: 403 });
    });
    const s = setup({ token: null, api: { getCurrentUser: vi.fn(async () => ME), getOrganization } });
    s.store.pending = 'real-token';
    expect(await s.service.connect()).toMatchObject({ ok: true, data: { organization: ME.current_organization, organizationName: null } });
    expect(s.store.token).toBe('real-token');
  });

  it('connect gives up on a slow organization answer after the timeout', async () => {
    vi.useFakeTimers();
    try {
      const getOrganization = vi.fn(
        (_uri: string, opts?: { signal?: AbortSignal }) =>
          new Promise<never>((_, reject) => opts?.signal?.addEventListener('abort', () => reject(opts.signal!.reason))),
      );
      const s = setup({ token: null, api: { getCurrentUser: vi.fn(async () => ME), getOrganization } });
      s.store.pending = 'real-token';
      const pending = s.service.connect();
      await vi.advanceTimersByTimeAsync(ORGANIZATION_NAME_TIMEOUT_MS);
      expect(await pending).toMatchObject({ ok: true, data: { organizationName: null } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a user without an organization costs no organization request; an account stored before names were kept reads null', async () => {
    const getOrganization = vi.fn();
    // The spec makes current_organization a required URI; the service still copes with an empty one.
    const s = setup({ token: null, api: { getCurrentUser: vi.fn(async () => ({ ...ME, current_organization: '' })), getOrganization } });
    s.store.pending = 'real-token';
    expect(await s.service.connect()).toMatchObject({ ok: true, data: { organization: null, organizationName: null } });
    expect(getOrganization).not.toHaveBeenCalled();

    const old = setup();
    old.store.account = { ...old.store.account!, organizationUri: ME.current_organization };
    expect(await old.service.getStatus()).toMatchObject({ connected: true, user: { organization: ME.current_organization, organizationName: null } });
  });

  it('never offers a cached slot that has started', async () => {
    const { service } = setup({
      api: { getAvailableTimes: vi.fn(async () => [slot('2026-11-25T11:30:00.000000Z'), slot('2026-11-26T15:00:00.000000Z')]) },
    });
    const r = await service.getSlots({});
    expect(r.ok && r.data.slotCount).toBe(1);
  });

  it('empty availability is an answer with zero slots and the booking link', async () => {
    const { service } = setup({ api: { getAvailableTimes: vi.fn(async () => []) } });
    const r = await service.getSlots({});
    expect(r.ok && r.data.slotCount).toBe(0);
    expect(r.ok && r.data.html).toContain('https://calendly.com/avery/t1');
  });
});

describe('background service with OAuth', () => {
  const user = {
    uri: USER, name: 'Avery Quinn', slug: 'avery', email: 'a@example.com', scheduling_url: 'https://calendly.com/avery',
    timezone: 'America/New_York', avatar_url: null, current_organization: null, locale: null,
  };
  function oauthSetup(getCurrentUser: () => Promise<unknown>) {
    let signedIn = false;
    const oauth = {
      available: () => true,
      signIn: vi.fn(async () => { signedIn = true; return { owner: USER }; }),
      signOut: vi.fn(async () => { signedIn = false; return { revoked: true }; }),
      getToken: vi.fn(async () => (signedIn ? 'oauth-access' : null)),
      renewToken: vi.fn(async () => null),
      isSignedIn: vi.fn(async () => signedIn),
    };
    const store = { token: 'old-pat' as string | null, account: null as StoredAccount | null, pending: null as string | null };
    const tokens: (string | null)[] = [];
    const service = createService({
      createApi: (getToken) =>
        ({
          getCurrentUser: async () => {
            tokens.push(await getToken());
            return getCurrentUser();
          },
        }) as unknown as CalendlyApi,
      token: { get: async () => store.token, set: async (v) => void (store.token = v) },
      pendingToken: { get: async () => store.pending, set: async (v) => void (store.pending = v) },
      account: { get: async () => store.account, set: async (v) => void (store.account = v) },
      settings: async () => DEFAULT_SETTINGS,
      cache: createCache(memoryArea(), () => NOW),
      oauth,
      now: () => NOW,
      environment: () => ({ timeZone: 'UTC', language: 'en-US' }),
    });
    return { service, oauth, store, tokens };
  }

  it('signIn connects with the OAuth token and replaces a personal access token', async () => {
    const { service, store, tokens } = oauthSetup(async () => user);
    const r = await service.signIn();
    expect(r).toMatchObject({ ok: true, data: { name: 'Avery Quinn', via: 'oauth' } });
    expect(tokens).toEqual(['oauth-access']);
    expect(store.token).toBeNull();
    expect(await service.getStatus()).toMatchObject({ connected: true, user: { via: 'oauth' } });
  });

  it('signs out again when /users/me refuses the new token', async () => {
    const { service, oauth, store } = oauthSetup(async () => {
      throw new CalendlyError({ kind: 'forbidden', message: 'no', scope: 'users:read' });
    });
    const r = await service.signIn();
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(oauth.signOut).toHaveBeenCalled();
    expect(store.account).toBeNull();
  });

  it('disconnect signs out of OAuth too', async () => {
    const { service, oauth } = oauthSetup(async () => user);
    await service.signIn();
    await service.disconnect();
    expect(oauth.signOut).toHaveBeenCalled();
    expect(await service.getStatus()).toEqual({ connected: false });
  });
});

describe('refresh and fetch time', () => {
  it('fresh asks Calendly again; fetchedAt is when Calendly was asked', async () => {
    const { service, api } = setup();
    const first = await service.getSlots({});
    const cached = await service.getSlots({});
    expect(api.getAvailableTimes).toHaveBeenCalledTimes(1);
    expect(cached.ok && first.ok && cached.data.fetchedAt).toBe(first.ok && first.data.fetchedAt);
    await service.getSlots({ fresh: true });
    expect(api.getAvailableTimes).toHaveBeenCalledTimes(2);
  });
});

describe('an event type deleted after the list was cached', () => {
  it('says it no longer exists and drops the stale list', async () => {
    const { service, api } = setup({ settings: { eventTypeUri: ET(2).uri } });
    expect((await service.listEventTypes()).ok).toBe(true);
    // Calendly's fresh list no longer has it.
    (api.listEventTypes as ReturnType<typeof vi.fn>).mockResolvedValueOnce([ET(1, '30 Minute Meeting')]);
    (api.getAvailableTimes as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new CalendlyError({ kind: 'not_found', message: 'Calendly could not find that.', status: 404 }),
    );
    const r = await service.getSlots({});
    expect(r).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    if (!r.ok) expect(r.error.message).toMatch(/no longer exists/);
    expect(api.listEventTypes).toHaveBeenCalledTimes(2);
  });

  it('keeps Calendly’s own 404 sentence when the event type still exists', async () => {
    const { service, api } = setup({ settings: { eventTypeUri: ET(2).uri } });
    (api.getAvailableTimes as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new CalendlyError({ kind: 'not_found', message: 'Calendly could not find that.', status: 404 }),
    );
    const r = await service.getSlots({});
    expect(r).toMatchObject({ ok: false, error: { kind: 'not_found', message: 'Calendly could not find that.' } });
    expect((await service.getSlots({})).ok).toBe(true);
  });
});

describe('event types as Calendly really sends them, and the cold insert', () => {
  it('a cold insert (empty cache, worker restarted) is one request: the event type summary is remembered with the account', async () => {
    const first = setup();
    expect((await first.service.getSlots({})).ok).toBe(true);
    expect(first.api.listEventTypes).toHaveBeenCalledTimes(1);
    expect(first.store.account?.eventTypes?.['']).toMatchObject({ uri: ET(1).uri, name: '30 Minute Meeting', durationMinutes: 30 });

    // A new worker: empty cache, same stored account.
    const cold = setup();
    cold.store.account = first.store.account;
    const r = await cold.service.getSlots({});
    expect(r.ok && r.data.eventType.uri).toBe(ET(1).uri);
    expect(r.ok && r.data.html).toContain('30 Minute Meeting');
    expect(cold.api.listEventTypes).not.toHaveBeenCalled();
    expect(cold.api.getAvailableTimes).toHaveBeenCalledTimes(1);
  });

  it('a default chosen in settings is remembered by its URI; an unknown one reads the list', async () => {
    const s = setup({ settings: { eventTypeUri: ET(2).uri } });
    await s.service.getSlots({});
    expect(s.api.listEventTypes).toHaveBeenCalledTimes(1);
    const cold = setup({ settings: { eventTypeUri: ET(2).uri } });
    cold.store.account = s.store.account;
    expect((await cold.service.getSlots({})).ok).toBe(true);
    expect(cold.api.listEventTypes).not.toHaveBeenCalled();
    const other = setup({ settings: { eventTypeUri: ET(1).uri } });
    other.store.account = s.store.account;
    expect((await other.service.getSlots({})).ok).toBe(true);
    expect(other.api.listEventTypes).toHaveBeenCalledTimes(1);
  });

  it('a fresh list renames what is remembered; a 404 forgets it and says the event type is gone', async () => {
    const s = setup({ settings: { eventTypeUri: ET(2).uri } });
    await s.service.getSlots({});
    const renamed = setup({ settings: { eventTypeUri: ET(2).uri }, api: { listEventTypes: vi.fn(async () => [ET(1), ET(2, 'Renamed')]) } });
    renamed.store.account = s.store.account;
    await renamed.service.listEventTypes();
    expect(renamed.store.account?.eventTypes?.[ET(2).uri]?.name).toBe('Renamed');

    const gone = setup({
      settings: { eventTypeUri: ET(2).uri },
      api: {
        listEventTypes: vi.fn(async () => [ET(1)]),
        getAvailableTimes: vi.fn(async () => {
          throw new CalendlyError({ kind: 'not_found', message: 'nope', status: 404 });
        }),
      },
    });
    gone.store.account = renamed.store.account;
    const r = await gone.service.getSlots({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/no longer exists/);
    expect(gone.store.account?.eventTypes?.[ET(2).uri]).toBeUndefined();
  });

  it('lists null-named and one-off event types: standard first, one-off after; the default is the first standard one; a nameless type reads as its slug', async () => {
    const adhoc: EventType = { ...ET(3, null), slug: null, type: 'AdhocEventType', duration: 45 };
    const nameless: EventType = { ...ET(4, null), slug: 'quick-chat' };
    const pooled: EventType = { ...ET(5, 'Support Rotation'), pooling_type: 'multi_pool', kind: 'group' };
    const s = setup({ api: { listEventTypes: vi.fn(async () => [adhoc, nameless, pooled]) } });
    const list = await s.service.listEventTypes();
    expect(list.ok && list.data.map((e) => [e.name, e.slug, e.oneOff])).toEqual([
      [null, 'quick-chat', false],
      ['Support Rotation', 't5', false],
      [null, null, true],
    ]);
    const r = await s.service.getSlots({});
    expect(r.ok && r.data.eventType.uri).toBe(nameless.uri);
    expect(r.ok && r.data.text).toContain('quick-chat');
  });
});

describe('fresh until sent: checkOffered', () => {
  const A = '2026-11-26T15:00:00.000Z';
  const B = '2026-11-26T15:30:00.000Z';
  const C = '2026-11-26T16:00:00.000Z';
  const E1 = 'https://api.calendly.com/event_types/e1';

  it('marks the block and each time link with the event type and the slot’s instant', async () => {
    const { service } = setup();
    const r = await service.getSlots({});
    if (!r.ok) throw new Error('no answer');
    expect(r.data.html.startsWith(`<div data-open-slots-event="${E1}">`)).toBe(true);
    expect(r.data.html).toContain(`data-open-slots-start="${A}"`);
    expect(r.data.html).toContain(`data-open-slots-start="${B}"`);
  });

  it('a time no longer in the answer is gone; one still there is not; a check right after an insert costs no request', async () => {
    const { service, api } = setup({ settings: { count: 5 } });
    await service.getSlots({});
    expect(api.getAvailableTimes).toHaveBeenCalledTimes(1);
    // Fewer times than asked for: the answer holds every open time of the range, so a missing one is taken.
    const r = await service.checkOffered({ offers: [{ eventTypeUri: E1, starts: [A, B, C] }] });
    expect(r).toEqual({ ok: true, data: { gone: [C] } });
    expect(api.getAvailableTimes).toHaveBeenCalledTimes(1);
  });

  it('a time past the end of a list cut at `count` is not called gone (it cannot be told)', async () => {
    const { service } = setup({ settings: { count: 2 } });
    const later = '2026-11-27T15:00:00.000Z';
    const r = await service.checkOffered({ offers: [{ eventTypeUri: E1, starts: [A, C, later] }] });
    // The list stopped at 15:30 (2 of 2): 16:00 and the next day are beyond what it holds.
    expect(r).toEqual({ ok: true, data: { gone: [] } });
  });

  it('a started time is gone; until the cached answer expires a check asks Calendly nothing new', async () => {
    let times = [slot('2026-11-26T15:00:00.000000Z'), slot('2026-11-26T15:30:00.000000Z')];
    const getAvailableTimes = vi.fn(async () => times);
    const { service } = setup({ settings: { count: 5 }, api: { getAvailableTimes } });
    const past = '2026-11-25T11:00:00.000Z';
    expect(await service.checkOffered({ offers: [{ eventTypeUri: E1, starts: [past, A, B] }] })).toEqual({ ok: true, data: { gone: [past] } });
    times = [times[1]!];
    // Still the cached answer: nothing new is known yet, and no second request.
    expect(await service.checkOffered({ offers: [{ eventTypeUri: E1, starts: [A, B] }] })).toEqual({ ok: true, data: { gone: [] } });
    expect(getAvailableTimes).toHaveBeenCalledTimes(1);
  });

  it('takes only what is well formed from the page: other URIs, other hosts and bad instants are ignored; an unknown event type is skipped', async () => {
    const { service, api } = setup();
    const r = await service.checkOffered({
      offers: [
        { eventTypeUri: 'https://evil.example/event_types/e1', starts: [C] },
        { eventTypeUri: 'https://api.calendly.com/event_types/nope', starts: [C] },
        { eventTypeUri: E1, starts: ['tomorrow', 42 as unknown as string] },
      ],
    });
    expect(r).toEqual({ ok: true, data: { gone: [] } });
    expect(api.getAvailableTimes).not.toHaveBeenCalled();
  });

  it('not connected: says so, without calling Calendly', async () => {
    const { service, api } = setup({ token: null });
    const r = await service.checkOffered({ offers: [{ eventTypeUri: E1, starts: [A] }] });
    expect(r.ok).toBe(false);
    expect(api.getAvailableTimes).not.toHaveBeenCalled();
  });
});

describe('issue 19: an automatic language follows the event type’s booking page', () => {
  const french = () => ({ ...ET(1, 'Appel découverte'), locale: 'fr' });

  it('formats in the event type’s locale when the setting is automatic, and carries it in the summary', async () => {
    const { service } = setup({ settings: { locale: 'auto' }, api: { listEventTypes: vi.fn(async () => [french()]) } });
    const r = await service.getSlots({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.eventType.locale).toBe('fr');
    expect(r.data.text).toMatch(/jeudi 26 novembre/i);
    expect(r.data.text).not.toMatch(/Thursday/);
  });

  it('a chosen language wins over the event type’s', async () => {
    const { service } = setup({ settings: { locale: 'de' }, api: { listEventTypes: vi.fn(async () => [french()]) } });
    const r = await service.getSlots({});
    expect(r.ok && r.data.text).toMatch(/Donnerstag/);
  });

  it('a locale the formatter lacks (Dutch) falls back to the browser’s language', async () => {
    const dutch = { ...ET(1), locale: 'nl' };
    const { service } = setup({ settings: { locale: 'auto' }, language: 'es-ES', api: { listEventTypes: vi.fn(async () => [dutch]) } });
    const r = await service.getSlots({});
    expect(r.ok && r.data.text).toMatch(/jueves/i);
  });

  it('a summary remembered without a locale (before 0.2) formats in the browser’s language', async () => {
    const { service, store } = setup({ settings: { locale: 'auto' }, language: 'pt-BR' });
    const old = { uri: ET(1).uri, name: 'Old', slug: 't1', oneOff: false, durationMinutes: 30, schedulingUrl: 'https://calendly.com/avery/t1', owner: 'Avery', scope: 'user' as const };
    store.account = { ...store.account!, eventTypes: { '': old } };
    const r = await service.getSlots({});
    expect(r.ok && r.data.text).toMatch(/quinta-feira/i);
  });
});

describe('issue 19: a second time zone remembered per recipient', () => {
  const ANN = 'ann@example.com';
  const zoneLine = (text: string) => text.split('\n').find((l) => l.startsWith('Times shown in')) ?? '';

  it('an insert with a second zone chosen remembers it for each To address, lowercased; the next request for them uses it', async () => {
    const { service, store } = setup();
    const first = await service.getSlots({ overrides: { secondTimeZone: 'Asia/Tokyo' }, insert: true, recipients: ['Ann@Example.com', 'bob@example.com'] });
    expect(first.ok && first.data.secondTimeZone).toBe('Asia/Tokyo');
    expect(store.zones).toEqual({ [ANN]: 'Asia/Tokyo', 'bob@example.com': 'Asia/Tokyo' });

    const again = await service.getSlots({ insert: true, recipients: [ANN] });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.data.secondTimeZone).toBe('Asia/Tokyo');
    expect(zoneLine(again.data.text)).toMatch(/Japan Standard Time/);

    // The answer names who has a zone by key only, and says it was made for this To.
    expect(again.data.zonedRecipients?.sort()).toEqual([recipientKey(ANN), recipientKey('bob@example.com')].sort());
    expect(again.data.personal).toBe(true);
    expect(JSON.stringify(again.data)).not.toContain('example.com');

    const other = await service.getSlots({ insert: true, recipients: ['carol@example.com'] });
    expect(other.ok && other.data.personal).toBeUndefined();
    expect(other.ok && other.data.secondTimeZone).toBeNull();
    expect(other.ok && zoneLine(other.data.text)).not.toMatch(/Japan/);
    const none = await service.getSlots({});
    expect(none.ok && none.data.secondTimeZone).toBeNull();
  });

  it('a remembered zone wins over the settings’ second zone; an explicit override (even None) wins over it', async () => {
    const { service } = setup({ settings: { secondTimeZone: 'Europe/London' }, zones: { [ANN]: 'Asia/Tokyo' } });
    const remembered = await service.getSlots({ recipients: [ANN] });
    expect(remembered.ok && remembered.data.secondTimeZone).toBe('Asia/Tokyo');
    const explicit = await service.getSlots({ overrides: { secondTimeZone: 'America/Denver' }, recipients: [ANN] });
    expect(explicit.ok && explicit.data.secondTimeZone).toBe('America/Denver');
    const cleared = await service.getSlots({ overrides: { secondTimeZone: null }, recipients: [ANN] });
    expect(cleared.ok && cleared.data.secondTimeZone).toBeNull();
    const settings = await service.getSlots({ recipients: ['bob@example.com'] });
    expect(settings.ok && settings.data.secondTimeZone).toBe('Europe/London');
  });

  it('remembers nothing for a preview, for the settings’ default, for None, without recipients, or for a zone that is not one', async () => {
    const { service, store } = setup({ settings: { secondTimeZone: 'Europe/London' } });
    await service.getSlots({ overrides: { secondTimeZone: 'Asia/Tokyo' }, recipients: [ANN] }); // preview
    await service.getSlots({ insert: true, recipients: [ANN] }); // the settings' default
    await service.getSlots({ overrides: { secondTimeZone: null }, insert: true, recipients: [ANN] });
    await service.getSlots({ overrides: { secondTimeZone: 'Asia/Tokyo' }, insert: true });
    await service.getSlots({ overrides: { secondTimeZone: 'Mars/Olympus' }, insert: true, recipients: [ANN] });
    expect(store.zones).toEqual({});
    expect(store.zoneWrites).toBe(0);
  });

  it('takes only address-shaped strings from the request, at most 20', async () => {
    const { service, store } = setup();
    const junk = ['not an address', 42, '<script>@x', ...Array.from({ length: 25 }, (_, i) => `p${i}@example.com`)] as unknown as string[];
    const r = await service.getSlots({ overrides: { secondTimeZone: 'Asia/Tokyo' }, insert: true, recipients: junk });
    expect(r.ok).toBe(true);
    expect(Object.keys(store.zones)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}@example.com`));
    const notAList = await service.getSlots({ recipients: 'ann@example.com' as unknown as string[] });
    expect(notAList.ok).toBe(true);
  });

  it('counts and forgets the remembered zones; disconnect keeps them', async () => {
    const { service, store } = setup({ zones: { [ANN]: 'Asia/Tokyo', 'bob@example.com': 'Europe/Paris' } });
    expect(await service.countRecipientZones()).toBe(2);
    await service.disconnect();
    expect(await service.countRecipientZones()).toBe(2);
    expect(await service.forgetRecipientZones()).toEqual({ ok: true, data: null });
    expect(store.zones).toEqual({});
    expect(await service.countRecipientZones()).toBe(0);
  });

  it('an insert whose zone cannot be stored still inserts', async () => {
    const { service } = setup({ zonesFail: true });
    const r = await service.getSlots({ overrides: { secondTimeZone: 'Asia/Tokyo' }, insert: true, recipients: [ANN] });
    expect(r.ok && r.data.secondTimeZone).toBe('Asia/Tokyo');
  });
});
